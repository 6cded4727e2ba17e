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
 * <p>Multi-APDU operations (VERIFY followed by a key operation, a DKEK import) should run between
 * {@link #beginExclusive()} and {@link #endExclusive()} so that no other PC/SC client can slip a
 * command, or a reset, in between.
 */
public final class PcscTransport implements CardTransport {
    private final String readerName;
    private final Card card;
    private final CardChannel channel;
    private boolean exclusive;
    private boolean closed;

    private PcscTransport(String readerName, Card card) {
        this.readerName = readerName;
        this.card = card;
        this.channel = card.getBasicChannel();
    }

    /** Connects to the card in the reader named exactly {@code readerName}, with jnasmartcardio. */
    public static PcscTransport open(String readerName) {
        return open(readerName, PcscProvider.JNA);
    }

    public static PcscTransport open(String readerName, PcscProvider provider) {
        List<CardTerminal> terminals = PcscReaders.terminals(provider);
        CardTerminal terminal = terminals.stream().filter(t -> t.getName().equals(readerName)).findFirst()
                .orElseThrow(() -> new NoReaderException("reader '" + readerName + "' is not connected"
                        + (terminals.isEmpty() ? " (no readers at all)" : "")));
        try {
            if (!terminal.isCardPresent()) {
                throw new NoCardException("no card in reader '" + readerName + "'");
            }
            // "*" lets the reader pick T=1 or T=0 from the ATR; the SmartCard-HSM offers T=1.
            return new PcscTransport(readerName, terminal.connect("*"));
        } catch (CardException e) {
            throw PcscErrors.map("connecting", readerName, e);
        }
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
        }
    }

    /** Keeps other PC/SC clients away from the card until {@link #endExclusive()}. */
    public void beginExclusive() {
        ensureOpen();
        if (exclusive) {
            throw new IllegalStateException("exclusive access to '" + readerName + "' is already held");
        }
        try {
            card.beginExclusive();
            exclusive = true;
        } catch (CardException e) {
            throw PcscErrors.map("taking exclusive access", readerName, e);
        }
    }

    public void endExclusive() {
        if (!exclusive) {
            return;
        }
        exclusive = false;
        try {
            card.endExclusive();
        } catch (CardException e) {
            throw PcscErrors.map("releasing exclusive access", readerName, e);
        }
    }

    public boolean isExclusive() {
        return exclusive;
    }

    @Override
    public byte[] atr() {
        return card.getATR().getBytes();
    }

    @Override
    public String name() {
        return readerName;
    }

    /** Ends exclusive access if held and disconnects without resetting the card. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (exclusive) {
                exclusive = false;
                card.endExclusive();
            }
            // No reset: a reset would log the user out for every other application as well.
            card.disconnect(false);
        } catch (CardException e) {
            throw PcscErrors.map("disconnecting", readerName, e);
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new TransportException("the connection to '" + readerName + "' is closed");
        }
    }
}
