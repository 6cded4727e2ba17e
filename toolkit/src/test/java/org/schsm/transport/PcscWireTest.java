package org.schsm.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.schsm.InvalidInputException;
import org.schsm.apdu.Hex;

class PcscWireTest {

    @Test
    void jnasmartcardioStillHasTheRawTransmitTheDefaultProviderNeeds() {
        assertTrue(JnaWire.available(), "jnasmartcardio's private transmitRaw(ByteBuffer, ByteBuffer) is gone");
    }

    @Test
    void theJdkProviderPassesEveryClassItLeavesAlone() {
        for (int cla = 0; cla <= 0xFF; cla++) {
            byte[] command = {(byte) cla, (byte) 0xB0, 0, 0, 2};
            boolean changed = cla < 0x80 && (cla & 0xE0) != 0x20 && (cla & 0xBC) != cla;
            String refusal = SunWire.refusal(command, false, false);
            assertEquals(changed, refusal != null, Hex.byteHex(cla) + ": " + refusal);
        }
        assertEquals("would send class byte 00 instead of 01 (it writes the logical channel, 0, into the class byte)",
                SunWire.refusal(Hex.decode("01200081"), false, false));
        assertEquals("would send class byte 0C instead of 4C (it writes the logical channel, 0, into the class byte)",
                SunWire.refusal(Hex.decode("4C200081"), false, false));
    }

    @Test
    void theJdkProviderRefusalsNameWhatItWouldDo() {
        assertTrue(SunWire.refusal(Hex.decode("002000"), false, false).contains("3 bytes"));
        assertTrue(SunWire.refusal(Hex.decode("0070000001"), false, false).contains("MANAGE CHANNEL"));
        assertNull(SunWire.refusal(Hex.decode("8070000001"), false, false), "proprietary 70 is no MANAGE CHANNEL");
        assertNull(SunWire.refusal(Hex.decode("00200081063132"), false, false), "a wrong Lc passes the JDK unchanged");
        assertNull(SunWire.refusal(Hex.decode("00A404000231320000"), false, false), "T=1 keeps Le");
        assertTrue(SunWire.refusal(Hex.decode("00A4040002313200"), true, false).contains("Le"));
        assertTrue(SunWire.refusal(Hex.decode("00A4040002313200"), false, true).contains("t1StripLe"));
        assertTrue(SunWire.refusal(Hex.decode("00A40400000002313200 00".replace(" ", "")), true, false).contains("extended"));
    }

    @Test
    void answerTimeoutDefaultsCoverKeyGenerationAndComeFromTheEnvironment() {
        assertEquals(Duration.ofSeconds(30), AnswerTimeout.DEFAULT.forCommand(Hex.decode("00200081")));
        assertEquals(Duration.ofSeconds(300), AnswerTimeout.DEFAULT.forCommand(Hex.decode("8046010000")));
        AnswerTimeout two = AnswerTimeout.fromEnvironment(Map.of("SCHSM_TIMEOUT", "2.5"));
        assertEquals(Duration.ofMillis(2500), two.forCommand(Hex.decode("00200081")));
        assertEquals(Duration.ofSeconds(300), two.forCommand(Hex.decode("8046010000")));
        assertEquals(Duration.ofSeconds(900),
                AnswerTimeout.fromEnvironment(Map.of("SCHSM_TIMEOUT", "900")).forCommand(Hex.decode("8046010000")));
        assertEquals(AnswerTimeout.DEFAULT, AnswerTimeout.fromEnvironment(Map.of()));
        for (String bad : new String[] {"0", "-1", "ten", "NaN", "1e9"}) {
            InvalidInputException e = assertThrows(InvalidInputException.class,
                    () -> AnswerTimeout.fromEnvironment(Map.of("SCHSM_TIMEOUT", bad)));
            assertTrue(e.getMessage().startsWith("SCHSM_TIMEOUT must be a number of seconds"), e.getMessage());
        }
        assertEquals("2.5 s", AnswerTimeout.text(Duration.ofMillis(2500)));
        assertEquals("30 s", AnswerTimeout.text(Duration.ofSeconds(30)));
        assertEquals("300 ms", AnswerTimeout.text(Duration.ofMillis(300)));
    }

    @Test
    void messagesNameACommandByItsHeaderOnly() {
        assertEquals("VERIFY (00 20 00 81)", PcscTransport.describe(Hex.decode("00200081063132333435")));
        assertEquals("VERIFY (00 20 00, 3 bytes)", PcscTransport.describe(Hex.decode("002000")));
        assertEquals("INS 02 (80 02 00 00)", PcscTransport.describe(Hex.decode("80020000")));
        assertEquals("a command of 1 byte", PcscTransport.describe(Hex.decode("00")));
    }
}
