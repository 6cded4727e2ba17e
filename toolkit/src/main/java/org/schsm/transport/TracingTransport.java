package org.schsm.transport;

import java.util.Arrays;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.schsm.apdu.ApduFormatException;
import org.schsm.apdu.CommandApdu;
import org.schsm.apdu.Hex;
import org.schsm.apdu.ResponseApdu;

/**
 * Writes one line per APDU to a sink, in the form
 * <pre>
 * &gt;&gt; 00 20 00 81 06 **
 * &lt;&lt; 63C2 (wrong PIN, 2 tries left) [412 us]
 * &gt;&gt; [auto] 00 C0 00 00 24
 * </pre>
 * Secret-carrying commands are printed through {@link CommandApdu#toString()}, so their data
 * never reaches the sink. Commands a decorator generated arrive through {@link #transmitAuto}
 * and are marked {@code [auto]}; to see them, place this tracer inside the
 * {@link GetResponseTransport} (as {@link Transports#decorate} does). Placed outside, it shows
 * the caller's view: one command, one completed response.
 */
public final class TracingTransport implements AutoApduTransport {
    private final CardTransport inner;
    private final Consumer<String> sink;
    private final LongSupplier nanoClock;

    public TracingTransport(CardTransport inner, Consumer<String> sink) {
        this(inner, sink, System::nanoTime);
    }

    TracingTransport(CardTransport inner, Consumer<String> sink, LongSupplier nanoClock) {
        this.inner = Objects.requireNonNull(inner, "inner");
        this.sink = Objects.requireNonNull(sink, "sink");
        this.nanoClock = nanoClock;
    }

    @Override
    public byte[] transmit(byte[] command) {
        return traced(command, false);
    }

    @Override
    public byte[] transmitAuto(byte[] command) {
        return traced(command, true);
    }

    private byte[] traced(byte[] command, boolean auto) {
        String mark = auto ? "[auto] " : "";
        sink.accept(">> " + mark + describeCommand(command));
        long start = nanoClock.getAsLong();
        byte[] response;
        try {
            response = auto ? AutoApduTransport.sendAuto(inner, command) : inner.transmit(command);
        } catch (RuntimeException e) {
            sink.accept("<< " + mark + "failed: " + e.getMessage() + " [" + micros(start) + " us]");
            throw e;
        }
        sink.accept("<< " + mark + describeResponse(response) + " [" + micros(start) + " us]");
        return response;
    }

    private long micros(long start) {
        return (nanoClock.getAsLong() - start) / 1000;
    }

    /**
     * The command as it may be shown. A malformed command is still traced (that is when a trace
     * is most wanted), but if its INS is one that carries a secret, everything after the header
     * is hidden because we cannot tell where its data lies.
     */
    static String describeCommand(byte[] command) {
        try {
            return CommandApdu.decode(command).toString();
        } catch (ApduFormatException e) {
            if (command.length > 4 && mayCarrySecret(command)) {
                return Hex.spaced(Arrays.copyOf(command, 4)) + " ** (malformed: " + e.getMessage() + ")";
            }
            return Hex.spaced(command) + " (malformed: " + e.getMessage() + ")";
        }
    }

    private static boolean mayCarrySecret(byte[] command) {
        int cla = command[0] & 0xFF;
        int ins = command[1] & 0xFF;
        return ins == 0x20 || ins == 0x24 || ins == 0x2C || (cla & 0x80) != 0 && (ins == 0x50 || ins == 0x52);
    }

    private static String describeResponse(byte[] response) {
        try {
            return ResponseApdu.decode(response).toString();
        } catch (ApduFormatException e) {
            return Hex.spaced(response) + " (malformed: " + e.getMessage() + ")";
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
