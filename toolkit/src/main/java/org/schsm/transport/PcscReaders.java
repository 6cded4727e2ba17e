package org.schsm.transport;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.smartcardio.Card;
import javax.smartcardio.CardException;
import javax.smartcardio.CardTerminal;

/** The PC/SC readers of one provider: the {@link ReaderSource} behind {@link Readers}. */
public final class PcscReaders implements ReaderSource {
    private final PcscProvider provider;

    public PcscReaders(PcscProvider provider) {
        this.provider = Objects.requireNonNull(provider, "provider");
    }

    public PcscProvider provider() {
        return provider;
    }

    /** All readers in PC/SC order; empty when PC/SC runs but no reader is attached. */
    @Override
    public List<ReaderInfo> list(boolean withAtr) {
        try (PcscContext context = PcscContext.establish(provider)) {
            List<CardTerminal> terminals = context.readers();
            List<ReaderInfo> out = new ArrayList<>();
            for (int i = 0; i < terminals.size(); i++) {
                CardTerminal t = terminals.get(i);
                boolean present = cardPresent(t);
                out.add(new ReaderInfo(i, t.getName(), present, present && withAtr ? readAtr(t) : null));
            }
            return out;
        }
    }

    @Override
    public CardTransport open(String readerName) {
        return PcscTransport.open(readerName, provider);
    }

    /** Loads the provider's library on a background thread ({@link PcscProvider#preload()}). */
    @Override
    public void prepare() {
        provider.preload();
    }

    private static boolean cardPresent(CardTerminal t) {
        try {
            return t.isCardPresent();
        } catch (CardException e) {
            throw PcscErrors.map("checking for a card", t.getName(), e);
        }
    }

    /**
     * The ATR, or null when it cannot be had: the card went away between the presence check and
     * connect, another program holds it exclusively, or it does not answer. A listing names the
     * reader either way; opening it later reports the real problem. Only a PC/SC service that
     * has gone away fails the whole listing.
     */
    private static byte[] readAtr(CardTerminal t) {
        try {
            Card card = t.connect("*");
            byte[] atr = card.getATR().getBytes();
            card.disconnect(false);
            return atr;
        } catch (CardException e) {
            TransportException mapped = PcscErrors.map("reading the ATR", t.getName(), e);
            if (mapped instanceof PcscUnavailableException) {
                throw mapped;
            }
            return null;
        }
    }
}
