package org.schsm.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.schsm.apdu.Hex;
import org.schsm.transport.CardTransport;

/**
 * A card that expects an exact sequence of command APDUs and answers each with a scripted
 * response. Any other APDU, or one more than scripted, fails the test on the spot. It keeps the
 * very arrays it was given, so tests can check that PIN buffers were overwritten after sending,
 * and records whether it was held exclusively when each APDU arrived.
 */
public final class ScriptedTransport implements CardTransport {
    private record Step(String command, String response) {
    }

    private final Deque<Step> script = new ArrayDeque<>();
    private final List<String> sent = new ArrayList<>();
    private final List<byte[]> buffers = new ArrayList<>();
    private final List<Boolean> heldAtSend = new ArrayList<>();
    private int exclusiveDepth;
    private boolean closed;

    /** Expect {@code command} (hex, any spacing) and answer {@code response} (hex, any spacing). */
    public ScriptedTransport expect(String command, String response) {
        script.add(new Step(Hex.spaced(Hex.decode(command)), response));
        return this;
    }

    @Override
    public byte[] transmit(byte[] command) {
        String actual = Hex.spaced(command);
        sent.add(actual);
        buffers.add(command);
        heldAtSend.add(exclusiveDepth > 0);
        if (script.isEmpty()) {
            throw new AssertionError("unexpected APDU after the script ended: " + actual);
        }
        Step next = script.removeFirst();
        if (!next.command().equals(actual)) {
            throw new AssertionError("expected APDU " + next.command() + " but the card received " + actual
                    + " (command #" + sent.size() + ")");
        }
        return Hex.decode(next.response());
    }

    /** Every scripted command was sent. */
    public void assertDone() {
        assertEquals(List.of(), script.stream().map(Step::command).toList(), "scripted APDUs never sent");
    }

    /** The APDUs received, as spaced hex in the order sent (taken when they arrived). */
    public List<String> sent() {
        return sent;
    }

    /** The array the card received as its {@code index}-th command, in its current state. */
    public byte[] buffer(int index) {
        return buffers.get(index);
    }

    @Override
    public void beginExclusive() {
        exclusiveDepth++;
    }

    @Override
    public void endExclusive() {
        exclusiveDepth--;
    }

    /** Whether the card was held exclusively when each APDU arrived. */
    public List<Boolean> heldAtSend() {
        return heldAtSend;
    }

    public boolean isHeld() {
        return exclusiveDepth > 0;
    }

    /** Whether {@link #close()} was called. */
    public boolean isClosed() {
        return closed;
    }

    @Override
    public byte[] atr() {
        return Hex.decode(HsmConstants.ATR);
    }

    @Override
    public String name() {
        return "scripted";
    }

    @Override
    public void close() {
        closed = true;
    }
}
