package org.schsm.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.schsm.apdu.Hex;
import org.schsm.atr.Atr;
import org.schsm.testkit.InteropTest;
import org.schsm.testkit.Requirement;

/**
 * PcscTransport against the real PC/SC stack: pcscd with the vpcd driver, and a card of our own
 * ({@link VpcdCard}) on the second vpcd port. Skipped, saying why, when pcscd or vpcd is not
 * there or the port is taken by someone else's card, and fails then under CI=true ({@link InteropTest}).
 */
@InteropTest({Requirement.PCSCD, Requirement.VPCD_DRIVER})
class PcscVpcdInteropTest {
    /** The second vpcd reader; the first one is left to the simulator's own interop tests. */
    private static final int PORT = 35964;
    /**
     * T=1 only, like the SmartCard-HSM, but no historical bytes, so no tool mistakes it for one:
     * TS 3B, T0 80 (TD1 follows), TD1 01 (T=1), TCK 81.
     */
    private static final byte[] ATR = Hex.decode("3B800181");

    /** Every command these tests send to the card, so that other clients' probes can be told apart. */
    private static final Set<String> OURS = Set.of("00CA010100", "00C0000004", "00CA020200", "00CA020202",
            "00200081", "00C0000002");

    private VpcdCard card;
    private String reader;

    private static byte[] answer(byte[] apdu) {
        String a = Hex.encode(apdu);
        if (a.equals("00CA010100")) {
            return Hex.decode("6104");
        }
        if (a.equals("00C0000004")) {
            return Hex.decode("010203049000");
        }
        if (a.equals("00CA020200")) {
            return Hex.decode("6C02");
        }
        if (a.equals("00CA020202")) {
            return Hex.decode("AABB9000");
        }
        if (a.equals("00200081")) {
            return Hex.decode("6102");
        }
        if (a.equals("00C0000002")) {
            return Hex.decode("CAFE9000");
        }
        if (a.startsWith("80EE0000")) {
            byte[] data = Arrays.copyOfRange(apdu, 7, apdu.length - 2);
            byte[] out = Arrays.copyOf(data, data.length + 2);
            out[data.length] = (byte) 0x90;
            return out;
        }
        return Hex.decode("6D00");
    }

    @BeforeEach
    void insertCard() throws InterruptedException {
        card = VpcdCard.insertListed(PORT, ATR, PcscVpcdInteropTest::answer);
        reader = card.reader();
    }

    @AfterEach
    void removeCard() throws IOException, InterruptedException {
        if (card != null) {
            card.close();
        }
        if (reader != null) {
            // The next test inserts a card with the same ATR; it must not mistake this one, still
            // listed until pcscd polls the driver, for its own.
            waitUntilPcscSeesNoCard();
        }
    }

    @Test
    void sunProviderHands61xxBackRawAndTheDecoratorCompletesIt() {
        try (PcscTransport raw = PcscTransport.open(reader, PcscProvider.SUN)) {
            assertArrayEquals(ATR, raw.atr());
            assertEquals(Set.of(1), Atr.parse(raw.atr()).protocols());
            assertTrue(Atr.parse(raw.atr()).isTckValid());
            assertEquals("6104", Hex.encode(raw.transmit(Hex.decode("00CA010100"))));
            assertEquals(List.of("00CA010100"), card.receivedOf(OURS));
            byte[] full = new GetResponseTransport(raw).transmit(Hex.decode("00CA010100"));
            assertEquals("010203049000", Hex.encode(full));
            assertEquals(List.of("00CA010100", "00CA010100", "00C0000004"), card.receivedOf(OURS));
        }
    }

    @Test
    void jnaProviderHands61xxAnd6CxxBackRawAndTheDecoratorCompletesThem() {
        // jnasmartcardio's transmit would answer them itself, out of the tracer's sight; the transport
        // goes beneath it (JnaWire), so the wire is what the caller sees, as with the JDK provider.
        try (PcscTransport raw = PcscTransport.open(reader, PcscProvider.JNA)) {
            assertEquals("6104", Hex.encode(raw.transmit(Hex.decode("00CA010100"))));
            assertEquals("6C02", Hex.encode(raw.transmit(Hex.decode("00CA020200"))));
            assertEquals(List.of("00CA010100", "00CA020200"), card.receivedOf(OURS));
            GetResponseTransport completing = new GetResponseTransport(raw);
            assertEquals("010203049000", Hex.encode(completing.transmit(Hex.decode("00CA010100"))));
            assertEquals("AABB9000", Hex.encode(completing.transmit(Hex.decode("00CA020200"))));
        }
    }

    @Test
    void aCase1CommandAnswered61xxIsCompletedByTheDecoratorWithEitherProvider() {
        // jnasmartcardio 0.2.7's own chaining indexes past a 4-byte command here; the transport never uses it.
        for (PcscProvider provider : PcscProvider.values()) {
            try (PcscTransport raw = PcscTransport.open(reader, provider)) {
                assertEquals("CAFE9000", Hex.encode(new GetResponseTransport(raw).transmit(Hex.decode("00200081"))),
                        provider.name());
            }
        }
    }

    @Test
    void extendedLengthCommandsCrossTheRealStackIntact() {
        byte[] data = new byte[300];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) i;
        }
        byte[] apdu = new org.schsm.apdu.CommandApdu(0x80, 0xEE, 0, 0, data, 65536).bytes();
        for (PcscProvider provider : PcscProvider.values()) {
            try (PcscTransport t = PcscTransport.open(reader, provider)) {
                byte[] r = t.transmit(apdu);
                assertArrayEquals(data, Arrays.copyOf(r, r.length - 2), provider.name());
                assertTrue(card.received.contains(Hex.encode(apdu)), provider.name());
            }
        }
    }

    @Test
    void exclusiveAccessNestsOnARealCard() {
        try (PcscTransport t = PcscTransport.open(reader, PcscProvider.JNA)) {
            byte[] r = t.exclusive(() -> {
                t.beginExclusive();
                assertTrue(t.isExclusive());
                t.endExclusive();
                assertTrue(t.isExclusive(), "the outer hold must survive the inner release");
                return t.transmit(Hex.decode("00CA020202"));
            });
            assertEquals("AABB9000", Hex.encode(r));
            assertFalse(t.isExclusive());
        }
    }

    @Test
    void listingAndOpeningGiveTheirPcscContextsBack() {
        // Before contexts were released, each listing kept a pcscd connection open and listing
        // number 115 failed on this machine's pcscd 1.9.9.
        for (int i = 0; i < 150; i++) {
            new PcscReaders(PcscProvider.JNA).list(true);
        }
        for (int i = 0; i < 30; i++) {
            try (PcscTransport t = PcscTransport.open(reader, PcscProvider.JNA)) {
                assertEquals("AABB9000", Hex.encode(t.transmit(Hex.decode("00CA020202"))));
            }
        }
    }

    @Test
    void aReaderPreparedAheadOpensAndExchangesExactlyAsWithout() {
        // The CLI prepares the reader named by -r: jnasmartcardio's binding loads on a preload
        // thread, the registry lists on this one, the connection runs on its worker thread.
        Readers readers = Readers.pcsc(PcscProvider.JNA);
        readers.prepare(reader);
        try (CardTransport t = readers.open(reader)) {
            assertEquals("AABB9000", Hex.encode(t.transmit(Hex.decode("00CA020202"))));
            assertArrayEquals(ATR, t.atr());
        }
        assertEquals(List.of("00CA020202"), card.receivedOf(OURS));
    }

    @Test
    void unknownReaderNameListsTheConnectedReaders() {
        NoReaderException e = assertThrows(NoReaderException.class, () -> PcscTransport.open("No Such Reader 00 00"));
        assertTrue(e.getMessage().contains("'" + reader + "'"), e.getMessage());
    }

    @Test
    void cardPulledMidSessionIsACardRemovedError() throws IOException, InterruptedException {
        try (PcscTransport t = PcscTransport.open(reader, PcscProvider.JNA)) {
            assertEquals("AABB9000", Hex.encode(t.transmit(Hex.decode("00CA020202"))));
            card.close();
            waitUntilPcscSeesNoCard();
            TransportException e = assertThrows(TransportException.class, () -> t.transmit(Hex.decode("00CA020202")));
            assertInstanceOf(CardRemovedException.class, e, e.getMessage());
            assertTrue(e.getMessage().contains("'" + reader + "'"), e.getMessage());
        }
    }

    @Test
    void emptyReaderIsANoCardError() throws IOException, InterruptedException {
        card.close();
        waitUntilPcscSeesNoCard();
        assertThrows(NoCardException.class, () -> PcscTransport.open(reader, PcscProvider.JNA));
        assertThrows(NoCardException.class, () -> PcscTransport.open(reader, PcscProvider.SUN));
    }

    private void waitUntilPcscSeesNoCard() throws InterruptedException {
        if (!card.awaitRemovedFromListing()) {
            throw new AssertionError("pcscd still reports a card in '" + reader + "' after the vpcd connection closed");
        }
    }
}
