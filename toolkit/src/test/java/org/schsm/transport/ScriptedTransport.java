package org.schsm.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.schsm.apdu.Hex;

/** A card that answers from a script and fails the test on any command it did not expect. */
final class ScriptedTransport implements CardTransport {
    private record Step(String command, String response) {
    }

    private final Deque<Step> script = new ArrayDeque<>();
    final List<String> sent = new ArrayList<>();
    boolean closed;

    /** Expect {@code command} (hex, any spacing) and answer {@code response}. */
    ScriptedTransport expect(String command, String response) {
        script.add(new Step(Hex.encode(Hex.decode(command)), Hex.encode(Hex.decode(response))));
        return this;
    }

    @Override
    public byte[] transmit(byte[] command) {
        String hex = Hex.encode(command);
        sent.add(hex);
        assertTrue(!script.isEmpty(), "unexpected command " + hex + " after the script ended");
        Step step = script.removeFirst();
        assertEquals(step.command(), hex, "command #" + sent.size());
        return Hex.decode(step.response());
    }

    void assertScriptDone() {
        assertTrue(script.isEmpty(), "commands never sent: " + script);
    }

    @Override
    public byte[] atr() {
        return Hex.decode("3B8E80018031815448534D3173802140810718");
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
