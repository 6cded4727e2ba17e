package org.schsm.shell;

import java.io.PrintWriter;
import org.codehaus.groovy.control.MultipleCompilationErrorsException;
import org.codehaus.groovy.runtime.InvokerInvocationException;
import org.schsm.InvalidInputException;
import org.schsm.SchsmException;
import org.schsm.apdu.StatusWordException;
import org.schsm.cli.ExitCode;
import org.schsm.transport.TransportException;

/** One line per error for users, the full trace on demand, and the CLI's exit-code mapping. */
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

    /** The CLI's mapping: card refusal 1, bad input 2, no card 3, anything else 1. */
    static int exitCode(Throwable e) {
        Throwable t = unwrap(e);
        if (t instanceof StatusWordException) {
            return ExitCode.CARD_REFUSED;
        }
        if (t instanceof InvalidInputException) {
            return ExitCode.BAD_INPUT;
        }
        if (t instanceof TransportException) {
            return ExitCode.NO_CARD;
        }
        return 1;
    }
}
