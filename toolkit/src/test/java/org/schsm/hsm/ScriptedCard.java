package org.schsm.hsm;

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
 * very arrays it was given, so tests can check that PIN buffers were overwritten after sending.
 */
final class ScriptedCard implements CardTransport {
    static final String ATR = "3B FE 18 00 00 81 31 FE 45 80 31 81 54 48 53 4D 31 73 80 21 40 81 07 FA";
    static final String SELECT = "00 A4 04 00 0B E8 2B 06 01 04 01 81 C3 1F 02 01 00";
    /** pico-hsm / simulator FCP: options 0001, build FF, version 3.6; followed by 9000. */
    static final String FCP_RRC = "62 17 82 01 38 84 0B E8 2B 06 01 04 01 81 C3 1F 02 01 85 05 00 01 FF 03 06 90 00";
    static final String USER_STATUS = "00 20 00 81";
    static final String SO_STATUS = "00 20 00 88";
    static final String DKEK_STATUS = "80 52 00 00 00";
    static final String PIN_648219 = "36 34 38 32 31 39";
    static final String DEFAULT_SO = "35 37 36 32 31 38 38 30";

    private final Deque<String[]> script = new ArrayDeque<>();
    private final List<String> sent = new ArrayList<>();
    private final List<byte[]> buffers = new ArrayList<>();
    private final List<Boolean> heldAtSend = new ArrayList<>();
    private int exclusiveDepth;

    ScriptedCard expect(String command, String response) {
        script.add(new String[] {Hex.spaced(Hex.decode(command)), response});
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
        String[] next = script.removeFirst();
        if (!next[0].equals(actual)) {
            throw new AssertionError("expected APDU " + next[0] + " but the card received " + actual);
        }
        return Hex.decode(next[1]);
    }

    /** Every scripted command was sent. */
    void assertDone() {
        assertEquals(List.of(), script.stream().map(s -> s[0]).toList(), "scripted APDUs never sent");
    }

    /** The APDUs received, as spaced hex in the order sent (taken when they arrived). */
    List<String> sent() {
        return sent;
    }

    /** The array the card received as its {@code index}-th command, in its current state. */
    byte[] buffer(int index) {
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
    List<Boolean> heldAtSend() {
        return heldAtSend;
    }

    boolean isHeld() {
        return exclusiveDepth > 0;
    }

    @Override
    public byte[] atr() {
        return Hex.decode(ATR);
    }

    @Override
    public String name() {
        return "scripted card";
    }

    @Override
    public void close() {
        // nothing to release
    }
}
