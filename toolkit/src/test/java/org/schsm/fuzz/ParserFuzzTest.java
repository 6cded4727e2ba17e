package org.schsm.fuzz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.schsm.InvalidInputException;
import org.schsm.apdu.ApduFormatException;
import org.schsm.apdu.CommandApdu;
import org.schsm.apdu.Hex;
import org.schsm.apdu.ResponseApdu;
import org.schsm.atr.Atr;
import org.schsm.atr.AtrFormatException;
import org.schsm.hsm.AppletInfo;
import org.schsm.hsm.MalformedResponseException;
import org.schsm.hsm.Pin;
import org.schsm.hsm.SoPin;
import org.schsm.tlv.Tlv;
import org.schsm.tlv.TlvFormatException;
import org.schsm.tlv.TlvReader;

/**
 * Fuzz targets for every parser of untrusted bytes or text in the toolkit. Invariants: only the
 * documented validation exception of each parser escapes, and round trips hold where defined.
 *
 * <p>{@code mvn verify} runs each {@code @FuzzTest} in Jazzer's regression mode (the seed inputs
 * under {@code src/test/resources/org/schsm/fuzz/ParserFuzzTestInputs/}) and each target once more
 * on {@value #RANDOM_INPUTS} inputs from a fixed-seed generator. Real fuzzing:
 * {@code JAZZER_FUZZ=1 mvn -o test -pl toolkit -Dtest=ParserFuzzTest#<target>} (docs/reliability.md).
 */
class ParserFuzzTest {
    static final int RANDOM_INPUTS = 20_000;

    @FuzzTest(maxDuration = "10s")
    void hexDecode(FuzzedDataProvider data) {
        checkHex(data.consumeRemainingAsString());
    }

    @FuzzTest(maxDuration = "10s")
    void commandApdu(byte[] raw) {
        checkCommandApdu(raw);
    }

    @FuzzTest(maxDuration = "10s")
    void commandApduText(FuzzedDataProvider data) {
        checkCommandApduText(data.consumeRemainingAsString());
    }

    @FuzzTest(maxDuration = "10s")
    void responseApdu(byte[] raw) {
        checkResponseApdu(raw);
    }

    @FuzzTest(maxDuration = "10s")
    void tlv(byte[] raw) {
        checkTlv(raw);
    }

    @FuzzTest(maxDuration = "10s")
    void atr(byte[] raw) {
        checkAtr(raw);
    }

    @FuzzTest(maxDuration = "10s")
    void selectFcp(byte[] raw) {
        checkFcp(raw);
    }

    @FuzzTest(maxDuration = "10s")
    void pinText(FuzzedDataProvider data) {
        checkPins(data.consumeRemainingAsString());
    }

    /** The same targets on fixed-seed random inputs biased toward the structures they parse. */
    @Test
    void parsersOnlyThrowTheirValidationErrorsOnRandomInput() {
        Random random = new Random(0x5C45);
        for (int i = 0; i < RANDOM_INPUTS; i++) {
            byte[] raw = randomBytes(random);
            checkCommandApdu(raw);
            checkResponseApdu(raw);
            checkTlv(raw);
            checkAtr(raw);
            checkFcp(raw);
            checkFcp(wrap(0x62, raw));
            String text = randomText(random);
            checkHex(text);
            checkCommandApduText(text);
            checkPins(text);
        }
    }

    static void checkHex(String text) {
        byte[] bytes;
        try {
            bytes = Hex.decode(text);
        } catch (ApduFormatException e) {
            assertMessage(e);
            return;
        }
        assertArrayEquals(bytes, Hex.decode(Hex.encode(bytes)));
        assertArrayEquals(bytes, Hex.decode(Hex.spaced(bytes)));
    }

    static void checkCommandApdu(byte[] raw) {
        CommandApdu apdu;
        try {
            apdu = CommandApdu.decode(raw);
        } catch (ApduFormatException e) {
            assertMessage(e);
            return;
        }
        assertArrayEquals(raw, apdu.bytes(), "decode then encode gives the input back");
        assertEquals(apdu, CommandApdu.decode(apdu.bytes()));
        assertEquals(apdu, CommandApdu.parse(apdu.toHexString()));
        assertEquals(apdu.nc(), apdu.data().length);
        assertTrue(apdu.ne() >= 0 && apdu.ne() <= CommandApdu.MAX_EXTENDED_NE);
        if (apdu.carriesSecret()) {
            // The redacted form must not depend on the data: flip every data bit, compare.
            byte[] flipped = apdu.bytes();
            int dataStart = apdu.isExtended() ? 7 : 5;   // carriesSecret() implies Lc is present
            for (int i = dataStart; i < dataStart + apdu.nc(); i++) {
                flipped[i] = (byte) ~flipped[i];
            }
            CommandApdu other = CommandApdu.decode(flipped);
            assertArrayEquals(apdu.data().length == 0 ? new byte[0] : invert(apdu.data()), other.data(), "flip hit the data");
            assertEquals(apdu.toRedactedString(), other.toRedactedString(), "the redacted form shows the data");
            assertEquals(apdu.toString(), other.toString(), "toString shows a secret");
        }
    }

    static void checkCommandApduText(String text) {
        try {
            CommandApdu apdu = CommandApdu.parse(text);
            assertArrayEquals(Hex.decode(text), apdu.bytes());
        } catch (ApduFormatException e) {
            assertMessage(e);
        }
    }

    static void checkResponseApdu(byte[] raw) {
        try {
            ResponseApdu r = ResponseApdu.decode(raw);
            assertEquals(raw.length - 2, r.dataLength());
            assertEquals(((raw[raw.length - 2] & 0xFF) << 8) | (raw[raw.length - 1] & 0xFF), r.statusWord().value());
        } catch (ApduFormatException e) {
            assertMessage(e);
            assertTrue(raw.length < 2);
        }
    }

    static void checkTlv(byte[] raw) {
        List<Tlv> all;
        try {
            all = TlvReader.readAll(raw);
        } catch (TlvFormatException e) {
            assertMessage(e);
            return;
        }
        for (Tlv t : all) {
            assertEquals(t, TlvReader.readOne(t.encode()), "re-reading an encoded data object");
        }
    }

    static void checkAtr(byte[] raw) {
        try {
            Atr.parse(raw);
        } catch (AtrFormatException e) {
            assertMessage(e);
        }
    }

    static void checkFcp(byte[] raw) {
        try {
            AppletInfo.fromFcp(raw);
        } catch (TlvFormatException | MalformedResponseException e) {
            assertMessage(e);
        }
    }

    static void checkPins(String text) {
        try {
            Pin.user(text);
        } catch (InvalidInputException e) {
            assertMessage(e);
        }
        try {
            SoPin.fromHex(text);
        } catch (InvalidInputException e) {
            assertMessage(e);
        }
        try {
            SoPin.fromAsciiCharacters(text);
        } catch (InvalidInputException e) {
            assertMessage(e);
        }
    }

    private static byte[] invert(byte[] b) {
        byte[] out = b.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) ~out[i];
        }
        return out;
    }

    private static void assertMessage(RuntimeException e) {
        assertTrue(e.getMessage() != null && !e.getMessage().isBlank(), "validation errors explain themselves");
    }

    private static byte[] randomBytes(Random random) {
        int n = random.nextInt(8) == 0 ? random.nextInt(600) : random.nextInt(24);
        byte[] b = new byte[n];
        random.nextBytes(b);
        if (n > 4 && random.nextBoolean()) {
            b[4] = (byte) (random.nextInt(4) == 0 ? 0 : n - 5 - random.nextInt(3));  // plausible Lc
        }
        if (n > 1 && random.nextInt(3) == 0) {
            b[0] = (byte) (random.nextBoolean() ? 0x3B : 0x62);
            b[1] = (byte) Math.max(0, n - 2 - random.nextInt(2));
        }
        return b;
    }

    private static String randomText(Random random) {
        String alphabet = "0123456789abcdefABCDEFgxZ :-_\t\n\u00e9\u0660\uff10\ud83d";
        int n = random.nextInt(40);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return sb.toString();
    }

    private static byte[] wrap(int tag, byte[] value) {
        if (value.length > 127) {
            value = java.util.Arrays.copyOf(value, 127);
        }
        byte[] out = new byte[value.length + 2];
        out[0] = (byte) tag;
        out[1] = (byte) value.length;
        System.arraycopy(value, 0, out, 2, value.length);
        return out;
    }
}
