package org.schsm.session;

import org.schsm.InvalidInputException;
import org.schsm.SchsmException;
import org.schsm.apdu.StatusWordException;
import org.schsm.errors.SafeErrorText;
import org.schsm.hsm.BrickGuardException;
import org.schsm.transport.TransportException;
import picocli.CommandLine;

/**
 * Turns an exception into one clear line on stderr and an exit code. The stack trace is shown
 * only with {@code SCHSM_DEBUG=1}: users need the cause, not the call chain.
 */
public final class ErrorReporter implements CommandLine.IExecutionExceptionHandler {

    /**
     * The one mapping from an exception to an {@link ExitCode}, shared by the commands, the shell
     * and {@code schsm run}: guard 4, card refusal 1, bad input 2, no card 3; -1 for anything
     * else (a bug: the caller decides how to report it).
     */
    public static int exitCodeOf(Throwable e) {
        if (e instanceof BrickGuardException) {
            return ExitCode.GUARD;
        }
        if (e instanceof StatusWordException) {
            return ExitCode.CARD_REFUSED;
        }
        if (e instanceof InvalidInputException) {
            return ExitCode.BAD_INPUT;
        }
        if (e instanceof TransportException) {
            return ExitCode.NO_CARD;
        }
        return -1;
    }

    @Override
    public int handleExecutionException(Exception e, CommandLine cl, CommandLine.ParseResult parsed) throws Exception {
        int code = exitCodeOf(e);
        if (code < 0) {
            // A bug. Its trace is worth a report, but a message of a foreign exception may quote a
            // value (a PIN among them): the trace is printed with values masked.
            cl.getErr().println("schsm: internal error (please report it with the trace below): "
                    + SafeErrorText.typeAndFirstLine(e));
            SafeErrorText.printTrace(e, cl.getErr());
            return CommandLine.ExitCode.SOFTWARE;
        }
        cl.getErr().println("schsm: " + (e instanceof SchsmException s ? s.message(CliRemedies::command) : e.getMessage()));
        if ("1".equals(System.getenv("SCHSM_DEBUG"))) {
            SafeErrorText.printTrace(e, cl.getErr());
        }
        return code;
    }
}
