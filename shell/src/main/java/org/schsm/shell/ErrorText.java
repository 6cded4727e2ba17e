package org.schsm.shell;

import java.io.PrintWriter;
import org.codehaus.groovy.control.MultipleCompilationErrorsException;
import org.codehaus.groovy.runtime.InvokerInvocationException;
import org.schsm.SchsmException;
import org.schsm.cli.ErrorReporter;
import org.schsm.hsm.BrickGuardException;

/** One line per error for users (whole brick-guard refusals), the full trace on demand, the CLI's exit codes. */
final class ErrorText {
    private ErrorText() {
    }

    /** The exception the user caused, without Groovy's reflective wrappers. */
    static Throwable unwrap(Throwable e) {
        Throwable t = e;
        while (t instanceof InvokerInvocationException && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    /**
     * {@code VERIFY refused by the card: 63C2 (wrong PIN, 2 tries left)} for toolkit errors (their
     * messages are written for users); the type and first line of the message for anything else.
     */
    static String oneLine(Throwable e) {
        Throwable t = unwrap(e);
        if (t instanceof MultipleCompilationErrorsException compile) {
            return "syntax: " + compileMessage(compile);
        }
        String message = firstLine(t.getMessage());
        if (t instanceof SchsmException) {
            return message;
        }
        String type = t.getClass().getSimpleName();
        return message.isEmpty() ? type : type + ": " + message;
    }

    /**
     * What the user is shown for an error: {@link #oneLine} for most, but the whole message of a
     * {@link BrickGuardException}, whose following lines say what the refused command would have
     * cost and how to force it.
     */
    static String message(Throwable e) {
        Throwable t = unwrap(e);
        if (t instanceof BrickGuardException && t.getMessage() != null) {
            return t.getMessage().strip();
        }
        return oneLine(t);
    }

    private static String compileMessage(MultipleCompilationErrorsException e) {
        String[] lines = String.valueOf(e.getMessage()).split("\\R");
        for (String line : lines) {
            String l = line.strip();
            if (!l.isEmpty() && !l.startsWith("startup failed")) {
                return l.replaceFirst("^[^:]*\\.groovy: ", "line ");
            }
        }
        return "the input does not compile";
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int nl = message.indexOf('\n');
        return (nl < 0 ? message : message.substring(0, nl)).strip();
    }

    static void printTrace(Throwable e, PrintWriter out) {
        if (e == null) {
            out.println("no error so far");
        } else {
            e.printStackTrace(out);
        }
        out.flush();
    }

    /**
     * The CLI's mapping ({@link ErrorReporter#exitCodeOf}) after unwrapping Groovy's wrappers:
     * brick guard 4, card refusal 1, bad input 2, no card 3; anything else (a script's own
     * error, a Groovy error) 1.
     */
    static int exitCode(Throwable e) {
        int code = ErrorReporter.exitCodeOf(unwrap(e));
        return code < 0 ? 1 : code;
    }
}
