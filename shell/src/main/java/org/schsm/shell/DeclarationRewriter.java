package org.schsm.shell;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes top-level declarations persist between shell lines: {@code def x = 1} (or {@code var x = 1})
 * becomes {@code x = 1}, a binding variable, because a local of one line's script would be gone
 * on the next. Only statements that start a line outside any bracket are rewritten; {@code def f()
 * {...}} method definitions are left alone (use a closure, {@code f = { ... }}).
 */
final class DeclarationRewriter {
    private static final Pattern DECLARATION =
            Pattern.compile("^(\\s*)(?:def|var)\\s+([A-Za-z_$][\\w$]*)(\\s*=(?!=))");

    private DeclarationRewriter() {
    }

    static String rewrite(String input) {
        StringBuilder out = new StringBuilder(input.length());
        GroovyLexState state = new GroovyLexState();
        String[] lines = input.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (state.atTopLevel()) {
                Matcher m = DECLARATION.matcher(line);
                if (m.find()) {
                    line = m.group(1) + m.group(2) + m.group(3) + line.substring(m.end());
                }
            }
            state.feed(lines[i]);
            state.feed("\n");
            out.append(line);
            if (i < lines.length - 1) {
                out.append('\n');
            }
        }
        return out.toString();
    }
}
