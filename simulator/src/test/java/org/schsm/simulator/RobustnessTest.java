package org.schsm.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.schsm.apdu.Hex;
import org.schsm.apdu.ResponseApdu;
import org.schsm.testkit.HsmConstants;

class RobustnessTest {

    /** Command shapes sent with every INS: case 1, 2, 3, 4 short and extended, odd sizes. */
    private static List<byte[]> shapes(int cla, int ins, int p1, int p2) {
        byte[] h = {(byte) cla, (byte) ins, (byte) p1, (byte) p2};
        List<byte[]> out = new ArrayList<>();
        out.add(h);
        out.add(concat(h, new byte[] {0x00}));
        out.add(concat(h, new byte[] {0x10}));
        out.add(concat(h, new byte[] {0x01, 0x54}));
        out.add(concat(h, new byte[] {0x02, 0x54, 0x02}));
        out.add(concat(h, new byte[] {0x04, 0x54, 0x02, 0x00, 0x00, 0x00}));
        out.add(concat(h, filled(0xFF, 0x31)));
        out.add(concat(h, new byte[] {0x00, 0x00, 0x00}));
        byte[] ext = concat(h, new byte[] {0x00, 0x01, 0x2C});
        out.add(concat(concat(ext, filled(300, 0x53)), new byte[] {0x00, 0x00}));
        return out;
    }

    private static void assertNever6F00(TestCard card, String state) {
        for (int cla : new int[] {0x00, 0x80}) {
            for (int ins = 0; ins < 256; ins++) {
                for (int[] p : new int[][] {{0x00, 0x00}, {0x00, 0x81}, {0x01, 0x88}, {0xFF, 0xFF}}) {
                    for (byte[] apdu : shapes(cla, ins, p[0], p[1])) {
                        ResponseApdu r = ResponseApdu.decode(card.transport.transmit(apdu));
                        assertNotEquals(0x6F00, r.sw(), () -> state + ": " + Hex.spaced(apdu));
                        assertNotEquals(0x6999, r.sw(), () -> state + ": " + Hex.spaced(apdu));
                    }
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"fresh", "initialized", "verified", "personalised"})
    void noInstructionShapeOrParameterEverAnswers6F00(String state) {
        Supplier<TestCard> factory = switch (state) {
            case "fresh" -> TestCard::selected;
            case "personalised" -> () -> {
                TestCard c = new TestCard(SimulatedCard.create(filled(500, 0x7F)));
                c.expect(HsmConstants.SELECT, 0x9000);
                return c;
            };
            default -> TestCard::initialized;
        };
        TestCard card = factory.get();
        if (state.equals("verified")) {
            card.expect(TestCard.VERIFY_USER, 0x9000);
        }
        assertNever6F00(card, state);
    }

    @Test
    void randomApdusNeverAnswer6F00() {
        Random random = new Random(20261123L);
        TestCard card = TestCard.initialized();
        int[] interesting = {0x20, 0x24, 0x2C, 0x50, 0x52, 0x58, 0xA4, 0xB1, 0xD7, 0xDA, 0xE4};
        for (int i = 0; i < 20000; i++) {
            int cla = random.nextInt(4) == 0 ? random.nextInt(256) : (random.nextBoolean() ? 0x00 : 0x80);
            int ins = random.nextInt(3) == 0 ? random.nextInt(256) : interesting[random.nextInt(interesting.length)];
            byte[] apdu = randomShape(random, cla, ins);
            ResponseApdu r = ResponseApdu.decode(card.transport.transmit(apdu));
            assertNotEquals(0x6F00, r.sw(), () -> Hex.spaced(apdu));
            if (i % 500 == 0) {
                card.send(HsmConstants.SELECT);
                card.send(TestCard.VERIFY_USER);
            }
        }
    }

    private static byte[] randomShape(Random random, int cla, int ins) {
        byte[] h = {(byte) cla, (byte) ins, (byte) random.nextInt(256), (byte) random.nextInt(256)};
        int shape = random.nextInt(5);
        if (shape == 0) {
            return h;
        }
        if (shape == 1) {
            return concat(h, new byte[] {(byte) random.nextInt(256)});
        }
        int n = 1 + random.nextInt(shape == 4 ? 600 : 255);
        byte[] data = new byte[n];
        random.nextBytes(data);
        if (random.nextBoolean() && n > 3) {
            data[0] = 0x54;
            data[1] = (byte) random.nextInt(3);
        }
        if (shape == 4) {
            byte[] lc = {0x00, (byte) (n >> 8), (byte) n};
            return concat(concat(h, lc), concat(data, new byte[] {0x00, 0x00}));
        }
        byte[] withLc = concat(h, concat(new byte[] {(byte) n}, data));
        return shape == 3 ? concat(withLc, new byte[] {0x00}) : withLc;
    }

    @ParameterizedTest(name = "CLA {0}")
    @ValueSource(ints = {0x01, 0x04, 0x0C, 0x10, 0x40, 0x84, 0x90, 0xA0, 0xC0, 0xFF})
    void unsupportedClassAnswersClassNotSupported(int cla) {
        TestCard card = TestCard.initialized();
        card.expect(String.format("%02X 20 00 81", cla), 0x6E00);
        card.expect(String.format("%02X 50 00 00 01 00", cla), 0x6E00);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"00 CA 00 00 00", "80 84 00 00 08", "00 C0 00 00 00", "00 50 00 00 00",
        "80 20 00 81", "80 A4 00 00 02 2F 02", "80 46 01 00 00", "00 68 01 70 04 00 00 00 00 00", "00 62 01 21 01 00",
        "00 B0 00 00 00", "00 D6 00 00 01 00", "80 B8 00 00 00", "80 64 06 00 00"})
    void unknownInstructionsAnswerInsNotSupported(String apdu) {
        TestCard card = TestCard.initialized();
        card.expect(apdu, 0x6D00);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"00", "00 20", "00 20 00", "00 20 00 81 05 31", "00 20 00 81 01 31 32 33",
        "00 20 00 81 00 01", "00 20 00 81 00 00 05 31"})
    void malformedApdusAnswerWrongLength(String apdu) {
        TestCard card = TestCard.initialized();
        card.expect(apdu, 0x6700);
        card.expect(HsmConstants.USER_STATUS, 0x63C3);
    }

    @Test
    void selectByNameWithAnOverlongNameAnswersFileNotFound() {
        TestCard card = new TestCard();
        String name = "11 ".repeat(0x8B);
        card.expect("00 A4 04 00 8B " + name + " 00", 0x6A82);
        card.expect(HsmConstants.SELECT, 0x9000);
        card.expect("00 A4 04 00 8B " + name + " 00", 0x6A82);
        card.expect("00 A4 04 00 11 " + "11 ".repeat(17) + " 00", 0x6A82);
        card.expect(HsmConstants.SO_STATUS, 0x6A88);
    }

    @Test
    void responsesAlwaysCarryAStatusWord() {
        TestCard card = TestCard.initialized();
        byte[] raw = card.transport.transmit(Hex.decode("00 20 00 81"));
        assertEquals(2, raw.length);
        assertTrue(card.send(HsmConstants.SELECT).dataLength() > 0);
    }

    private static byte[] filled(int n, int value) {
        byte[] b = new byte[n];
        java.util.Arrays.fill(b, (byte) value);
        return b;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
