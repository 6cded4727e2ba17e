package org.schsm.transport;

import javax.smartcardio.CardException;

/**
 * One provider's way of putting a command on the wire exactly as given and returning exactly
 * what came back: no class-byte rewriting, no GET RESPONSE, no length checks. Where a provider
 * cannot do that for a command, it throws {@link UnsendableCommandException} before sending.
 */
interface PcscWire {
    byte[] transmit(byte[] command) throws CardException;

    /** Response buffer: the longest extended-length answer (65536 data bytes) plus SW1 SW2. */
    int RESPONSE_CAPACITY = 65536 + 2;
}
