package org.schsm.simulator.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.lang.reflect.Field;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.schsm.apdu.Hex;
import org.schsm.simulator.SimulatedCard;
import org.schsm.testkit.HsmConstants;

/**
 * Fuzzes the applet through {@link SimulatedCard} with random APDUs and random APDU sequences,
 * starting from a fresh, an initialized, a user-verified, a transport-PIN card or one with a
 * complete DKEK and a key (so WRAP KEY and UNWRAP KEY get past their first checks). Invariants:
 * nothing answers 6F00 or escapes as an exception; every answer has a status word; a refused
 * command leaves both retry counters unchanged, except that a PIN attempt (VERIFY with data,
 * CHANGE REFERENCE DATA, RESET RETRY COUNTER with an SO-PIN, re-initialization) answering
 * 63Cx/6983 spends exactly one try of one reference; no command spends more than one try; and the
 * counters the card reports through no-data VERIFY match its persistent record.
 *
 * <p>{@code mvn verify}: regression mode (seed inputs) plus {@value #RANDOM_SEQUENCES} fixed-seed
 * random sequences. Fuzzing: {@code JAZZER_FUZZ=1 mvn -o test -pl simulator -Dtest=AppletFuzzTest#apduSequence}.
 */
class AppletFuzzTest {
    static final int RANDOM_SEQUENCES = 600;
    static final String SELECT = HsmConstants.compact(HsmConstants.SELECT);
    static final String USER_PIN = HsmConstants.compact(HsmConstants.USER_PIN_HEX);
    static final String SO_PIN = HsmConstants.DEFAULT_SO_PIN;
    static final byte[] INS = {0x20, 0x24, 0x2C, (byte) 0xA4, (byte) 0xB1, (byte) 0xD7, (byte) 0xE4, 0x50, 0x52,
        0x58, (byte) 0xDA, (byte) 0xC0, 0x46, (byte) 0x84, 0x22, 0x2A, 0x62, (byte) 0x86, 0x68, 0x72, 0x74};
    static final byte[] PARAMS = {0x00, 0x01, 0x02, 0x03, 0x04, 0x0C, (byte) 0x81, (byte) 0x88, (byte) 0xCE,
        0x2F, (byte) 0xFF, (byte) 0xCC, 0x20, 0x21, 0x30, 0x33, 0x40, 0x41, 0x70, 0x73, (byte) 0x80, (byte) 0x92, (byte) 0x93,
        0x10};
    /** One DKEK share, for the start state with a complete DKEK (WRAP and UNWRAP get past their checks). */
    static final String SHARE = "A5A5A5A5A5A5A5A5A5A5A5A5A5A5A5A5A5A5A5A5A5A5A5A5A5A5A5A5A5A5A5A5";
    /** A well-formed key generation (key 1, secp256r1), so sign, decipher and delete meet a key. */
    static final String GENERATE = org.schsm.simulator.Keys.generateP256(1, "");
    static final int USER_LEFT = 8 + 2;
    static final int SO_LEFT = 28 + 2;

    /** Where the fuzz input comes from: Jazzer, or a seeded generator. */
    interface Source {
        int integer(int min, int max);

        byte[] bytes(int n);
    }

    @FuzzTest(maxDuration = "10s")
    void apduSequence(FuzzedDataProvider data) {
        run(new Source() {
            @Override
            public int integer(int min, int max) {
                return data.consumeInt(min, max);
            }

            @Override
            public byte[] bytes(int n) {
                return data.consumeBytes(n);
            }
        });
    }

    @Test
    void randomApduSequencesKeepTheInvariants() {
        Random random = new Random(0xA11E7);
        Source source = new Source() {
            @Override
            public int integer(int min, int max) {
                return min + random.nextInt(max - min + 1);
            }

            @Override
            public byte[] bytes(int n) {
                byte[] b = new byte[n];
                random.nextBytes(b);
                return b;
            }
        };
        for (int i = 0; i < RANDOM_SEQUENCES; i++) {
            run(source);
        }
    }

    static void run(Source in) {
        SimulatedCard card = SimulatedCard.create();
        int start = in.integer(0, 4);
        transmit(card, SELECT);
        if (start >= 1 && start <= 3) {
            String options = start == 3 ? "0003" : "0001";
            transmit(card, "8050000019" + "8002" + options + "8106" + USER_PIN + "8208" + SO_PIN + "910103");
        }
        if (start == 4) {
            transmit(card, "805000001C" + "80020001" + "8106" + USER_PIN + "8208" + SO_PIN + "910103920101");
            transmit(card, "8052000020" + SHARE);
            transmit(card, "0020008106" + USER_PIN);
            transmit(card, GENERATE);
        }
        if (start == 2 || start == 4) {
            transmit(card, "0020008106" + USER_PIN);
        }
        int steps = in.integer(1, 12);
        for (int i = 0; i < steps; i++) {
            byte[] apdu = nextApdu(in);
            step(card, apdu);
        }
    }

    static byte[] nextApdu(Source in) {
        int shape = in.integer(0, 11);
        if (shape == 0) {
            return in.bytes(in.integer(0, 300));              // anything at all
        }
        if (shape == 1) {
            return Hex.decode(SELECT);
        }
        if (shape == 2) {
            return Hex.decode(in.integer(0, 1) == 0 ? "0020008106" + USER_PIN : "0020008808" + SO_PIN);
        }
        if (shape == 3) {
            return Hex.decode(GENERATE);
        }
        if (shape == 4) {
            return Hex.decode(in.integer(0, 1) == 0 ? "80720192000000" : "8052000020" + SHARE);
        }
        if (shape == 5) {
            // UNWRAP KEY with a blob-sized random data field: the layout, KCV and MAC checks
            byte[] blob = in.bytes(in.integer(40, 400));
            return Hex.decode("8074029300" + String.format("%04X", blob.length) + Hex.encode(blob));
        }
        int cla = pick(in, new byte[] {0x00, (byte) 0x80, 0x00, (byte) 0x80, 0x0C, (byte) 0x90}) & 0xFF;
        int ins = pick(in, INS) & 0xFF;
        if (in.integer(0, 7) == 0) {
            ins = in.integer(0, 255);
        }
        int p1 = in.integer(0, 3) == 0 ? in.integer(0, 255) : pick(in, PARAMS) & 0xFF;
        int p2 = in.integer(0, 3) == 0 ? in.integer(0, 255) : pick(in, PARAMS) & 0xFF;
        int nc = in.integer(0, 4) == 0 ? in.integer(0, 300) : in.integer(0, 34);
        byte[] data = in.bytes(nc);
        boolean extended = data.length > 255 || in.integer(0, 9) == 0;
        int le = in.integer(-1, 3) < 0 ? -1 : in.integer(0, extended ? 65535 : 255);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        out.write(cla);
        out.write(ins);
        out.write(p1);
        out.write(p2);
        if (data.length > 0) {
            if (extended) {
                out.write(0);
                out.write(data.length >> 8);
                out.write(data.length);
            } else {
                out.write(data.length);
            }
            out.writeBytes(data);
        }
        if (le >= 0) {
            if (extended) {
                if (data.length == 0) {
                    out.write(0);
                }
                out.write(le >> 8);
                out.write(le);
            } else {
                out.write(le);
            }
        }
        return out.toByteArray();
    }

    static void step(SimulatedCard card, byte[] apdu) {
        int[] before = counters(card);
        String reportedBefore = status(card);
        byte[] response = card.transmit(apdu);
        String what = Hex.encode(apdu);
        assertTrue(response.length >= 2, () -> "no status word for " + what);
        int sw = ((response[response.length - 2] & 0xFF) << 8) | (response[response.length - 1] & 0xFF);
        assertNotEquals(0x6F00, sw, () -> "6F00 for " + what);
        int[] after = counters(card);
        int spentUser = before[0] - after[0];
        int spentSo = before[1] - after[1];
        assertTrue(spentUser <= 1 && spentSo <= 1 && spentUser + spentSo <= 1,
                () -> "more than one try spent by " + what + ": " + spent(before, after));
        boolean success = sw == 0x9000 || sw == 0x6282 || (sw & 0xFF00) == 0x6100;
        boolean pinRefusal = (sw & 0xFFF0) == 0x63C0 || sw == 0x6983;
        if (!success && !(pinRefusal && isPinAttempt(apdu))) {
            assertEquals(before[0], after[0], () -> "refused " + what + " (" + Integer.toHexString(sw)
                    + ") changed the user counter: " + spent(before, after));
            assertEquals(before[1], after[1], () -> "refused " + what + " (" + Integer.toHexString(sw)
                    + ") changed the SO counter: " + spent(before, after));
        }
        if (!success && !isPinAttempt(apdu)) {
            assertEquals(reportedBefore, status(card), () -> "refused " + what + " changed the reported PIN status");
        }
    }

    private static boolean isPinAttempt(byte[] apdu) {
        if (apdu.length < 5) {
            return false;
        }
        int cla = apdu[0] & 0xFF;
        int ins = apdu[1] & 0xFF;
        return (cla == 0x00 && (ins == 0x20 || ins == 0x24 || ins == 0x2C)) || (cla == 0x80 && ins == 0x50);
    }

    private static String spent(int[] before, int[] after) {
        return "user " + before[0] + "->" + after[0] + ", SO " + before[1] + "->" + after[1];
    }

    /**
     * The counters as the card reports them (no-data VERIFY, which spends nothing) where it can,
     * checked against the persistent record, which is returned.
     */
    private static int[] counters(SimulatedCard card) {
        byte[] nvm = nvm(card);
        int[] record = {nvm[USER_LEFT], nvm[SO_LEFT]};
        String[] refs = {"00200081", "00200088"};
        for (int i = 0; i < 2; i++) {
            byte[] r = card.transmit(Hex.decode(refs[i]));
            int sw = ((r[r.length - 2] & 0xFF) << 8) | (r[r.length - 1] & 0xFF);
            int index = i;
            if ((sw & 0xFFF0) == 0x63C0) {
                assertEquals(record[i], sw & 0x0F, () -> "reported tries of " + refs[index]);
            } else if (sw == 0x6983) {
                assertEquals(0, record[i], () -> "6983 for " + refs[index] + " with tries left");
            }
        }
        return record;
    }

    /** No-data VERIFY answers for both references (spends nothing). */
    private static String status(SimulatedCard card) {
        byte[] u = card.transmit(Hex.decode("00200081"));
        byte[] s = card.transmit(Hex.decode("00200088"));
        return Hex.encode(u) + "/" + Hex.encode(s);
    }

    private static byte[] nvm(SimulatedCard card) {
        try {
            Field appletField = SimulatedCard.class.getDeclaredField("applet");
            appletField.setAccessible(true);
            Object applet = appletField.get(card);
            Field nvmField = applet.getClass().getDeclaredField("nvm");
            nvmField.setAccessible(true);
            return ((byte[]) nvmField.get(applet)).clone();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read the applet's nvm", e);
        }
    }

    private static byte pick(Source in, byte[] options) {
        return options[in.integer(0, options.length - 1)];
    }

    private static void transmit(SimulatedCard card, String hex) {
        card.transmit(Hex.decode(hex));
    }
}
