package org.schsm.shell;

import java.io.PrintWriter;
import org.codehaus.groovy.control.MultipleCompilationErrorsException;
import org.codehaus.groovy.runtime.InvokerInvocationException;
import org.schsm.SchsmException;
import org.schsm.errors.SafeErrorText;
import org.schsm.hsm.BrickGuardException;
import org.schsm.session.ErrorReporter;

/**
 * One line per error for users (whole brick-guard refusals), the full trace on demand, the CLI's
 * exit codes. Messages and traces go through {@link SafeErrorText}: no argument value is shown.
 */
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
        if (t instanceof MultipleCompilationErrorsException) {
            String first = SafeErrorText.firstLine(t).replaceFirst("^[^:]*\\.groovy: ", "line ");
            return "syntax: " + (first.isEmpty() ? "the input does not compile" : first);
        }
        if (t instanceof SchsmException) {
            return SafeErrorText.firstLine(t);
        }
        return SafeErrorText.typeAndFirstLine(t);
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

    /** The full stack trace, with argument values masked as in {@link SafeErrorText}. */
    static void printTrace(Throwable e, PrintWriter out) {
        if (e == null) {
            out.println("no error so far");
            out.flush();
        } else {
            SafeErrorText.printTrace(e, out);
        }
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
