package org.schsm.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each script in scripts/ against the embedded simulator (raw-APDU paths while hsm is null). */
class ScriptsTest {
    private static final String PIN = ShellFixture.USER_PIN;
    private static final String SO = ShellFixture.SO_PIN;

    @TempDir
    Path dir;

    private ShellFixture.Result run(String script, String... args) {
        return ShellFixture.run(dir, ShellFixture.script(script), args);
    }

    private void initialize() {
        var r = run("initialize-device.groovy", "--so-pin", SO, "--pin", PIN);
        assertEquals(0, r.exitCode(), r.err());
    }

    private static void assertNoSecret(ShellFixture.Result r, String... secrets) {
        for (String s : secrets) {
            assertFalse(r.out().contains(s) || r.err().contains(s), "printed " + s + ": " + r.out() + r.err());
        }
    }

    @Test
    void initializeDeviceSetsPinsAndRetryCounter() throws Exception {
        Path pinFile = dir.resolve("pin.txt");
        Files.writeString(pinFile, PIN + "\n");
        var r = run("initialize-device.groovy", "--so-pin", SO, "--pin", "file:" + pinFile, "--retry", "5", "--dkek-shares", "1");
        assertEquals(0, r.exitCode(), r.err());
        assertEquals("initialized: user PIN retry counter 5, options 0001, DKEK shares 1\n", r.out());
        assertNoSecret(r, PIN, SO);
        assertEquals(0x63C5, ShellFixture.askSavedCard(dir, "00 20 00 81").sw());
        assertEquals(0x9000, ShellFixture.askSavedCard(dir, "00 20 00 81 06 " + ShellFixture.USER_PIN_HEX).sw());
    }

    @Test
    void initializeDeviceRejectsBadSoPinBeforeSendingAnything() throws Exception {
        var r = run("initialize-device.groovy", "--so-pin", "1234", "--pin", PIN);
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("the SO-PIN must be 16 hex digits"), r.err());
        assertFalse(Files.exists(dir.resolve("sim.state")) && ShellFixture.askSavedCard(dir, "00 20 00 88").sw() != 0x6A88);
    }

    @Test
    void changePinsChangesUserPinAndSoPin() throws Exception {
        initialize();
        var r = run("change-pins.groovy", "--old", PIN, "--new", "123456");
        assertEquals(0, r.exitCode(), r.err());
        assertEquals("user PIN changed\n", r.out());
        assertEquals(0x9000, ShellFixture.askSavedCard(dir, "00 20 00 81 06 313233343536").sw());
        r = run("change-pins.groovy", "--so", "--old", SO, "--new", "0011223344556677");
        assertEquals(0, r.exitCode(), r.err());
        assertEquals(0x9000, ShellFixture.askSavedCard(dir, "00 20 00 88 08 0011223344556677").sw());
        assertNoSecret(r, SO, "0011223344556677");
    }

    @Test
    void changePinsWithWrongOldPinFailsWithCardRefusal() {
        initialize();
        var r = run("change-pins.groovy", "--old", "000000", "--new", "123456");
        assertEquals(1, r.exitCode());
        assertTrue(r.err().contains("CHANGE REFERENCE DATA (00 24 00 81 0C **) answered 63C2 (wrong PIN, 2 tries left)"), r.err());
    }

    @Test
    void unblockUserPinResetsCounterAndSetsNewPin() throws Exception {
        initialize();
        for (int i = 0; i < 3; i++) {
            run("raw-apdu-session.groovy", ShellFixture.SELECT, "00 20 00 81 06 303030303030=63C0..63CF,6983");
        }
        assertEquals(0x6983, ShellFixture.askSavedCard(dir, "00 20 00 81").sw());
        var r = run("unblock-user-pin.groovy", "--so-pin", SO, "--new-pin", "654321");
        assertEquals(0, r.exitCode(), r.err());
        assertEquals("user PIN unblocked and set; status: 63C3 (wrong PIN, 3 tries left)\n", r.out());
        assertEquals(0x9000, ShellFixture.askSavedCard(dir, "00 20 00 81 06 363534333231").sw());
    }

    @Test
    void unblockUserPinCanKeepThePin() throws Exception {
        initialize();
        run("raw-apdu-session.groovy", ShellFixture.SELECT, "00 20 00 81 06 303030303030=63C2");
        var r = run("unblock-user-pin.groovy", "--so-pin", SO, "--keep-pin");
        assertEquals(0, r.exitCode(), r.err());
        assertEquals(0x63C3, ShellFixture.askSavedCard(dir, "00 20 00 81").sw());
    }

    @Test
    void inspectDeviceDumpsFreshAndInitializedState() {
        var fresh = run("inspect-device.groovy");
        assertEquals(0, fresh.exitCode(), fresh.err());
        assertTrue(fresh.out().contains("ATR          : 3B FE 18 00 00 81 31 FE 45 80 31 81 54 48 53 4D"), fresh.out());
        assertTrue(fresh.out().contains("version      : 3.6"), fresh.out());
        assertTrue(fresh.out().contains("device       : not initialized"), fresh.out());
        initialize();
        var r = run("inspect-device.groovy");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("options      : 0001 (user PIN reset with SO-PIN)"), r.out());
        assertTrue(r.out().contains("user PIN     : 3 tries left"), r.out());
        assertTrue(r.out().contains("SO-PIN       : 15 tries left"), r.out());
        assertTrue(r.out().contains("DKEK         : none configured"), r.out());
        assertTrue(r.out().contains("key objects  : 0 file(s)"), r.out());
        assertTrue(r.out().contains("85 [5] 00 01 FF 03 06"), r.out());
    }

    @Test
    void pinStatusWatchPrintsOnlyChanges() {
        initialize();
        var r = run("pin-status-watch.groovy", "--count", "3", "--interval", "0");
        assertEquals(0, r.exitCode(), r.err());
        String[] lines = r.out().split("\n");
        assertEquals(1, lines.length, r.out());
        assertTrue(lines[0].endsWith("user PIN: 63C3 (wrong PIN, 3 tries left)"), r.out());
        var so = run("pin-status-watch.groovy", "--so", "--count", "1", "--interval", "0");
        assertTrue(so.out().contains("SO-PIN: 63CF (wrong PIN, 15 tries left)"), so.out());
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
