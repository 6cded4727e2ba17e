package org.schsm.transport;

import java.util.List;
import javax.smartcardio.Card;
import javax.smartcardio.CardChannel;
import javax.smartcardio.CardException;
import javax.smartcardio.CardTerminal;
import javax.smartcardio.CommandAPDU;

/**
 * A card in a PC/SC reader, reached through javax.smartcardio. Bytes in, bytes out: no GET
 * RESPONSE handling of its own (wrap it with {@link Transports#decorate}); see
 * {@link PcscProvider} for what each provider does underneath.
 *
 * <p>Both providers send on the basic channel and rewrite the logical-channel bits of an
 * interindustry CLA to channel 0 (CLA {@code 01} goes out as {@code 00}); proprietary classes
 * ({@code 80}-{@code FF}) pass unchanged. The JDK provider also refuses MANAGE CHANNEL (INS 70),
 * which ends up here as a {@link TransportException}.
 *
 * <p>Multi-APDU operations (VERIFY followed by a key operation, a DKEK import) should run inside
 * {@link #exclusive} (or between {@link #beginExclusive()} and {@link #endExclusive()}) so that
 * no other PC/SC client can slip a command, or a reset, in between.
 */
public final class PcscTransport implements CardTransport {
    private final String readerName;
    private final PcscContext context;
    private final Card card;
    private final CardChannel channel;
    private int exclusiveDepth;
    private boolean closed;

    private PcscTransport(String readerName, PcscContext context, Card card) {
        this.readerName = readerName;
        this.context = context;
        this.card = card;
        this.channel = card.getBasicChannel();
    }

    /** Connects to the card in the reader named exactly {@code readerName}, with jnasmartcardio. */
    public static PcscTransport open(String readerName) {
        return open(readerName, PcscProvider.JNA);
    }

    public static PcscTransport open(String readerName, PcscProvider provider) {
        // The context lives as long as the connection made through it; it is released on every failure here.
        PcscContext context = PcscContext.establish(provider);
        try {
            return new PcscTransport(readerName, context, connect(context, readerName));
        } catch (RuntimeException e) {
            try {
                context.close();
            } catch (RuntimeException release) {
                e.addSuppressed(release);
            }
            throw e;
        }
    }

    private static Card connect(PcscContext context, String readerName) {
        List<CardTerminal> terminals = context.readers();
        CardTerminal terminal = terminals.stream().filter(t -> t.getName().equals(readerName)).findFirst()
                .orElseThrow(() -> new NoReaderException("reader '" + readerName + "' is not connected; "
                        + available(terminals)));
        try {
            if (!terminal.isCardPresent()) {
                throw new NoCardException("no card in reader '" + readerName + "'");
            }
            // "*" lets the reader pick T=1 or T=0 from the ATR; the SmartCard-HSM offers T=1.
            return terminal.connect("*");
        } catch (CardException e) {
            throw PcscErrors.map("connecting", readerName, e);
        }
    }

    private static String available(List<CardTerminal> terminals) {
        if (terminals.isEmpty()) {
            return "no readers are connected at all";
        }
        StringBuilder sb = new StringBuilder("readers:");
        for (int i = 0; i < terminals.size(); i++) {
            sb.append(i == 0 ? " " : ", ").append(i).append(" '").append(terminals.get(i).getName()).append('\'');
        }
        return sb.toString();
    }

    @Override
    public byte[] transmit(byte[] command) {
        ensureOpen();
        try {
            return channel.transmit(new CommandAPDU(command)).getBytes();
        } catch (CardException e) {
            throw PcscErrors.map("sending a command", readerName, e);
        } catch (IllegalArgumentException e) {
            // CommandAPDU checks the length fields; our CommandApdu has done so already, raw bytes may not.
            throw new TransportException("javax.smartcardio refused the command bytes: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            // jnasmartcardio 0.2.7 indexes past a 4-byte (case 1) command when the card answers 61xx;
            // whatever the provider trips over, the caller gets a transport error naming the reader.
            throw new TransportException("the PC/SC provider failed while sending a command to '" + readerName
                    + "': " + e, e);
        }
    }

    /**
     * Keeps other PC/SC clients away from the card until the matching {@link #endExclusive()}.
     * Nested calls only count; PC/SC is asked once, by the outermost call.
     */
    @Override
    public void beginExclusive() {
        ensureOpen();
        if (exclusiveDepth == 0) {
            try {
                card.beginExclusive();
            } catch (CardException e) {
                throw PcscErrors.map("taking exclusive access", readerName, e);
            }
        }
        exclusiveDepth++;
    }

    /** Ends one {@link #beginExclusive()}; a call without one is ignored rather than failing a cleanup path. */
    @Override
    public void endExclusive() {
        if (exclusiveDepth == 0 || closed) {
            return;
        }
        exclusiveDepth--;
        if (exclusiveDepth == 0) {
            try {
                card.endExclusive();
            } catch (CardException e) {
                throw PcscErrors.map("releasing exclusive access", readerName, e);
            }
        }
    }

    public boolean isExclusive() {
        return exclusiveDepth > 0;
    }

    @Override
    public byte[] atr() {
        return card.getATR().getBytes();
    }

    @Override
    public String name() {
        return readerName;
    }

    /**
     * Ends exclusive access if held, disconnects without resetting the card and releases the
     * PC/SC context. Each step runs even when an earlier one failed. A card or reader that has
     * already gone away leaves nothing to release, so that is not reported.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        boolean held = exclusiveDepth > 0;
        exclusiveDepth = 0;
        TransportException failure = null;
        if (held) {
            failure = step(failure, "releasing exclusive access", card::endExclusive);
        }
        // No reset: a reset would log the user out for every other application as well.
        failure = step(failure, "disconnecting", () -> card.disconnect(false));
        try {
            context.close();
        } catch (TransportException e) {
            failure = first(failure, e);
        }
        if (failure != null && !isGone(failure)) {
            throw failure;
        }
    }

    private interface CardStep {
        void run() throws CardException;
    }

    private TransportException step(TransportException failure, String operation, CardStep step) {
        try {
            step.run();
            return failure;
        } catch (CardException e) {
            return first(failure, PcscErrors.map(operation, readerName, e));
        }
    }

    private static TransportException first(TransportException failure, TransportException next) {
        if (failure == null) {
            return next;
        }
        failure.addSuppressed(next);
        return failure;
    }

    private static boolean isGone(TransportException e) {
        return e instanceof CardRemovedException || e instanceof NoCardException || e instanceof NoReaderException;
    }

    private void ensureOpen() {
        if (closed) {
            throw new TransportException("the connection to '" + readerName + "' is closed");
        }
    }
}
