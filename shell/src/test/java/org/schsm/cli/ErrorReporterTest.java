package org.schsm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.schsm.session.ErrorReporter;
import picocli.CommandLine;

class ErrorReporterTest {
    @Test
    void aBugIsReportedWithItsTraceButWithoutTheValuesItsMessageQuotes() throws Exception {
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new Main());
        cl.setErr(new PrintWriter(err, true));
        int code = new ErrorReporter().handleExecutionException(
                new IllegalStateException("unexpected PIN 'Tq7#pL2v'", new NumberFormatException("For input string: \"Tq7#pL2v\"")),
                cl, null);
        assertEquals(CommandLine.ExitCode.SOFTWARE, code);
        assertTrue(err.toString().startsWith("schsm: internal error (please report it with the trace below): "
                + "IllegalStateException: unexpected PIN '****'"), err.toString());
        assertTrue(err.toString().contains("Caused by: java.lang.NumberFormatException: For input string: \"****\""), err.toString());
        assertTrue(err.toString().contains("\tat "), err.toString());
        assertFalse(err.toString().contains("Tq7#pL2v"), err.toString());
    }
}
