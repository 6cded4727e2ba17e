package org.schsm.transport;

import java.util.function.Consumer;

/** Assembles the usual decorator stack around a raw transport. */
public final class Transports {
    private Transports() {
    }

    /**
     * Wraps {@code raw} as {@code GetResponse(Tracing(raw))}: the tracer sits inside so it sees
     * every APDU on the wire, the generated ones marked {@code [auto]}.
     *
     * @param autoGetResponse false to hand 61xx and 6Cxx back to the caller untouched
     * @param traceOrNull     sink for trace lines, or null for no tracing
     */
    public static CardTransport decorate(CardTransport raw, boolean autoGetResponse, Consumer<String> traceOrNull) {
        CardTransport t = traceOrNull == null ? raw : new TracingTransport(raw, traceOrNull);
        return autoGetResponse ? new GetResponseTransport(t) : t;
    }
}
