package org.schsm.transport;

import java.util.Objects;

/**
 * A transport that adds one concern to another (tracing, GET RESPONSE handling) and passes the
 * rest on unchanged: exclusive holds, the ATR, the name and closing. Subclasses write only
 * {@link #transmit(byte[])}, and whatever else they change.
 */
public abstract class TransportDecorator implements CardTransport {
    /** The transport this one wraps. */
    protected final CardTransport inner;

    protected TransportDecorator(CardTransport inner) {
        this.inner = Objects.requireNonNull(inner, "inner");
    }

    @Override
    public void beginExclusive() {
        inner.beginExclusive();
    }

    @Override
    public void endExclusive() {
        inner.endExclusive();
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
