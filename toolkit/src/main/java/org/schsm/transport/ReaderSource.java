package org.schsm.transport;

import java.util.List;

/**
 * Where the PC/SC readers of a {@link Readers} listing come from. {@link PcscReaders#source}
 * is the real one; tests and tools that replay a recorded setup supply their own.
 */
public interface ReaderSource {

    /**
     * The readers there are now, indexed from 0 in the order the service reports them.
     *
     * @throws PcscUnavailableException when the service itself cannot be reached
     */
    List<ReaderInfo> list();

    /** Connects to the card in the reader with exactly this name. */
    CardTransport open(String readerName);
}
