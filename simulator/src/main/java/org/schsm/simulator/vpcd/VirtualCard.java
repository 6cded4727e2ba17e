package org.schsm.simulator.vpcd;

/**
 * The card side of a vpcd connection: what a card in a reader can be asked to do. The
 * {@link VpcdClient} calls these methods from its own thread, one at a time, in the order pcscd
 * sends the messages; an implementation need not be thread-safe towards the client, but must be
 * if the host uses the card elsewhere at the same time.
 *
 * <p>This interface keeps the bridge independent of the simulator: anything that answers APDUs
 * (the jCardSim-backed SmartCard-HSM, a scripted test card) can be put in the virtual reader.
 */
public interface VirtualCard {

    /** The answer-to-reset; asked for at every presence poll of pcscd, so it must be cheap. */
    byte[] atr();

    /** The reader removed power: volatile state (session, selection) is lost. */
    void powerOff();

    /** The reader applied power; the card is ready for its first command. */
    void powerOn();

    /** Warm reset: like power off followed by power on. */
    void reset();

    /**
     * Processes one command APDU and returns the response APDU (data followed by SW1 SW2). A
     * malformed command must be answered with a status word, as a card would, not with an
     * exception.
     *
     * @throws org.schsm.transport.TransportException when the card is no longer in the reader;
     *         the client then reports the card as removed
     */
    byte[] transmit(byte[] command);

    /**
     * Whether the card is in the reader. A card that is not present is shown to pcscd as an
     * empty reader: the client stays disconnected until the card is present again.
     */
    default boolean isPresent() {
        return true;
    }
}
