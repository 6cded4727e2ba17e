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

    /** All readers in PC/SC order; empty when PC/SC runs but no reader is attached. */
    public static List<ReaderInfo> list(PcscProvider provider) {
        List<CardTerminal> terminals = terminals(provider);
        List<ReaderInfo> out = new ArrayList<>();
        for (int i = 0; i < terminals.size(); i++) {
            CardTerminal t = terminals.get(i);
            boolean present = cardPresent(t);
            out.add(new ReaderInfo(i, t.getName(), present, present ? readAtr(t) : null));
        }
        return out;
    }

    static List<CardTerminal> terminals(PcscProvider provider) {
        try {
            return provider.terminalFactory().terminals().list();
        } catch (CardException | RuntimeException | LinkageError e) {
            TransportException mapped = PcscErrors.map("listing readers", null, e);
            if (mapped instanceof NoReaderException) {
                // pcsc-lite reports "no readers" as an error; for a listing it is just an empty list.
                return List.of();
            }
            throw mapped;
        }
    }

    private static boolean cardPresent(CardTerminal t) {
        try {
            return t.isCardPresent();
        } catch (CardException e) {
            throw PcscErrors.map("checking for a card", t.getName(), e);
        }
    }

    private static byte[] readAtr(CardTerminal t) {
        try {
            Card card = t.connect("*");
            byte[] atr = card.getATR().getBytes();
            card.disconnect(false);
            return atr;
        } catch (CardException e) {
            TransportException mapped = PcscErrors.map("reading the ATR", t.getName(), e);
            if (mapped instanceof CardRemovedException || mapped instanceof NoCardException) {
                return null; // the card went away between the presence check and connect
            }
            if (mapped instanceof CardBusyException) {
                return null; // another program holds the card; the listing still names the reader
            }
            throw mapped;
        }
    }
}
