package org.schsm.cli.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.schsm.apdu.Hex;
import org.schsm.session.ExitCode;
import org.schsm.simulator.SimulatedCard;
import org.schsm.testkit.InteropTest;
import org.schsm.testkit.PcscEnvironment;
import org.schsm.testkit.ProcessResult;
import org.schsm.testkit.Requirement;
import org.schsm.testkit.SchsmRun;

/** schsm's reader handling on the real PC/SC stack: listing, doctor, unknown reader, card removed. */
@InteropTest({Requirement.PCSCD, Requirement.VPCD_DRIVER, Requirement.OPENSC_TOOL, Requirement.VPCD_READER})
@Timeout(240)
class ReaderHandlingInteropTest extends CardInReaderTest {
    /** The brief's bound for a removed card: the user hears about it at once, not after a PC/SC timeout. */
    private static final long REMOVED_CARD_MILLIS = 2_000;

    @Test
    void readersListsTheVpcdReaderWithTheCardAndItsAtr() throws Exception {
        reader = CardInReader.insertFresh(dir.resolve("card.state"));

        SchsmRun text = Tools.schsmBare("readers");
        assertEquals(ExitCode.OK, text.exitCode(), text.toString());
        String line = text.out().lines().filter(l -> l.contains(CardInReader.NAME)).findFirst()
                .orElseThrow(() -> new AssertionError("no line for " + CardInReader.NAME + ": " + text));
        assertTrue(line.endsWith("card  " + Hex.spaced(Hex.decode(SimulatedCard.ATR_HEX))), line);

        SchsmRun json = Tools.schsmBare("readers", "--json");
        assertEquals(ExitCode.OK, json.exitCode(), json.toString());
        JsonArray readers = JsonParser.parseString(json.out()).getAsJsonObject().getAsJsonArray("readers");
        JsonObject ours = null;
        for (JsonElement e : readers) {
            if (e.getAsJsonObject().get("name").getAsString().equals(CardInReader.NAME)) {
                ours = e.getAsJsonObject();
            }
        }
        assertTrue(ours != null, json.toString());
        assertTrue(ours.get("cardPresent").getAsBoolean(), ours.toString());
        assertEquals(SimulatedCard.ATR_HEX.replace(" ", "").toUpperCase(), ours.get("atr").getAsString().toUpperCase());
        // opensc-tool reads the same ATR through pcscd
        ProcessResult atr = Tools.openscTool("-a");
        assertTrue(atr.succeeded(), atr.describe());
        assertEquals(SimulatedCard.ATR_HEX.replace(" ", "").toLowerCase(), atr.stdout().trim().replace(":", ""),
                atr.describe());
    }

    @Test
    void doctorRunsOverPcscAndReportsTheStateScHsmToolSees() throws Exception {
        PcscEnvironment.require(Requirement.SC_HSM_TOOL);
        reader = CardInReader.insertFresh(dir.resolve("card.state"));
        Tools.initialize();

        SchsmRun doctor = Tools.schsm("doctor");
        assertEquals(ExitCode.OK, doctor.exitCode(), doctor.toString());
        assertTrue(doctor.out().contains("Device: SmartCard-HSM version 3.6"), doctor.toString());
        assertTrue(doctor.out().contains("SO-PIN tries left: 15"), doctor.toString());
        assertTrue(doctor.out().contains("user PIN tries left: 3"), doctor.toString());
        assertTrue(doctor.out().contains("Diagnosis: "), doctor.toString());

        SchsmRun json = Tools.schsm("doctor", "--json");
        assertEquals(ExitCode.OK, json.exitCode(), json.toString());
        assertTrue(JsonParser.parseString(json.out()).isJsonObject(), json.toString());
    }

    @Test
    void anUnknownReaderExitsTwoWithOneLineNamingTheReaders() {
        SchsmRun run = Tools.schsmBare("-r", "nonexistent", "status");

        assertEquals(ExitCode.BAD_INPUT, run.exitCode(), run.toString());
        assertEquals("", run.out(), run.toString());
        List<String> lines = run.err().lines().toList();
        assertEquals(1, lines.size(), "one line: " + run);
        assertTrue(lines.get(0).startsWith("schsm: no reader matches 'nonexistent'"), run.toString());
        assertTrue(lines.get(0).contains("'" + CardInReader.NAME + "'"), "the message names the readers: " + run);
    }

    @Test
    void aCardTakenOutOfTheReaderExitsThreeWithinTwoSeconds() throws Exception {
        reader = CardInReader.insertFresh(dir.resolve("card.state"));
        SchsmRun before = Tools.schsm("status");
        assertEquals(ExitCode.OK, before.exitCode(), before.toString());
        if (!reader.takeOut()) { // stops the vpcd client and waits until pcscd shows the reader empty
            PcscEnvironment.unavailable("another vpcd client put its card into '" + CardInReader.NAME
                    + "' as soon as ours left; cannot test an empty reader");
        }

        SchsmRun run = Tools.schsm("status");

        assertNoCard(run);
        assertTrue(run.err().contains("no card in reader '" + CardInReader.NAME + "'"), run.toString());
        SchsmRun listed = Tools.schsmBare("readers");
        assertTrue(listed.out().lines().anyMatch(l -> l.contains(CardInReader.NAME) && l.endsWith("empty")),
                listed.toString());
    }

    @Test
    void aCardRemovedJustBeforeTheCommandExitsThreeWithinTwoSeconds() throws Exception {
        reader = CardInReader.insertFresh(dir.resolve("card.state"));
        SchsmRun before = Tools.schsm("status");
        assertEquals(ExitCode.OK, before.exitCode(), before.toString());

        reader.card().remove(); // no waiting: pcscd may still believe the card is there

        SchsmRun run = Tools.schsm("status");
        assertEquals(ExitCode.NO_CARD, run.exitCode(), run.toString());
        assertTrue(run.millis() < REMOVED_CARD_MILLIS, "took " + run.millis() + " ms: " + run);
        assertEquals(1, run.err().lines().count(), "one line: " + run);
        assertTrue(run.err().startsWith("schsm: "), run.toString());
    }

    /**
     * When pcscd has not yet noticed the removal, the vpcd driver answers the first command with
     * nothing. The transport then asks PC/SC whether the card is still there and says what it
     * finds, rather than blaming the command's bytes.
     */
    @Test
    void aCardRemovedJustBeforeTheCommandIsReportedAsRemoved() throws Exception {
        reader = CardInReader.insertFresh(dir.resolve("card.state"));
        SchsmRun before = Tools.schsm("status");
        assertEquals(ExitCode.OK, before.exitCode(), before.toString());

        reader.card().remove();

        SchsmRun run = Tools.schsm("status");
        assertNoCard(run);
        assertTrue(run.err().contains("removed") || run.err().contains("no card"), run.toString());
        assertFalse(run.err().contains("refused the command bytes"), run.toString());
    }

    /**
     * A card that stops answering in the middle of a session: pcscd still shows it present and
     * the PC/SC call never returns. {@code schsm status} (a separate process, so that
     * SCHSM_TIMEOUT applies and the stuck PC/SC call cannot keep the JVM alive) gives up after
     * the bounded wait with exit 3 and says which command got no answer.
     */
    @Test
    void aCardThatStopsAnsweringMakesStatusExitThreeWithinTheBoundedWait() throws Exception {
        reader = CardInReader.insertFresh(dir.resolve("card.state"));
        SchsmRun before = Tools.schsm("status");
        assertEquals(ExitCode.OK, before.exitCode(), before.toString());

        reader.stopAnswering();
        ProcessResult run = Tools.schsmProcess(java.util.Map.of("SCHSM_TIMEOUT", "2"), "-r", CardInReader.NAME, "status");

        assertEquals(ExitCode.NO_CARD, run.exitCode(), run.describe());
        assertTrue(run.millis() < 15_000, "bounded wait of 2 s plus JVM start; took " + run.millis() + " ms: " + run.describe());
        List<String> lines = run.stderr().lines().toList();
        assertEquals(1, lines.size(), "one clear line: " + run.describe());
        assertTrue(lines.get(0).startsWith("schsm: no answer within 2 s to SELECT (00 A4 04 00) from the card in reader '"
                + CardInReader.NAME + "'"), run.describe());
        assertFalse(lines.get(0).contains("refused"), run.describe());
        assertEquals("", run.stdout(), run.describe());
    }

    private static void assertNoCard(SchsmRun run) {
        assertEquals(ExitCode.NO_CARD, run.exitCode(), run.toString());
        assertTrue(run.millis() < REMOVED_CARD_MILLIS, "took " + run.millis() + " ms: " + run);
        assertEquals("", run.out(), run.toString());
        List<String> lines = run.err().lines().toList();
        assertEquals(1, lines.size(), "one clear line: " + run);
        assertTrue(lines.get(0).startsWith("schsm: "), run.toString());
        assertFalse(lines.get(0).contains("Exception"), "no exception class names for users: " + run);
        assertTrue(lines.get(0).contains(CardInReader.NAME), "the message names the reader: " + run);
    }
}
