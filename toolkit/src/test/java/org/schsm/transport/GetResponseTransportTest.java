package org.schsm.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.schsm.apdu.Hex;
import org.schsm.testkit.HsmConstants;
import org.schsm.testkit.ScriptedTransport;

class GetResponseTransportTest {
    private static final String SELECT = HsmConstants.compact("00 A4 04 00 0B " + HsmConstants.AID);

    @Test
    void responseWithout61xxPassesThroughUntouched() {
        ScriptedTransport card = new ScriptedTransport().expect("00CA0101 00", "AABB 9000");
        byte[] r = new GetResponseTransport(card).transmit(Hex.decode("00CA010100"));
        assertArrayEquals(Hex.decode("AABB9000"), r);
        assertEquals(1, card.sent().size());
    }

    @Test
    void sixtyOneXxFetchesAndConcatenatesUntilTheFinalStatus() {
        ScriptedTransport card = new ScriptedTransport()
                .expect(SELECT, "6124")
                .expect("00C0000024", "6234 " + "11".repeat(0x22) + " 6110")
                .expect("00C0000010", "22".repeat(0x10) + " 9000");
        byte[] r = new GetResponseTransport(card).transmit(Hex.decode(SELECT));
        assertEquals("6234" + "11".repeat(0x22) + "22".repeat(0x10) + "9000", Hex.encode(r));
        card.assertDone();
    }

    @Test
    void sixtyOneZeroZeroAsksForTheFull256Bytes() {
        ScriptedTransport card = new ScriptedTransport()
                .expect("00B0000000", "6100")
                .expect("00C0000000", "00".repeat(256) + "9000");
        byte[] r = new GetResponseTransport(card).transmit(Hex.decode("00B0000000"));
        assertEquals(258, r.length);
    }

    @Test
    void wrongLeIsResentOnceWithTheLengthTheCardNamed() {
        ScriptedTransport card = new ScriptedTransport()
                .expect("00CA010100", "6C08")
                .expect("00CA010108", "0102030405060708 9000");
        byte[] r = new GetResponseTransport(card).transmit(Hex.decode("00CA010100"));
        assertEquals("01020304050607089000", Hex.encode(r));
        card.assertDone();
    }

    @Test
    void wrongLeOnACase3CommandAddsLeInsteadOfOverwritingData() {
        ScriptedTransport card = new ScriptedTransport()
                .expect("00CB3FFF025C00", "6C04")
                .expect("00CB3FFF025C0004", "AABBCCDD9000");
        new GetResponseTransport(card).transmit(Hex.decode("00CB3FFF025C00"));
        card.assertDone();
    }

    @Test
    void resendThatAnswers61xxIsCompletedToo() {
        ScriptedTransport card = new ScriptedTransport()
                .expect("0084000000", "6C08")
                .expect("0084000008", "6108")
                .expect("00C0000008", "0102030405060708 9000");
        assertEquals("01020304050607089000",
                Hex.encode(new GetResponseTransport(card).transmit(Hex.decode("0084000000"))));
    }

    @Test
    void getResponseKeepsTheLogicalChannelAndDropsProprietaryClass() {
        ScriptedTransport card = new ScriptedTransport()
                .expect("8162000002AABB", "6102")
                .expect("01C0000002", "CCDD9000");
        new GetResponseTransport(card).transmit(Hex.decode("8162000002AABB"));
        card.assertDone();
        assertEquals(0x00, GetResponseTransport.getResponseClass(0x80));
        assertEquals(0x00, GetResponseTransport.getResponseClass(0x0C));
        assertEquals(0x45, GetResponseTransport.getResponseClass(0x65));
    }

    @Test
    void endless61xxStopsAtTheBoundWithATypedError() {
        ScriptedTransport card = new ScriptedTransport()
                .expect("00B0000000", "6101")
                .expect("00C0000001", "AA6101")
                .expect("00C0000001", "BB6101");
        GetResponseLimitException e = assertThrows(GetResponseLimitException.class,
                () -> new GetResponseTransport(card, 2).transmit(Hex.decode("00B0000000")));
        assertEquals(2, e.rounds());
        assertTrue(e.getMessage().contains("2 bytes"), e.getMessage());
        assertTrue(e instanceof TransportException);
        card.assertDone();
    }

    @Test
    void switchedOffTheCallerSees61xxAnd6CxxAsTheCardSentThem() {
        ScriptedTransport card = new ScriptedTransport()
                .expect(SELECT, "6124")
                .expect("00CA010100", "6C08");
        CardTransport t = Transports.decorate(card, false, null);
        assertEquals("6124", Hex.encode(t.transmit(Hex.decode(SELECT))));
        assertEquals("6C08", Hex.encode(t.transmit(Hex.decode("00CA010100"))));
        assertEquals(List.of(Hex.spaced(Hex.decode(SELECT)), "00 CA 01 01 00"), card.sent());
        assertTrue(t == card, "no decorator when nothing is asked for");
    }

    @Test
    void decoratorsDelegateNameAtrAndClose() {
        ScriptedTransport card = new ScriptedTransport();
        CardTransport t = Transports.decorate(card, true, line -> { });
        assertEquals("scripted", t.name());
        assertArrayEquals(card.atr(), t.atr());
        t.close();
        assertTrue(card.isClosed());
    }

    @Test
    void aResponseWithoutStatusBytesIsATransportError() {
        ScriptedTransport card = new ScriptedTransport().expect("00B0000000", "90");
        assertThrows(TransportException.class, () -> new GetResponseTransport(card).transmit(Hex.decode("00B0000000")));
    }
}
