package org.schsm.simulator.tearing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.schsm.apdu.Hex;
import org.schsm.simulator.Keys;
import org.schsm.simulator.SimulatedCard;
import org.schsm.testkit.HsmConstants;
import org.schsm.transport.TransportException;

/**
 * Cuts power after every possible number k of persistent writes inside the PIN commands,
 * INITIALIZE DEVICE, key generation, signing with a use counter, deleting a key, and importing a
 * DKEK share, wrapping and unwrapping a key, and checks the card after power-up: it answers status queries sensibly
 * (never 6F00), no retry counter went up unless the command completed, a started PIN attempt has
 * spent its try before anything could be learnt, and every multi-field update is all-or-nothing
 * (the state equals the one before the command, up to spent tries, or the one after it).
 */
class TearingTest {
    static final String SELECT = HsmConstants.compact(HsmConstants.SELECT);
    static final String USER_PIN = HsmConstants.compact(HsmConstants.USER_PIN_HEX);          // "648219"
    static final String NEW_USER_PIN = "313132323333343434";  // "112233444"
    static final String WRONG_USER_PIN = "313131313131";
    static final String SO_PIN = HsmConstants.DEFAULT_SO_PIN;         // "57621880"
    static final String NEW_SO_PIN = "3837363534333231";
    static final String WRONG_SO_PIN = "3030303030303030";
    static final String INITIALIZE = "8050000019800200018106" + USER_PIN + "8208" + SO_PIN + "910103";
    static final String REINITIALIZE = "805000001C800200018106" + NEW_USER_PIN.substring(0, 12) + "8208" + SO_PIN
            + "910105920101";
    static final String WRITE_FILE = "00D7CE010A5402000053" + "04" + "CAFEBABE";
    /** GENERATE ASYMMETRIC KEY PAIR of key 1 on secp256r1, as OpenSC sends it (extended). */
    static final String GENERATE_P256 = Keys.generateP256(1, "");
    /** The same with a use counter (90) of 3. */
    static final String GENERATE_P256_COUNTER = Keys.generateP256(1, "900400000003");

    /** INITIALIZE DEVICE (a re-initialization after prepare) with one DKEK share announced. */
    static final String INITIALIZE_DKEK = "805000001C800200018106" + USER_PIN + "8208" + SO_PIN + "910103920101";
    static final String SHARE = "00112233445566778899AABBCCDDEEFF0123456789ABCDEFFEDCBA9876543210";
    static final String IMPORT_SHARE = "8052000020" + SHARE;
    static final String WITH_DKEK = INITIALIZE_DKEK + ";" + IMPORT_SHARE + ";0020008106" + USER_PIN;

    /** nvm offsets of the tries-left bytes (see docs/simulator.md). */
    static final int USER_LEFT = 8 + 2;
    static final int SO_LEFT = 28 + 2;

    @TempDir
    Path dir;

    /** {@code setup}: APDUs (separated by ;) whose persistent effects precede the command. */
    record Scenario(String name, String setup, String command, boolean pinAttempt, boolean soSession,
            boolean userSession) {
        Scenario(String name, String setup, String command, boolean pinAttempt) {
            this(name, setup, command, pinAttempt, false, false);
        }

        Scenario(String name, String setup, String command, boolean pinAttempt, boolean soSession) {
            this(name, setup, command, pinAttempt, soSession, false);
        }

        /** A key command: runs with the user PIN verified, spends no PIN try. */
        static Scenario withUser(String name, String setup, String command) {
            return new Scenario(name, setup, command, false, false, true);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> scenarios() {
        String wrongOnce = "0020008106" + WRONG_USER_PIN;
        return Stream.of(
                new Scenario("VERIFY user, wrong PIN", "", "0020008106" + WRONG_USER_PIN, true),
                new Scenario("VERIFY user, right PIN after a wrong one", wrongOnce, "0020008106" + USER_PIN, true),
                new Scenario("VERIFY SO, wrong PIN", "", "0020008808" + WRONG_SO_PIN, true),
                new Scenario("VERIFY SO, right PIN after a wrong one", "0020008808" + WRONG_SO_PIN,
                        "0020008808" + SO_PIN, true),
                new Scenario("CHANGE user, right old PIN", wrongOnce,
                        "002400810F" + USER_PIN + NEW_USER_PIN, true),
                new Scenario("CHANGE user, wrong old PIN", "", "002400810F" + WRONG_USER_PIN + NEW_USER_PIN, true),
                new Scenario("CHANGE SO, right old SO-PIN", "", "0024008810" + SO_PIN + NEW_SO_PIN, true),
                new Scenario("CHANGE SO, wrong old SO-PIN", "", "0024008810" + WRONG_SO_PIN + NEW_SO_PIN, true),
                new Scenario("RESET RETRY COUNTER P1 00 (SO-PIN + new PIN)", wrongOnce,
                        "002C008111" + SO_PIN + NEW_USER_PIN, true),
                new Scenario("RESET RETRY COUNTER P1 00, wrong SO-PIN", wrongOnce,
                        "002C008111" + WRONG_SO_PIN + NEW_USER_PIN, true),
                new Scenario("RESET RETRY COUNTER P1 01 (SO-PIN only)", wrongOnce, "002C018108" + SO_PIN, true),
                new Scenario("RESET RETRY COUNTER P1 02 in an SO session", wrongOnce,
                        "002C028109" + NEW_USER_PIN, false, true),
                new Scenario("RESET RETRY COUNTER P1 03 in an SO session", wrongOnce,
                        "002C0381", false, true),
                new Scenario("INITIALIZE DEVICE again, right SO-PIN, files erased", "", REINITIALIZE, true),
                new Scenario("INITIALIZE DEVICE again, wrong SO-PIN", "",
                        REINITIALIZE.replace("8208" + SO_PIN, "8208" + WRONG_SO_PIN), true),
                Scenario.withUser("GENERATE ASYMMETRIC KEY PAIR, key and CE together", "", GENERATE_P256),
                Scenario.withUser("COMPUTE SIGNATURE spends one use of the counter",
                        "0020008106" + USER_PIN + ";" + GENERATE_P256_COUNTER, "8068017300000400000000" + "0000"),
                Scenario.withUser("DELETE FILE of a key", "0020008106" + USER_PIN + ";" + GENERATE_P256,
                        "00E4020002CC01"),
                Scenario.withUser("UPDATE BINARY creating an EF", "", "00D7C4010A5402000053" + "04" + "CAFEBABE"),
                new Scenario("IMPORT DKEK SHARE", INITIALIZE_DKEK, IMPORT_SHARE, false),
                Scenario.withUser("WRAP KEY", WITH_DKEK + ";" + GENERATE_P256, "80720192000000"),
                Scenario.withUser("UNWRAP KEY", WITH_DKEK, "80740293" + String.format("00%04X", blob().length() / 2)
                        + blob()))
                .map(Arguments::of);
    }

    @Test
    void theDkekScenariosSucceedWhenNothingIsTorn() throws IOException {
        for (Arguments a : scenarios().toList()) {
            Scenario s = (Scenario) a.get()[0];
            if (s.name().contains("DKEK") || s.name().contains("WRAP")) {
                SimulatedCard card = SimulatedCard.load(prepare(s.setup()));
                openSession(card, s);
                expect(card, s.command(), "9000");
            }
        }
    }

    /** A key blob of a P-256 key under the DKEK {@link #SHARE} makes, in hex. */
    static String blob() {
        if (blob == null) {
            SimulatedCard card = SimulatedCard.create();
            for (String step : (SELECT + ";" + INITIALIZE_DKEK + ";" + WITH_DKEK.substring(INITIALIZE_DKEK.length() + 1)
                    + ";" + GENERATE_P256).split(";")) {
                send(card, step);
            }
            byte[] answer = send(card, "80720192000000");
            blob = Hex.encode(Arrays.copyOf(answer, answer.length - 2));
        }
        return blob;
    }

    private static String blob;

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void everyTearPointLeavesAConsistentCard(Scenario s) throws IOException {
        Path pre = prepare(s.setup());
        Image before = Image.of(pre);
        Image after = runUntorn(pre, s);
        int completedAt = -1;
        for (int k = 0; k < 2000 && completedAt < 0; k++) {
            SimulatedCard card = SimulatedCard.load(pre);
            openSession(card, s);
            Image start = snapshot(card, "start-" + k);
            card.tearAfterWrites(k);
            try {
                card.transmit(Hex.decode(s.command()));
                completedAt = k;
                break;
            } catch (TransportException e) {
                assertTrue(e.getMessage().contains("card lost power"), e.getMessage());
            }
            Image torn = snapshot(card, "torn-" + k);
            String where = s + ", torn after " + k + " writes";
            checkCardAnswers(card, where);
            checkCounters(start, torn, after, where);
            if (s.command().equals(GENERATE_P256)) {
                checkKeyAndRequestTogether(card, start, torn, where);
            } else {
                checkAllOrNothing(start, torn, after, where);
            }
            if (s.pinAttempt() && k == 1) {
                assertTrue(torn.userLeft() < start.userLeft() || torn.soLeft() < start.soLeft(),
                        () -> where + ": a started PIN attempt must have spent its try");
            }
            if (k == 0) {
                assertEquals(start, torn, () -> where + ": nothing written yet, nothing may change");
            }
        }
        assertTrue(completedAt >= 1, () -> s + ": the command made no persistent write (" + before + ")");
    }

    /** The decrement is persisted before the comparison: right and wrong PIN tear alike. */
    @Test
    void tearingAfterTheFirstWriteOfAVerifyLooksTheSameForRightAndWrongPin() throws IOException {
        Path pre = prepare("");
        Image right = tornAt(pre, "0020008106" + USER_PIN, 1);
        Image wrong = tornAt(pre, "0020008106" + WRONG_USER_PIN, 1);
        assertEquals(2, right.userLeft());
        assertEquals(right, wrong);
    }

    @Test
    void tearingTheUserPinChangeMidUpdateKeepsTheOldPinUsable() throws IOException {
        Path pre = prepare("");
        // writes: decrement, restore, journal open, fill, copy, length, options, commit
        SimulatedCard card = SimulatedCard.load(pre);
        send(card, SELECT);
        card.tearAfterWrites(4);
        try {
            card.transmit(Hex.decode("002400810F" + USER_PIN + NEW_USER_PIN));
            fail("power should have been cut");
        } catch (TransportException e) {
            assertTrue(e.getMessage().contains("card lost power"));
        }
        send(card, SELECT);
        assertEquals("9000", sw(send(card, "0020008106" + USER_PIN)), "old PIN still valid");
    }

    private Image tornAt(Path pre, String command, int k) throws IOException {
        SimulatedCard card = SimulatedCard.load(pre);
        send(card, SELECT);
        card.tearAfterWrites(k);
        try {
            card.transmit(Hex.decode(command));
            fail("power should have been cut after " + k + " writes");
        } catch (TransportException e) {
            assertTrue(e.getMessage().contains("card lost power"));
        }
        return snapshot(card, "tornAt");
    }

    private void checkCardAnswers(SimulatedCard card, String where) {
        assertEquals("6986", sw(send(card, "00200081")), where + ": nothing selected after power-up");
        String select = sw(send(card, SELECT));
        assertEquals("9000", select, where + ": SELECT");
        for (String query : List.of("00200081", "00200088", "8052000000", "8058000000")) {
            String answer = sw(send(card, query));
            assertNotEquals("6F00", answer, where + ": " + query);
            if (query.startsWith("0020")) {
                assertTrue(answer.startsWith("63C") || answer.equals("6983") || answer.equals("6984")
                        || answer.equals("6A88"), where + ": status query " + query + " answered " + answer);
            }
        }
    }

    private static void checkCounters(Image start, Image torn, Image after, String where) {
        boolean completed = torn.equals(after);
        if (!completed) {
            assertTrue(torn.userLeft() <= start.userLeft()
                            || (after.userLeft() > start.userLeft() && torn.userLeft() == after.userLeft()),
                    () -> where + ": user tries went up from " + start.userLeft() + " to " + torn.userLeft());
            assertTrue(torn.soLeft() <= start.soLeft(),
                    () -> where + ": SO tries went up from " + start.soLeft() + " to " + torn.soLeft());
        }
    }

    /**
     * Outside the two tries-left bytes the card holds either the state before the command or the
     * state after it, nothing in between.
     */
    private static void checkAllOrNothing(Image start, Image torn, Image after, String where) {
        boolean old = start.withoutCounters().equals(torn.withoutCounters());
        boolean updated = after.withoutCounters().equals(torn.withoutCounters());
        assertTrue(old || updated, () -> where + ": half-written state " + torn.diff(start, after));
    }

    /**
     * A generated key is random, so the state after a completed generation differs from run to
     * run: the card holds either the state before, or key CC01 together with its request in CE01.
     */
    private static void checkKeyAndRequestTogether(SimulatedCard card, Image start, Image torn, String where) {
        boolean old = start.withoutCounters().equals(torn.withoutCounters());
        byte[] r = send(card, "80580000000000");
        String list = Hex.encode(Arrays.copyOf(r, r.length - 2));
        boolean key = list.contains("CC01");
        byte[] ce = send(card, "00B1CE01000004540200000000");
        boolean request = ce.length > 2 && ce[0] == 0x67; // the setup wrote CAFEBABE there
        assertEquals(key, request, () -> where + ": key and request must appear together: " + list);
        assertTrue(old || key, () -> where + ": half-written state " + torn.diff(start, start));
    }

    private Path prepare(String setup) throws IOException {
        SimulatedCard card = SimulatedCard.create();
        send(card, SELECT);
        expect(card, INITIALIZE, "9000");
        expect(card, "0020008106" + USER_PIN, "9000");
        expect(card, WRITE_FILE, "9000");
        send(card, SELECT);
        for (String step : setup.split(";")) {
            if (!step.isEmpty()) {
                send(card, step);
            }
        }
        Path file = dir.resolve("pre-" + System.nanoTime() + ".state");
        card.save(file);
        return file;
    }

    private Image runUntorn(Path pre, Scenario s) throws IOException {
        SimulatedCard card = SimulatedCard.load(pre);
        openSession(card, s);
        send(card, s.command());
        return snapshot(card, "untorn");
    }

    /** SELECT, and VERIFY of the SO-PIN or user PIN for the commands that need a session. */
    private static void openSession(SimulatedCard card, Scenario s) {
        expect(card, SELECT, "9000");
        if (s.soSession()) {
            expect(card, "0020008808" + SO_PIN, "9000");
        }
        if (s.userSession()) {
            expect(card, "0020008106" + USER_PIN, "9000");
        }
    }


    private Image snapshot(SimulatedCard card, String name) throws IOException {
        Path file = dir.resolve(name + "-" + System.nanoTime() + ".state");
        card.save(file);
        Image image = Image.of(file);
        Files.delete(file);
        return image;
    }

    private static byte[] send(SimulatedCard card, String hex) {
        return card.transmit(Hex.decode(hex));
    }

    private static void expect(SimulatedCard card, String hex, String sw) {
        assertEquals(sw, sw(send(card, hex)), hex);
    }

    private static String sw(byte[] response) {
        return Hex.encode(Arrays.copyOfRange(response, response.length - 2, response.length));
    }

    /** The persistent state, parsed from a state file (format version 1): nvm, EFs, keys. */
    record Image(byte[] nvm, byte[] fileData, byte[] keyData) {
        static Image of(Path stateFile) throws IOException {
            ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(stateFile));
            b.position(8 + 2 + 2);
            int sections = b.getShort();
            java.util.Map<String, byte[]> named = new java.util.HashMap<>();
            for (int i = 0; i < sections; i++) {
                byte[] name = new byte[b.get() & 0xFF];
                b.get(name);
                byte[] data = new byte[b.getInt()];
                b.get(data);
                named.put(new String(name, java.nio.charset.StandardCharsets.US_ASCII), data);
            }
            return new Image(named.get("nvm"), named.get("fileData"), named.get("keyData"));
        }

        int userLeft() {
            return nvm[USER_LEFT];
        }

        int soLeft() {
            return nvm[SO_LEFT];
        }

        Image withoutCounters() {
            byte[] n = nvm.clone();
            n[USER_LEFT] = 0;
            n[SO_LEFT] = 0;
            return new Image(n, fileData, keyData);
        }

        String diff(Image start, Image after) {
            List<String> out = new ArrayList<>();
            for (int i = 0; i < nvm.length; i++) {
                if (nvm[i] != start.nvm[i] || nvm[i] != after.nvm[i]) {
                    out.add("nvm[" + i + "]=" + nvm[i] + " (before " + start.nvm[i] + ", after " + after.nvm[i] + ")");
                }
            }
            out.add("fileData " + (Arrays.equals(fileData, start.fileData) ? "as before"
                    : Arrays.equals(fileData, after.fileData) ? "as after" : "neither"));
            out.add("keyData " + (Arrays.equals(keyData, start.keyData) ? "as before"
                    : Arrays.equals(keyData, after.keyData) ? "as after" : "neither"));
            return String.join(", ", out);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Image other && Arrays.equals(nvm, other.nvm) && Arrays.equals(fileData, other.fileData)
                    && Arrays.equals(keyData, other.keyData);
        }

        @Override
        public int hashCode() {
            return (Arrays.hashCode(nvm) * 31 + Arrays.hashCode(fileData)) * 31 + Arrays.hashCode(keyData);
        }

        @Override
        public String toString() {
            return "Image[userLeft=" + userLeft() + ", soLeft=" + soLeft() + "]";
        }
    }
}
