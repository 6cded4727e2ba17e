package org.schsm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.schsm.session.ExitCode;
import org.schsm.testkit.HsmConstants;
import org.schsm.testkit.InProcessSchsm;
import org.schsm.testkit.SchsmRun;

class SendCommandTest {
    private static final String SELECT = HsmConstants.compact(HsmConstants.SELECT);

    @TempDir
    Path dir;

    @Test
    void selectPrintsFcpAndSuccess() {
        SchsmRun r = InProcessSchsm.onSimulator(dir.resolve("card.state")).run("send", SELECT);
        assertEquals(ExitCode.OK, r.exitCode(), r::toString);
        assertTrue(r.out().contains("85 05"), r::toString);
        assertTrue(r.out().contains("9000 (success)"), r::toString);
    }

    @Test
    void refusedCommandExitsOneWithMeaning() {
        SchsmRun r = InProcessSchsm.onSimulator(dir.resolve("card.state")).run("send", SELECT, "00 20 00 88");
        assertEquals(ExitCode.CARD_REFUSED, r.exitCode(), r::toString);
        assertTrue(r.out().contains("6A88 (referenced data not found"), r::toString);
    }

    @Test
    void malformedSecondApduSendsNothingAtAll() {
        Path state = dir.resolve("card.state");
        SchsmRun r = InProcessSchsm.onSimulator(state).run("send", SELECT, "00 A4 0");
        assertEquals(ExitCode.BAD_INPUT, r.exitCode(), r::toString);
        assertTrue(r.err().contains("APDU #2"), r::toString);
        assertTrue(r.out().isEmpty(), "nothing may be sent: " + r);
        assertFalse(Files.exists(state), "the card must not even have been opened");
    }

    @Test
    void rawModeSendsMalformedApdusAsTheyAreAndTheCardAnswers() {
        SchsmRun r = InProcessSchsm.onSimulator(dir.resolve("card.state")).run("send", "--raw", SELECT, "00 20 00", "00 20 00 81 06 31 32");
        assertEquals(ExitCode.CARD_REFUSED, r.exitCode(), r::toString);
        assertTrue(r.out().contains(">> 00 20 00 (malformed"), r::toString);
        assertTrue(r.out().contains(">> 00 20 00 81 ** (malformed"), "VERIFY data stays hidden: " + r);
        assertFalse(r.all().contains("31 32"), r::toString);
        assertEquals(2, r.out().lines().filter(l -> l.contains("6700 (")).count(), r::toString);
    }

    @Test
    void withoutRawAMalformedApduIsRefusedBeforeAnythingIsSent() {
        Path state = dir.resolve("card.state");
        SchsmRun r = InProcessSchsm.onSimulator(state).run("send", "00 20 00");
        assertEquals(ExitCode.BAD_INPUT, r.exitCode(), r::toString);
        assertFalse(Files.exists(state), r::toString);
        assertEquals(ExitCode.BAD_INPUT, InProcessSchsm.onSimulator(state).run("send", "--raw", "00").exitCode());
    }

    @Test
    void verifyDataIsRedactedInOutput() {
        SchsmRun r = InProcessSchsm.onSimulator(dir.resolve("card.state")).run("send", SELECT, "00 20 00 81 06 31 32 33 34 35 36");
        assertTrue(r.out().contains("00 20 00 81 06 **"), r::toString);
        assertFalse(r.all().contains("31 32 33 34 35 36"), r::toString);
    }

    @Test
    void jsonOutputCarriesSwAndMeaning() {
        SchsmRun r = InProcessSchsm.onSimulator(dir.resolve("card.state")).run("send", "--json", SELECT);
        com.google.gson.JsonArray a = com.google.gson.JsonParser.parseString(r.out()).getAsJsonArray();
        assertEquals("9000", a.get(0).getAsJsonObject().get("sw").getAsString());
        assertEquals("success", a.get(0).getAsJsonObject().get("meaning").getAsString());
    }

    @Test
    void unknownOptionIsUsageErrorTwo() {
        assertEquals(ExitCode.BAD_INPUT, InProcessSchsm.schsm("send", "--no-such-option", SELECT).exitCode());
    }
}
