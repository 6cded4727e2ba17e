package org.schsm.simulator.vpcd;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import org.schsm.apdu.Hex;
import org.schsm.testkit.HsmConstants;

/** A test card that records what the bridge asks of it and answers with a function. */
final class RecordingCard implements VirtualCard {
    static final byte[] ATR = Hex.decode(HsmConstants.ATR);

    final List<String> events = new CopyOnWriteArrayList<>();
    private final UnaryOperator<byte[]> responder;
    volatile boolean present = true;

    RecordingCard(UnaryOperator<byte[]> responder) {
        this.responder = responder;
    }

    @Override
    public byte[] atr() {
        events.add("atr");
        return ATR.clone();
    }

    @Override
    public void powerOff() {
        events.add("off");
    }

    @Override
    public void powerOn() {
        events.add("on");
    }

    @Override
    public void reset() {
        events.add("reset");
    }

    @Override
    public byte[] transmit(byte[] command) {
        events.add("apdu " + Hex.encode(command));
        return responder.apply(command);
    }

    @Override
    public boolean isPresent() {
        return present;
    }
}
