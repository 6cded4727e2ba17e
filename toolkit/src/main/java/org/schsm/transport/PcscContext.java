package org.schsm.transport;

import java.util.List;
import javax.smartcardio.CardException;
import javax.smartcardio.CardTerminal;
import javax.smartcardio.CardTerminals;
import jnasmartcardio.Smartcardio;

/**
 * One PC/SC context and the readers seen through it. jnasmartcardio opens a connection to pcscd
 * for every context and only gives it back when closed (or, much later, on finalization); without
 * {@link #close()} a shell that lists readers now and then runs pcscd out of client slots after
 * about a hundred listings. The JDK provider shares one context per JVM, so closing is a no-op.
 */
final class PcscContext implements AutoCloseable {
    private final CardTerminals terminals;
    private boolean closed;

    private PcscContext(CardTerminals terminals) {
        this.terminals = terminals;
    }

    static PcscContext establish(PcscProvider provider) {
        try {
            return new PcscContext(provider.terminals());
        } catch (RuntimeException | LinkageError e) {
            throw PcscErrors.map("connecting to the PC/SC service", null, e);
        }
    }

    /** The readers in PC/SC order; none when PC/SC runs but no reader is attached. */
    List<CardTerminal> readers() {
        try {
            return terminals.list();
        } catch (CardException | RuntimeException e) {
            TransportException mapped = PcscErrors.map("listing readers", null, e);
            if (mapped instanceof NoReaderException) {
                // pcsc-lite reports "no readers" as an error; for a listing it is just an empty list.
                return List.of();
            }
            throw mapped;
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (terminals instanceof Smartcardio.JnaCardTerminals jna) {
            try {
                jna.close();
            } catch (CardException e) {
                throw PcscErrors.map("releasing the PC/SC context", null, e);
            }
        }
    }
}
