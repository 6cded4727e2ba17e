package org.schsm.simulator.applet;

import javacard.framework.Util;

/**
 * The one place through which retry counters are written to persistent memory. A counter write
 * is a single non-atomic byte write: it takes effect immediately, outside any transaction, so a
 * power loss after it cannot roll a spent try back. A later "tearing" test hook (cut power after
 * the k-th persistent write) belongs here.
 */
final class Nvm {
    private Nvm() {
    }

    static void storeCounter(byte[] nvm, short offset, byte value) {
        Util.arrayFillNonAtomic(nvm, offset, (short) 1, value);
    }
}
