package org.schsm.shell;

import java.io.PrintWriter;
import java.util.Objects;
import org.schsm.apdu.CommandApdu;
import org.schsm.apdu.ResponseApdu;
import org.schsm.transport.CardTransport;

/**
 * A transport whose APDU trace can be switched on and off while it is in use ({@code trace(true)}
 * in the shell). Commands are printed with {@link CommandApdu#toString()}, so the data of PIN
 * commands shows as {@code **}. Local to the shell until the toolkit's tracing decorator is merged.
 */
final class TracingTransport implements CardTransport {
    private final CardTransport inner;
    private final PrintWriter trace;
    private volatile boolean enabled;

    TracingTransport(CardTransport inner, PrintWriter trace, boolean enabled) {
        this.inner = Objects.requireNonNull(inner, "inner");
        this.trace = Objects.requireNonNull(trace, "trace");
        this.enabled = enabled;
    }

    void enabled(boolean on) {
        enabled = on;
    }

    boolean enabled() {
        return enabled;
    }

    CardTransport inner() {
        return inner;
    }

    @Override
    public byte[] transmit(byte[] command) {
        if (enabled) {
            trace.println("> " + describe(command));
        }
        byte[] response = inner.transmit(command);
        if (enabled) {
            trace.println("< " + (response.length >= 2 ? ResponseApdu.decode(response).toString() : "(no status word)"));
        }
        return response;
    }

    private static String describe(byte[] command) {
        try {
            return CommandApdu.decode(command).toString();
        } catch (org.schsm.apdu.ApduFormatException e) {
            return "malformed APDU of " + command.length + " bytes (" + e.getMessage() + ")";
        }
    }

    @Override
    public byte[] atr() {
        return inner.atr();
    }

    @Override
    public String name() {
        return inner.name();
    }

    @Override
    public void close() {
        inner.close();
    }
}
