package org.schsm.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.schsm.apdu.Hex;
import org.schsm.apdu.ResponseApdu;
import org.schsm.simulator.SimulatedCard;
import org.schsm.simulator.SimulatorTransport;
import org.schsm.testkit.InProcessSchsm;
import org.schsm.testkit.SchsmRun;
import org.schsm.transport.CardTransport;
import org.schsm.transport.TraceFormat;
import org.schsm.transport.Transports;

/**
 * What the tracer writes, {@link TraceReplay} reads back, in every form a trace takes: a bare
 * sink, {@code schsm -v} ({@code trace }), and each card of a differential run ({@code trace[A] }).
 */
class TraceRoundTripTest {
    private static final String[] SESSION = {
        ConformanceRunnerTest.SELECT,
        "00 20 00 81",                                  // status query: 6A88 on a fresh card
        "80 58 00 00 00",                               // ENUMERATE OBJECTS
        "00 A4 00 00 02 2F 02 00",                      // SELECT EF.C_DevAut: an FCP answer
        "00 B1 00 00 04 54 02 00 00 00",                // READ BINARY of it: data to compare
        "00 20 00 81 06 31 32 33 34 35 36",             // VERIFY with a PIN: redacted in the trace
        "00 B0 00 00 05 AA",                            // malformed: Lc disagrees with the data
    };

    @TempDir
    Path dir;

    /** Records {@link #SESSION} on a fresh card; returns the answers, the trace lines go to {@code sink}. */
    private static List<ResponseApdu> record(Consumer<String> sink) {
        List<ResponseApdu> answers = new ArrayList<>();
        CardTransport card = Transports.decorate(new SimulatorTransport(SimulatedCard.create()), true, sink);
        for (String command : SESSION) {
            answers.add(ResponseApdu.decode(card.transmit(Hex.decode(command))));
        }
        return answers;
    }

    @ParameterizedTest
    @ValueSource(strings = {"bare", "trace", "A", "B"})
    void everyPrefixFormReadsBackAsTheSessionRecorded(String form) {
        List<String> lines = new ArrayList<>();
        Consumer<String> sink = switch (form) {
            case "bare" -> lines::add;
            case "trace" -> TraceFormat.prefixed(null, lines::add);
            default -> TraceFormat.prefixed(form, lines::add);
        };
        List<ResponseApdu> answers = record(sink);
        assertSteps(answers, TraceReplay.parse(lines));
    }

    @Test
    void aDifferentialTraceReplaysTheFirstCard() {
        List<String> lines = new ArrayList<>();
        lines.add("note: something else on stderr");
        List<ResponseApdu> first = record(TraceFormat.prefixed("A", lines::add));
        record(TraceFormat.prefixed("B", lines::add));
        List<TraceReplay.Step> steps = TraceReplay.parse(lines);
        assertSteps(first, steps);
        assertTrue(lines.get(steps.get(0).line() - 1).startsWith("trace[A] >> "), lines.toString());
    }

    private static void assertSteps(List<ResponseApdu> answers, List<TraceReplay.Step> steps) {
        assertEquals(SESSION.length, steps.size(), steps.toString());
        for (int i = 0; i < SESSION.length; i++) {
            TraceReplay.Step step = steps.get(i);
            byte[] sent = Hex.decode(SESSION[i]);
            if (sent[1] == 0x20 && sent.length > 5) {
                assertNull(step.command(), "a PIN is never in the trace");
                assertArrayEquals(Hex.decode("0020008106"), step.header());
            } else {
                assertArrayEquals(sent, step.command(), step.shown());
            }
            assertEquals(answers.get(i), step.expected(), step.shown());
        }
    }

    @Test
    void aTraceOfADifferentialRunReplaysWithSchsmTest() throws Exception {
        Path suite = dir.resolve("status.groovy");
        Files.writeString(suite, TestCommandTest.STATUS_SUITE);
        SchsmRun recorded = InProcessSchsm.schsm("-v", "test", "-r", "sim:fresh", "-r", "sim:fresh", suite.toString());
        assertEquals(0, recorded.exitCode(), recorded.toString());
        assertTrue(recorded.err().contains("trace[A] >> 00 20 00 81"), recorded.toString());
        assertTrue(recorded.err().contains("trace[B] >> 00 20 00 81"), recorded.toString());
        Path trace = dir.resolve("diff.trace");
        Files.writeString(trace, recorded.err());

        SchsmRun replayed = InProcessSchsm.schsm("test", "-r", "sim:fresh", "--replay", trace.toString());
        assertEquals(0, replayed.exitCode(), replayed.toString());
        assertEquals("1 passed, 0 failed, 0 skipped", replayed.lastLine());
    }
}
