package org.schsm.shell;

import java.io.PrintWriter;
import java.util.function.Function;
import org.codehaus.groovy.control.MultipleCompilationErrorsException;
import org.codehaus.groovy.runtime.InvokerInvocationException;
import org.schsm.Remedy;
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
        return oneLine(e, ShellRemedies::call);
    }

    /** {@link #oneLine(Throwable)}, each remedy said by {@code say}. */
    static String oneLine(Throwable e, Function<? super Remedy, String> say) {
        Throwable t = unwrap(e);
        if (t instanceof MultipleCompilationErrorsException) {
            String first = SafeErrorText.firstLine(t).replaceFirst("^[^:]*\\.groovy: ", "line ");
            return "syntax: " + (first.isEmpty() ? "the input does not compile" : first);
        }
        if (t instanceof SchsmException s) {
            String m = s.message(say).strip();
            int nl = m.indexOf('\n');
            return nl < 0 ? m : m.substring(0, nl).strip();
        }
        return SafeErrorText.typeAndFirstLine(t);
    }

    /**
     * What the user is shown for an error: {@link #oneLine} for most, but the whole message of a
     * {@link BrickGuardException}, whose following lines say what the refused command would have
     * cost and how to force it.
     */
    static String message(Throwable e) {
        return message(e, ShellRemedies::call);
    }

    /** {@link #message(Throwable)}, each remedy said by {@code say}. */
    static String message(Throwable e, Function<? super Remedy, String> say) {
        Throwable t = unwrap(e);
        if (t instanceof BrickGuardException refusal) {
            return refusal.message(say).strip();
        }
        return oneLine(t, say);
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
