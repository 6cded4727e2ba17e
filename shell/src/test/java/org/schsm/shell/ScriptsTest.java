package org.schsm.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.schsm.session.ExitCode;
import org.schsm.testkit.InProcessSchsm;
import org.schsm.testkit.SchsmRun;

/**
 * Each script in scripts/ against a fresh embedded simulated card (one state file per test), on
 * the hsm API: the effects are read back from the saved card, and the brick guard's refusals
 * (exit 4, nothing sent but status queries) and --force are checked where the scripts offer it.
 */
class ScriptsTest {
    private static final String PIN = ShellFixture.USER_PIN;
    private static final String SO = ShellFixture.SO_PIN;
    private static final String WRONG_PIN_APDU = "00 20 00 81 06 303030303030";
    private static final String WRONG_SO_APDU = "00 20 00 88 08 0000000000000000";

    @TempDir
    Path dir;

    private SchsmRun run(String script, String... args) {
        return ShellFixture.run(dir, ShellFixture.script(script), args);
    }

    /** {@code schsm -v -r sim --sim-state ... run SCRIPT ARGS}: the APDU trace is in err. */
    private SchsmRun runTraced(String script, String... args) {
        List<String> argv = new ArrayList<>(List.of("-v", "-r", "sim", "--sim-state", dir.resolve("sim.state").toString(),
                "run", ShellFixture.script(script).toString()));
        argv.addAll(List.of(args));
        return InProcessSchsm.schsm(argv.toArray(String[]::new));
    }

    private void initialize(String... extra) {
        List<String> args = new ArrayList<>(List.of("--so-pin", SO, "--pin", PIN));
        args.addAll(List.of(extra));
        var r = run("initialize-device.groovy", args.toArray(String[]::new));
        assertEquals(0, r.exitCode(), r.err());
    }

    /** Sends {@code apdu} {@code times} times after SELECT, accepting any wrong-PIN answer. */
    private void spend(String apdu, int times) {
        List<String> steps = new ArrayList<>(List.of(ShellFixture.SELECT));
        for (int i = 0; i < times; i++) {
            steps.add(apdu + "=63C0..63CF,6983");
        }
        var r = run("raw-apdu-session.groovy", steps.toArray(String[]::new));
        assertEquals(0, r.exitCode(), r.err());
    }

    private int sw(String apdu) throws Exception {
        return ShellFixture.askSavedCard(dir, apdu).sw();
    }

    private static void assertNoSecret(SchsmRun r, String... secrets) {
        for (String s : secrets) {
            assertFalse(r.out().contains(s) || r.err().contains(s), "printed " + s + ": " + r.out() + r.err());
        }
    }

    // ---- initialize-device ----------------------------------------------------------------------

    @Test
    void initializeDeviceSetsPinsRetryCounterAndDkekShares() throws Exception {
        Path pinFile = dir.resolve("pin.txt");
        Files.writeString(pinFile, "12345678\n");
        var r = run("initialize-device.groovy", "--so-pin", SO, "--pin", "file:" + pinFile, "--retry", "5", "--dkek-shares", "1");
        assertEquals(0, r.exitCode(), r.err());
        assertEquals("initialized: user PIN retry counter 5, options 0001, DKEK shares 1\n", r.out());
        assertTrue(r.err().contains("warning: the SO-PIN is the vendor's documented default"), r.err());
        assertNoSecret(r, "12345678", SO);
        assertEquals(0x63C5, sw("00 20 00 81"));
        assertEquals(0x9000, sw("00 20 00 81 08 3132333435363738"));
        assertEquals(0x9000, ShellFixture.askSavedCard(dir, "80 52 00 00 00").sw());
        assertEquals(1, ShellFixture.askSavedCard(dir, "80 52 00 00 00").data()[0]);
    }

    @Test
    void initializeDeviceRejectsBadInputBeforeSendingAnything() throws Exception {
        var r = run("initialize-device.groovy", "--so-pin", "1234", "--pin", PIN);
        assertEquals(ExitCode.BAD_INPUT, r.exitCode());
        assertTrue(r.err().contains("SO-PIN has 4 characters; it must be exactly 16 hex digits"), r.err());
        r = run("initialize-device.groovy", "--so-pin", SO, "--pin", PIN, "--retry", "5");
        assertEquals(ExitCode.BAD_INPUT, r.exitCode());
        assertTrue(r.err().contains("a user PIN of 6 characters allows at most 3 tries, not 5"), r.err());
        r = run("initialize-device.groovy", "--so-pin", SO, "--pin", "12345");
        assertEquals(ExitCode.BAD_INPUT, r.exitCode());
        assertNoSecret(r, "12345");
        assertEquals(0x6A88, sw("00 20 00 88"));   // still never initialized
    }

    @Test
    void reinitializationIsRefusedByTheBrickGuardUnlessForced() throws Exception {
        initialize();
        var refused = run("initialize-device.groovy", "--so-pin", SO, "--pin", "11112222");
        assertEquals(ExitCode.GUARD, refused.exitCode());
        assertTrue(refused.err().startsWith("schsm: initialize-device.groovy: Refused: INITIALIZE DEVICE would erase every key"),
                refused.err());
        assertTrue(refused.err().contains("--force"), refused.err());
        assertEquals("", refused.out());
        assertEquals(0x9000, sw("00 20 00 81 06 " + ShellFixture.USER_PIN_HEX));   // untouched
        var forced = run("initialize-device.groovy", "--so-pin", SO, "--pin", "11112222", "--force");
        assertEquals(0, forced.exitCode(), forced.err());
        assertEquals(0x9000, sw("00 20 00 81 08 3131313132323232"));
    }

    // ---- change-pins ----------------------------------------------------------------------------

    @Test
    void changePinsChangesUserPinAndSoPinThroughTheHsmApi() throws Exception {
        initialize();
        var r = runTraced("change-pins.groovy", "--old", PIN, "--new", "123456");
        assertEquals(0, r.exitCode(), r.err());
        assertEquals("user PIN changed\n", r.out());
        // the guard's status query (spends nothing) comes before the command itself
        int query = r.err().indexOf("trace >> 00 20 00 81\n");
        int change = r.err().indexOf("trace >> 00 24 00 81 0C **");
        assertTrue(query >= 0 && change > query, r.err());
        assertNoSecret(r, PIN, "123456", ShellFixture.USER_PIN_HEX);
        assertEquals(0x9000, sw("00 20 00 81 06 313233343536"));
        assertEquals(0x63C2, sw("00 20 00 81 06 " + ShellFixture.USER_PIN_HEX));   // the old one is gone

        r = run("change-pins.groovy", "--so", "--old", SO, "--new", "0011223344556677");
        assertEquals(0, r.exitCode(), r.err());
        assertEquals("SO-PIN changed\n", r.out());
        assertNoSecret(r, SO, "0011223344556677");
        assertEquals(0x9000, sw("00 20 00 88 08 0011223344556677"));
    }

    @Test
    void changePinsWithWrongOldPinIsACardRefusal() throws Exception {
        initialize();
        var r = run("change-pins.groovy", "--old", "000000", "--new", "123456");
        assertEquals(ExitCode.CARD_REFUSED, r.exitCode());
        assertTrue(r.err().startsWith("schsm: change-pins.groovy: CHANGE REFERENCE DATA user PIN refused by the card:"
                + " 63C2 (wrong PIN, 2 tries left)"), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
        assertEquals(0x63C2, sw("00 20 00 81"));
    }

    @Test
    void changePinsOnTheLastTryIsRefusedUnlessForced() throws Exception {
        initialize();
        spend(WRONG_PIN_APDU, 2);
        assertEquals(0x63C1, sw("00 20 00 81"));
        var refused = run("change-pins.groovy", "--old", PIN, "--new", "123456");
        assertEquals(ExitCode.GUARD, refused.exitCode());
        assertTrue(refused.err().contains("Refused: CHANGE REFERENCE DATA user PIN would spend the last try"), refused.err());
        assertEquals(0x63C1, sw("00 20 00 81"));   // nothing was presented
        var forced = run("change-pins.groovy", "--old", PIN, "--new", "123456", "--force");
        assertEquals(0, forced.exitCode(), forced.err());
        assertEquals(0x9000, sw("00 20 00 81 06 313233343536"));
    }

    @Test
    void changePinsRefusesAMismatchedSoPinFormat() {
        initialize();
        var r = run("change-pins.groovy", "--so", "--old", "57621880", "--new", "0011223344556677");
        assertEquals(ExitCode.BAD_INPUT, r.exitCode());
        assertTrue(r.err().contains("not 8 characters"), r.err());
    }

    // ---- unblock-user-pin -----------------------------------------------------------------------

    @Test
    void unblockUserPinResetsTheCounterAndSetsANewPin() throws Exception {
        initialize();
        spend(WRONG_PIN_APDU, 3);
        assertEquals(0x6983, sw("00 20 00 81"));
        var r = run("unblock-user-pin.groovy", "--so-pin", SO, "--new-pin", "654321");
        assertEquals(0, r.exitCode(), r.err());
        assertEquals("user PIN unblocked and set; user PIN tries left: 3\n", r.out());
        assertNoSecret(r, SO, "654321");
        assertEquals(0x63C3, sw("00 20 00 81"));
        assertEquals(0x9000, sw("00 20 00 81 06 363534333231"));
    }

    @Test
    void unblockUserPinWithKeepPinResetsOnlyTheCounterToItsMaximum() throws Exception {
        initialize();
        spend(WRONG_PIN_APDU, 3);
        assertEquals(0x6983, sw("00 20 00 81"));
        var r = runTraced("unblock-user-pin.groovy", "--so-pin", SO, "--keep-pin");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.err().contains("trace >> 00 2C 01 81 08 **"), r.err());   // P1 01: SO-PIN only
        assertEquals("user PIN unblocked; user PIN tries left: 3\n", r.out());
        assertEquals(0x63C3, sw("00 20 00 81"));
        assertEquals(0x9000, sw("00 20 00 81 06 " + ShellFixture.USER_PIN_HEX));   // the old PIN again
    }

    @Test
    void unblockUserPinExplainsADeviceWithoutPinReset() throws Exception {
        initialize("--no-pin-reset");
        spend(WRONG_PIN_APDU, 1);
        var r = run("unblock-user-pin.groovy", "--so-pin", SO, "--keep-pin");
        assertEquals(ExitCode.CARD_REFUSED, r.exitCode());
        assertTrue(r.err().contains("hint: the device was initialized without \"user PIN reset with SO-PIN\""), r.err());
        assertTrue(r.err().contains("RESET RETRY COUNTER user PIN refused by the card: 6986"), r.err());
        assertEquals(0x63C2, sw("00 20 00 81"));
    }

    @Test
    void unblockUserPinOnTheLastSoPinTryIsRefusedUnlessForced() throws Exception {
        initialize();
        spend(WRONG_SO_APDU, 14);
        assertEquals(0x63C1, sw("00 20 00 88"));
        var refused = run("unblock-user-pin.groovy", "--so-pin", SO, "--keep-pin");
        assertEquals(ExitCode.GUARD, refused.exitCode());
        assertTrue(refused.err().contains("Refused: RESET RETRY COUNTER (it presents the SO-PIN) would spend the last try"
                + " of the SO-PIN"), refused.err());
        assertEquals(0x63C1, sw("00 20 00 88"));
        var forced = run("unblock-user-pin.groovy", "--so-pin", SO, "--keep-pin", "--force");
        assertEquals(0, forced.exitCode(), forced.err());
        assertEquals(0x63CF, sw("00 20 00 88"));   // the right SO-PIN resets its own counter too
    }

    // ---- read-only scripts ----------------------------------------------------------------------

    @Test
    void inspectDeviceDumpsFreshAndInitializedState() {
        var fresh = run("inspect-device.groovy");
        assertEquals(0, fresh.exitCode(), fresh.err());
        assertTrue(fresh.out().contains("ATR          : 3B FE 18 00 00 81 31 FE 45 80 31 81 54 48 53 4D"), fresh.out());
        assertTrue(fresh.out().contains("applet       : SmartCard-HSM version 3.6"), fresh.out());
        assertTrue(fresh.out().contains("device       : not initialized"), fresh.out());
        initialize("--dkek-shares", "2");
        var r = run("inspect-device.groovy");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("               62 [23]\n"), r.out());
        assertTrue(r.out().contains("                 85 [5] 00 01 FF 03 06"), r.out());
        assertTrue(r.out().contains("options      : 0001 (User PIN reset with SO-PIN enabled)"), r.out());
        assertTrue(r.out().contains("user PIN     : user PIN tries left: 3"), r.out());
        assertTrue(r.out().contains("SO-PIN       : SO-PIN tries left: 15"), r.out());
        assertTrue(r.out().contains("DKEK         : DKEK shares: 2; DKEK import pending, 2 share(s) still missing"), r.out());
        // EF.C_DevAut 2F02 and the device key CC00, which the card lists as a real one does
        assertTrue(r.out().contains("key objects  : 2 file(s)"), r.out());
    }

    @Test
    void pinStatusWatchPrintsOnlyChanges() {
        initialize();
        var r = run("pin-status-watch.groovy", "--count", "3", "--interval", "0");
        assertEquals(0, r.exitCode(), r.err());
        String[] lines = r.out().split("\n");
        assertEquals(1, lines.length, r.out());
        assertTrue(lines[0].endsWith("user PIN tries left: 3 (63C3)"), r.out());
        var so = run("pin-status-watch.groovy", "--so", "--count", "1", "--interval", "0");
        assertTrue(so.out().contains("SO-PIN tries left: 15 (63CF)"), so.out());
    }

    @Test
    void rawApduSessionRunsDemoAndStopsAtUnexpectedStatusWord() {
        var demo = run("raw-apdu-session.groovy");
        assertEquals(0, demo.exitCode(), demo.err());
        assertTrue(demo.out().contains("< 6A88 (referenced data not found"), demo.out());
        initialize();
        var r = run("raw-apdu-session.groovy", ShellFixture.SELECT, "00 20 00 81 06 " + ShellFixture.USER_PIN_HEX, "00 20 00 81=6983");
        assertEquals(1, r.exitCode());
        assertTrue(r.out().contains("> 00 20 00 81 06 **"), r.out());
        assertNoSecret(r, ShellFixture.USER_PIN_HEX, "36 34 38 32 31 39");
        assertTrue(r.err().contains("VERIFY (00 20 00 81) answered 9000 (success); expected 6983"), r.err());
    }
}
