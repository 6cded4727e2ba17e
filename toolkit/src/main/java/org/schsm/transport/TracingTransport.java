package org.schsm.transport;

import java.io.PrintStream;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.schsm.apdu.CommandApdu;

/**
 * Writes one line per APDU to a sink, in the {@link TraceFormat}:
 * <pre>
 * &gt;&gt; 00 20 00 81 06 **
 * &lt;&lt; 63C2 (wrong PIN, 2 tries left) [412 us]
 * &gt;&gt; [auto] 00 C0 00 00 24
 * </pre>
 * Commands are printed through {@link CommandApdu#describe}, so the data of secret-carrying
 * commands never reaches the sink, malformed or not. Commands a decorator generated arrive
 * through {@link #transmitAuto} and are marked {@code [auto]}; to see them, place this tracer inside the
 * {@link GetResponseTransport} (as {@link Transports#decorate} does). Placed outside, it shows
 * the caller's view: one command, one completed response.
 */
public final class TracingTransport extends TransportDecorator implements AutoApduTransport {
    private final Consumer<String> sink;
    private final LongSupplier nanoClock;

    public TracingTransport(CardTransport inner, Consumer<String> sink) {
        this(inner, sink, System::nanoTime);
    }

    /** Traces to a stream, one {@code println} per line (e.g. {@code System.err}). */
    public TracingTransport(CardTransport inner, PrintStream out) {
        this(inner, Objects.requireNonNull(out, "out")::println, System::nanoTime);
    }

    TracingTransport(CardTransport inner, Consumer<String> sink, LongSupplier nanoClock) {
        super(inner);
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
        sink.accept(TraceFormat.command(command, auto));
        long start = nanoClock.getAsLong();
        byte[] response;
        try {
            response = auto ? AutoApduTransport.sendAuto(inner, command) : inner.transmit(command);
        } catch (RuntimeException e) {
            sink.accept(TraceFormat.failure(e, auto, micros(start)));
            throw e;
        }
        sink.accept(TraceFormat.response(command, response, auto, micros(start)));
        return response;
    }

    private long micros(long start) {
        return (nanoClock.getAsLong() - start) / 1000;
    }
}
