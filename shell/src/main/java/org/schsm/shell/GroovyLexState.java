package org.schsm.shell;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Just enough of Groovy's lexical structure to tell whether input is complete (open brackets,
 * strings {@code '}, {@code "}, {@code '''}, {@code """}, and comments) and where its string
 * literals are. The shell's one Groovy scanner: the line parser, the declaration rewriter and the
 * history mask all read input through it. Slashy strings are not recognised (a {@code /} is
 * division).
 */
final class GroovyLexState {
    private enum Mode { CODE, SINGLE, DOUBLE, TRIPLE_SINGLE, TRIPLE_DOUBLE, LINE_COMMENT, BLOCK_COMMENT }

    /** A string literal: [start, end) including quotes, [contentStart, contentEnd) without. */
    record Literal(int start, int contentStart, int contentEnd, int end) {
        String content(String text) {
            return text.substring(contentStart, contentEnd);
        }
    }

    private final Deque<Character> brackets = new ArrayDeque<>();
    private final List<Literal> literals = new ArrayList<>();
    private Mode mode = Mode.CODE;
    private boolean escaped;
    private char previous;
    /** Characters fed before the current {@link #feed} call: positions in literals count from the first. */
    private int fed;
    private int literalStart;

    void feed(CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            i = step(text, i);
        }
        fed += text.length();
    }

    /** The string literals of {@code text}, comments skipped; one left open ends where the text does. */
    static List<Literal> literals(String text) {
        GroovyLexState state = new GroovyLexState();
        state.feed(text);
        List<Literal> out = new ArrayList<>(state.literals);
        if (state.inString()) {
            out.add(new Literal(state.literalStart, state.literalStart + state.quoteLength(), text.length(), text.length()));
        }
        return out;
    }

    private boolean inString() {
        return mode == Mode.SINGLE || mode == Mode.DOUBLE || mode == Mode.TRIPLE_SINGLE || mode == Mode.TRIPLE_DOUBLE;
    }

    private int quoteLength() {
        return mode == Mode.TRIPLE_SINGLE || mode == Mode.TRIPLE_DOUBLE ? 3 : 1;
    }

    /** Ends the open literal whose content stops at {@code i}; {@code quotes} closing quotes follow. */
    private void closeLiteral(int i, int quotes) {
        literals.add(new Literal(literalStart, literalStart + quoteLength(), fed + i, fed + i + quotes));
        mode = Mode.CODE;
    }

    /** Processes the character at {@code i}; returns the index of the last character consumed. */
    private int step(CharSequence text, int i) {
        char c = text.charAt(i);
        switch (mode) {
            case CODE -> {
                return code(text, i, c);
            }
            case LINE_COMMENT -> {
                if (c == '\n') {
                    mode = Mode.CODE;
                }
            }
            case BLOCK_COMMENT -> {
                if (c == '/' && previous == '*') {
                    mode = Mode.CODE;
                    c = 0;
                }
            }
            case SINGLE, DOUBLE -> {
                char quote = mode == Mode.SINGLE ? '\'' : '"';
                if (escaped) {
                    escaped = false;
                } else if (c == '\\') {
                    escaped = true;
                } else if (c == quote) {
                    closeLiteral(i, 1);
                } else if (c == '\n') {
                    closeLiteral(i, 0);    // a newline ends an unterminated one-line string: Groovy reports it
                }
            }
            case TRIPLE_SINGLE, TRIPLE_DOUBLE -> {
                char quote = mode == Mode.TRIPLE_SINGLE ? '\'' : '"';
                if (escaped) {
                    escaped = false;
                } else if (c == '\\') {
                    escaped = true;
                } else if (c == quote && startsWith(text, i, quote)) {
                    closeLiteral(i, 3);
                    previous = quote;
                    return i + 2;
                }
            }
            default -> throw new IllegalStateException(mode.name());
        }
        previous = c;
        return i;
    }

    private int code(CharSequence text, int i, char c) {
        previous = c;
        switch (c) {
            case '(', '[', '{' -> brackets.push(c);
            case ')', ']', '}' -> {
                if (!brackets.isEmpty()) {
                    brackets.pop();
                }
            }
            case '\'', '"' -> {
                literalStart = fed + i;
                if (startsWith(text, i, c)) {
                    mode = c == '\'' ? Mode.TRIPLE_SINGLE : Mode.TRIPLE_DOUBLE;
                    return i + 2;
                }
                mode = c == '\'' ? Mode.SINGLE : Mode.DOUBLE;
            }
            case '/' -> {
                if (i + 1 < text.length() && text.charAt(i + 1) == '/') {
                    mode = Mode.LINE_COMMENT;
                    return i + 1;
                }
                if (i + 1 < text.length() && text.charAt(i + 1) == '*') {
                    mode = Mode.BLOCK_COMMENT;
                    previous = 0;
                    return i + 1;
                }
            }
            default -> {
                // other characters do not change the state
            }
        }
        return i;
    }

    private static boolean startsWith(CharSequence text, int i, char quote) {
        return i + 2 < text.length() && text.charAt(i + 1) == quote && text.charAt(i + 2) == quote;
    }

    /** Outside every bracket, string and comment. */
    boolean atTopLevel() {
        return brackets.isEmpty() && (mode == Mode.CODE || mode == Mode.LINE_COMMENT);
    }

    /** What is still open, for the continuation prompt; null when the input is complete. */
    String missing() {
        return switch (mode) {
            // a one-line string left open is a syntax error Groovy reports, unless a backslash continues it
            case SINGLE -> escaped ? "'" : null;
            case TRIPLE_SINGLE -> "'''";
            case DOUBLE -> escaped ? "\"" : null;
            case TRIPLE_DOUBLE -> "\"\"\"";
            case BLOCK_COMMENT -> "*/";
            default -> brackets.isEmpty() ? null : String.valueOf(closing(brackets.peek()));
        };
    }

    int openBrackets() {
        return brackets.size();
    }

    private static char closing(char open) {
        return open == '(' ? ')' : open == '[' ? ']' : '}';
    }
}
