package org.schsm.transport;

import java.util.List;

/**
 * Where the PC/SC readers of a {@link Readers} registry come from. {@link PcscReaders} is the real
 * one; tests and tools that replay a recorded setup supply their own.
 */
public interface ReaderSource {

    /**
     * The readers there are now, indexed from 0 in the order the service reports them.
     *
     * @param withAtr connect to each card present to read its ATR; without it no card is touched
     *                (what choosing a reader needs, a connect per card saved) and the ATRs are empty
     * @throws PcscUnavailableException when the service itself cannot be reached
     */
    List<ReaderInfo> list(boolean withAtr);

    /** Connects to the card in the reader with exactly this name. */
    CardTransport open(String readerName);

    /**
     * A hint that {@link #list} or {@link #open} will follow: a source may start loading what they
     * need in the background and return at once. Results never depend on it.
     */
    default void prepare() {
    }
}
