package org.schsm.simulator;

import org.schsm.transport.CardBusyException;

/**
 * Another program holds the simulated card's state file (see {@link StateFileLock}); like a PC/SC
 * reader in exclusive use, retrying later may work. The message names the holder when it is known.
 */
public final class StateFileBusyException extends CardBusyException {
    private static final long serialVersionUID = 1L;
    private final boolean heldByThisProcess;

    public StateFileBusyException(String message, boolean heldByThisProcess) {
        super(message, null);
        this.heldByThisProcess = heldByThisProcess;
    }

    /** True when this very program holds the file (another session of it): closing that one frees it. */
    public boolean heldByThisProcess() {
        return heldByThisProcess;
    }
}
