package org.schsm.transport;

import java.util.ArrayList;
import java.util.List;
import javax.smartcardio.Card;
import javax.smartcardio.CardException;
import javax.smartcardio.CardTerminal;

/** Lists PC/SC readers. */
public final class PcscReaders {
    private PcscReaders() {
    }

    public static List<ReaderInfo> list() {
        return list(PcscProvider.JNA);
    }

    /** All readers in PC/SC order with their ATRs; empty when PC/SC runs but no reader is attached. */
    public static List<ReaderInfo> list(PcscProvider provider) {
        return list(provider, true);
    }

    /**
     * All readers in PC/SC order. Without {@code withAtr} no card is connected to, which is what
     * choosing a reader needs and saves a connect per card (the ATR fields are then null).
     */
    public static List<ReaderInfo> list(PcscProvider provider, boolean withAtr) {
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

    /** This provider's readers as a {@link ReaderSource} for {@link Readers}. */
    public static ReaderSource source(PcscProvider provider) {
        return new ReaderSource() {
            @Override
            public List<ReaderInfo> list() {
                return PcscReaders.list(provider);
            }

            @Override
            public CardTransport open(String readerName) {
                return PcscTransport.open(readerName, provider);
            }
        };
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
