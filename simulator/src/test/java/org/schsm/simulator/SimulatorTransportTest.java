package org.schsm.simulator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.schsm.apdu.CommandApdu;
import org.schsm.apdu.Hex;
import org.schsm.apdu.ResponseApdu;
import org.schsm.testkit.HsmConstants;
import org.schsm.transport.CardTransport;
import org.schsm.transport.TransportException;

class SimulatorTransportTest {

    @Test
    void nameAndAtrDescribeTheSimulator() {
        try (CardTransport transport = SimulatorTransport.withFreshCard()) {
            assertEquals("schsm simulator", transport.name());
            assertArrayEquals(Hex.decode(SimulatedCard.ATR_HEX), transport.atr());
        }
    }

    @Test
    void commandApdusGoThroughTheDefaultMethod() {
        try (SimulatorTransport transport = SimulatorTransport.withFreshCard()) {
            ResponseApdu fcp = transport.transmit(CommandApdu.parse(HsmConstants.SELECT));
            assertEquals(0x9000, fcp.sw());
            assertEquals(0x62, fcp.data()[0]);
            assertEquals(0x6A88, transport.transmit(CommandApdu.parse(HsmConstants.SO_STATUS)).sw());
        }
    }

    @Test
    void closedTransportRefusesToTransmitButTheCardLivesOn() {
        SimulatedCard card = SimulatedCard.create();
        SimulatorTransport first = new SimulatorTransport(card);
        assertSame(card, first.card());
        first.transmit(Hex.decode(HsmConstants.SELECT));
        first.transmit(Hex.decode(TestCard.INITIALIZE_TOOL));
        first.close();
        first.close();
        TransportException e = assertThrows(TransportException.class,
                () -> first.transmit(Hex.decode(HsmConstants.SO_STATUS)));
        assertEquals("transport 'schsm simulator' is closed", e.getMessage());
        TestCard again = new TestCard(card);
        again.expect(HsmConstants.SO_STATUS, 0x63CF);
    }

    @Test
    void atrIsACopy() {
        SimulatedCard card = SimulatedCard.create();
        card.atr()[0] = 0;
        assertEquals(0x3B, card.atr()[0]);
    }

    @Test
    void personalisationFailureIsReported() {
        byte[] tooBig = new byte[32000];
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> SimulatedCard.create(tooBig));
        assertEquals(true, e.getMessage().contains("6A84"), e.getMessage());
    }
}
