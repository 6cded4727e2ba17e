package org.schsm.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.schsm.apdu.Hex;
import org.schsm.testkit.HsmConstants;
import org.schsm.testkit.ScriptedTransport;

class TracingTransportTest {
    private static final String SELECT = HsmConstants.compact("00 A4 04 00 0B " + HsmConstants.AID);

    private final List<String> lines = new ArrayList<>();

    @Test
    void eachApduGivesADirectionLineWithHexStatusMeaningAndMicroseconds() {
        ScriptedTransport card = new ScriptedTransport().expect("00CA010100", "AABB9000");
        AtomicLong now = new AtomicLong(5_000_000);
        TracingTransport t = new TracingTransport(card, lines::add, () -> now.getAndAdd(1_234_000));
        t.transmit(Hex.decode("00CA010100"));
        assertEquals(List.of(">> 00 CA 01 01 00", "<< AA BB 9000 (success) [1234 us]"), lines);
    }

    @Test
    void theAnswerOfDecipherIsHiddenAndReadsBackAsItsStatusWord() {
        // RSA decryption in the proprietary class and, oddly, in class 00: the plaintext is a secret either way.
        ScriptedTransport card = new ScriptedTransport()
                .expect("8062012104AABBCCDD00", "5365637265749000")
                .expect("0062012104AABBCCDD00", "5365637265749000")
                .expect("00CA010100", "5365637265749000");
        TracingTransport t = new TracingTransport(card, lines::add, () -> 0);
        t.transmit(Hex.decode("8062012104AABBCCDD00"));
        t.transmit(Hex.decode("0062012104AABBCCDD00"));
        t.transmit(Hex.decode("00CA010100"));
        assertEquals("<< ** 9000 (success) [0 us]", lines.get(1));
        assertEquals("<< ** 9000 (success) [0 us]", lines.get(3));
        assertEquals("<< 53 65 63 72 65 74 9000 (success) [0 us]", lines.get(5), "other answers show their data");
        TraceFormat.Line read = TraceFormat.parse(lines.get(1)).orElseThrow();
        assertEquals(0x9000, read.response().orElseThrow().sw());
        assertEquals(0, read.response().orElseThrow().data().length);
    }

    @Test
    void apdusAddedByTheGetResponseDecoratorAreMarkedAuto() {
        ScriptedTransport card = new ScriptedTransport()
                .expect(SELECT, "6102")
                .expect("00C0000002", "62009000");
        CardTransport t = Transports.decorate(card, true, lines::add);
        t.transmit(Hex.decode(SELECT));
        assertEquals(4, lines.size(), lines.toString());
        assertTrue(lines.get(0).startsWith(">> 00 A4 04 00 0B E8"), lines.get(0));
        assertTrue(lines.get(1).startsWith("<< 6102 (2 response bytes"), lines.get(1));
        assertTrue(lines.get(2).startsWith(">> [auto] 00 C0 00 00 02"), lines.get(2));
        assertTrue(lines.get(3).startsWith("<< [auto] 62 00 9000 (success)"), lines.get(3));
    }

    @Test
    void resendOn6CxxIsMarkedAuto() {
        ScriptedTransport card = new ScriptedTransport()
                .expect("00CA010100", "6C02")
                .expect("00CA010102", "AABB9000");
        Transports.decorate(card, true, lines::add).transmit(Hex.decode("00CA010100"));
        assertFalse(lines.get(0).contains("[auto]"));
        assertTrue(lines.get(2).startsWith(">> [auto] 00 CA 01 01 02"), lines.get(2));
    }

    @Test
    void tracerOutsideTheDecoratorSeesOnlyTheCompletedExchange() {
        ScriptedTransport card = new ScriptedTransport()
                .expect(SELECT, "6102")
                .expect("00C0000002", "62009000");
        new TracingTransport(new GetResponseTransport(card), lines::add).transmit(Hex.decode(SELECT));
        assertEquals(2, lines.size(), lines.toString());
        assertTrue(lines.get(1).startsWith("<< 62 00 9000"), lines.get(1));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "00 20 00 81 06 %s",              // VERIFY user PIN
        "00 24 00 81 0C %s 313233343536", // CHANGE REFERENCE DATA old||new
        "00 2C 00 81 0E 3132333435363738 %s", // RESET RETRY COUNTER SO-PIN||new PIN
        "80 50 00 00 0F 80020001 8106 %s 910103"})  // INITIALIZE DEVICE with user PIN
    void pinNeverAppearsInTheTraceInAsciiOrHex(String template) {
        String pin = "648219";
        String pinHex = Hex.encode(pin.getBytes(StandardCharsets.US_ASCII));
        String apdu = String.format(template, pinHex).replace(" ", "");
        ScriptedTransport card = new ScriptedTransport().expect(apdu, "9000");
        Transports.decorate(card, true, lines::add).transmit(Hex.decode(apdu));
        String all = String.join("\n", lines);
        assertTrue(all.contains("**"), all);
        assertFalse(all.contains(pin), all);
        assertFalse(all.replace(" ", "").contains(pinHex), all);
    }

    @Test
    void dkekShareIsRedacted() {
        String share = "A1B2C3D4E5F60718293A4B5C6D7E8F90";
        ScriptedTransport card = new ScriptedTransport().expect("8052000010" + share, "0105 9000");
        Transports.decorate(card, true, lines::add).transmit(Hex.decode("8052000010" + share));
        assertFalse(String.join("", lines).replace(" ", "").contains(share.substring(0, 8)), lines.toString());
    }

    @Test
    void malformedPinCommandIsTracedWithoutItsBytes() {
        ScriptedTransport card = new ScriptedTransport().expect("0020008109363438323139", "6700");
        new TracingTransport(card, lines::add).transmit(Hex.decode("0020008109363438323139"));
        assertTrue(lines.get(0).startsWith(">> 00 20 00 81 ** (malformed"), lines.get(0));
        assertFalse(lines.get(0).contains("36 34 38"), lines.get(0));
        assertTrue(lines.get(1).startsWith("<< 6700 (wrong length)"), lines.get(1));
    }

    @Test
    void printStreamSinkGetsOneLinePerApdu() {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        ScriptedTransport card = new ScriptedTransport().expect("0020008106363438323139", "63C2");
        new TracingTransport(card, new java.io.PrintStream(bytes, true, StandardCharsets.UTF_8))
                .transmit(Hex.decode("0020008106363438323139"));
        String[] out = bytes.toString(StandardCharsets.UTF_8).split(System.lineSeparator());
        assertEquals(2, out.length);
        assertEquals(">> 00 20 00 81 06 **", out[0]);
        assertTrue(out[1].startsWith("<< 63C2 (wrong PIN, 2 tries left) ["), out[1]);
    }

    @Test
    void transportFailureIsTracedAndRethrown() {
        CardTransport dead = new CardTransport() {
            @Override
            public byte[] transmit(byte[] command) {
                throw new TransportException("card removed");
            }

            @Override
            public byte[] atr() {
                return new byte[0];
            }

            @Override
            public String name() {
                return "dead";
            }

            @Override
            public void close() {
                // nothing held
            }
        };
        TracingTransport t = new TracingTransport(dead, lines::add);
        assertThrows(TransportException.class, () -> t.transmit(Hex.decode("00B0000000")));
        assertTrue(lines.get(1).startsWith("<< failed: card removed"), lines.toString());
    }
}
