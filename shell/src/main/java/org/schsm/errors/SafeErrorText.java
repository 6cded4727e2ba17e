package org.schsm.errors;

import groovy.lang.MissingMethodException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.codehaus.groovy.control.MultipleCompilationErrorsException;
import org.schsm.SchsmException;

/**
 * Error messages and stack traces of the shell, scripts and conformance suites without the
 * values of arguments. Groovy puts them into its messages: {@code No signature of method:
 * SmartCardHsm.verify() is applicable for argument types: (String) values: [314159]}, {@code
 * Cannot cast object '314159' with class ...}, a syntax error quotes the source line. Any of
 * those values may be a PIN.
 *
 * <p>The toolkit's own exceptions ({@link SchsmException}) are written never to contain a secret
 * and are shown as they are. For everything else: a missing method is described by the argument
 * types only; in any other message every quoted text longer than {@value #KEEP_QUOTED} characters
 * that is not a class name is masked, so is the {@code values: [...]} list, and the source lines
 * a compilation error quotes are dropped.
 */
public final class SafeErrorText {
    static final String MASK = "****";
    /** Quoted texts up to this length stay: {@code unexpected input: '('}, never a PIN (6 characters or more). */
    static final int KEEP_QUOTED = 3;
    private static final Pattern QUOTED = Pattern.compile("'([^'\\n]*)'|\"([^\"\\n]*)\"");
    private static final Pattern VALUES = Pattern.compile("values: \\[[^\\n]*");
    private static final Pattern SOLUTIONS = Pattern.compile("Possible solutions: (.*)");

    private SafeErrorText() {
    }

    /** The whole message of {@code t} with argument values masked; "" when it has none. */
    public static String message(Throwable t) {
        if (t instanceof SchsmException) {
            return t.getMessage() == null ? "" : t.getMessage();
        }
        if (t instanceof MissingMethodException missing) {
            return missingMethod(missing);
        }
        if (t instanceof MultipleCompilationErrorsException) {
            return compileMessage(String.valueOf(t.getMessage()));
        }
        return t.getMessage() == null ? "" : mask(t.getMessage());
    }

    /**
     * A file name from the command line, for a message saying it cannot be read: shown when it
     * looks like a file name (it has an extension) or exists; otherwise not, since a word in a
     * file's place can be a PIN that slipped there ({@code --pin 648219 271828}).
     */
    public static String fileName(java.nio.file.Path file) {
        String name = String.valueOf(file);
        return name.matches("(?s).*\\.[A-Za-z][A-Za-z0-9]{0,7}") || java.nio.file.Files.exists(file)
                ? name : "(name not shown: it could be a misplaced secret)";
    }

    /** The first line of {@link #message}. */
    public static String firstLine(Throwable t) {
        String m = message(t).strip();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl).strip();
    }

    /** {@code Type: first line}, the form used where the type is not obvious. */
    public static String typeAndFirstLine(Throwable t) {
        String m = firstLine(t);
        return m.isEmpty() ? t.getClass().getSimpleName() : t.getClass().getSimpleName() + ": " + m;
    }

    /**
     * A stack trace as {@link Throwable#printStackTrace} prints it (causes and suppressed
     * exceptions included), with every message through {@link #message}.
     */
    public static void printTrace(Throwable t, PrintWriter out) {
        print(t, out, "", "", Collections.newSetFromMap(new IdentityHashMap<>()));
        out.flush();
    }

    private static void print(Throwable t, PrintWriter out, String caption, String indent, Set<Throwable> seen) {
        if (!seen.add(t)) {
            out.println(indent + caption + "[circular reference: " + t.getClass().getName() + "]");
            return;
        }
        String m = message(t);
        out.println(indent + caption + t.getClass().getName() + (m.isEmpty() ? "" : ": " + m));
        for (StackTraceElement e : t.getStackTrace()) {
            out.println(indent + "\tat " + e);
        }
        for (Throwable s : t.getSuppressed()) {
            print(s, out, "Suppressed: ", indent + "\t", seen);
        }
        if (t.getCause() != null) {
            print(t.getCause(), out, "Caused by: ", indent, seen);
        }
    }

    private static String missingMethod(MissingMethodException e) {
        List<String> types = new ArrayList<>();
        Object[] arguments = e.getArguments() == null ? new Object[0] : e.getArguments();
        for (Object a : arguments) {
            types.add(a == null ? "null" : a.getClass().getSimpleName());
        }
        String owner = e.getType() == null ? "" : e.getType().getSimpleName() + ".";
        StringBuilder text = new StringBuilder("No signature of method: ").append(owner).append(e.getMethod())
                .append("() is applicable for argument types: (").append(String.join(", ", types))
                .append(") (values not shown)");
        // Groovy's suggestions are signatures of existing methods: names and parameter types only.
        Matcher solutions = SOLUTIONS.matcher(String.valueOf(e.getMessage()));
        if (solutions.find()) {
            text.append("\nPossible solutions: ").append(mask(solutions.group(1)));
        }
        return text.toString();
    }

    /** The error lines of a compilation failure, without the source lines Groovy quotes under each. */
    private static String compileMessage(String message) {
        List<String> lines = new ArrayList<>();
        for (String line : message.split("\\R")) {
            if (line.isBlank() || Character.isWhitespace(line.charAt(0)) || line.startsWith("startup failed")) {
                continue;   // the quoted source and the caret under it start with blanks
            }
            lines.add(mask(line));
        }
        return String.join("\n", lines);
    }

    /** {@code text} with its {@code values: [...]} list and its longer quoted texts masked. */
    static String mask(String text) {
        String out = VALUES.matcher(text).replaceAll("values: [" + MASK + "]");
        Matcher m = QUOTED.matcher(out);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String content = m.group(1) != null ? m.group(1) : m.group(2);
            String quote = m.group(1) != null ? "'" : "\"";
            String shown = content.length() <= KEEP_QUOTED || isClassName(content) ? content : MASK;
            m.appendReplacement(sb, Matcher.quoteReplacement(quote + shown + quote));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    /** True for a class name Groovy quotes in cast errors ({@code 'java.lang.String'}, {@code 'org.schsm.hsm.Pin'}). */
    private static boolean isClassName(String s) {
        if (!s.matches("[A-Za-z_$][\\w$]*(?:\\.[A-Za-z_$][\\w$]*)+(?:\\[\\])*")) {
            return false;
        }
        try {
            Class.forName(s.replace("[]", ""), false, SafeErrorText.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;   // not a class: treat as a value
        }
    }
}
