package org.schsm.simulator.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.schsm.apdu.Hex;
import org.schsm.simulator.SimulatedCard;
import org.schsm.simulator.cvc.DeviceCertificates;
import org.schsm.simulator.cvc.HolderReference;
import org.schsm.simulator.vpcd.SimulatedCardVirtualCard;
import org.schsm.testkit.HsmConstants;

/** A simulated SmartCard-HSM with device certificates, recorded, ready for a vpcd reader. */
final class SimulatedHsm {
    static final String SO_PIN = HsmConstants.DEFAULT_SO_PIN;
    static final String USER_PIN = HsmConstants.USER_PIN;
    static final HolderReference DEVICE = HolderReference.simulatedDevice(1);

    final SimulatedCard card;
    final SimulatedCardVirtualCard adapter;
    final ApduRecorder recorder;

    private SimulatedHsm(SimulatedCard card) {
        this.card = card;
        this.adapter = new SimulatedCardVirtualCard(card);
        this.recorder = new ApduRecorder(adapter);
    }

    /** A factory-fresh card whose EF.C_DevAut holds freshly generated device certificates. */
    static SimulatedHsm fresh() {
        return new SimulatedHsm(SimulatedCard.create(DeviceCertificates.generate(DEVICE)));
    }

    /** A card loaded from a state file written through {@link SimulatedCardVirtualCard#saveTo}. */
    static SimulatedHsm load(Path stateFile) throws java.io.IOException {
        return new SimulatedHsm(SimulatedCard.load(stateFile));
    }

    /**
     * Initializes the card directly (not through the reader), as sc-hsm-tool would: options 0001,
     * user PIN 648219, SO-PIN 3537363231383830, 3 tries.
     */
    SimulatedHsm initialized() {
        expect("9000", "00A404000B" + HsmConstants.compact(HsmConstants.AID) + "00");
        expect("9000", "8050000019" + "80020001" + "8106" + Hex.encode(USER_PIN.getBytes(
                java.nio.charset.StandardCharsets.US_ASCII)) + "8208" + SO_PIN + "910103");
        card.powerCycle();
        return this;
    }

    /** Sends a command straight to the card (not through pcscd) and returns the status word. */
    String statusOf(String commandHex) {
        byte[] response = card.transmit(Hex.decode(commandHex));
        return Hex.encode(response, response.length - 2, 2);
    }

    private void expect(String sw, String commandHex) {
        assertEquals(sw, statusOf(commandHex), "direct command " + commandHex.substring(0, 8));
    }
}
