package org.schsm.simulator.applet;

import javacard.framework.CardRuntimeException;
import javacard.framework.JCSystem;
import javacard.framework.Util;

/**
 * The one place through which the applet writes its persistent state ({@code nvm},
 * {@code fileData} and {@code keyData}), with a small write-ahead journal that makes multi-field updates atomic
 * even where the runtime does not roll transactions back (jCardSim does not).
 *
 * <p>Retry counters are written by {@link #storeCounter} as immediate, non-atomic single-byte
 * writes outside any update: a power loss after it cannot roll a spent try back.
 *
 * <p>Multi-field updates run between {@link #begin} and {@link #commit}: {@code begin} copies
 * all three arrays into backup arrays and then sets the journal flag (one persistent write); every
 * change goes through {@link #store}, {@link #storeShort}, {@link #copy} or {@link #fill};
 * {@code commit} clears the flag (one persistent write, the commit point). {@link #recover},
 * run at power-up and before every command, copies the backups back while the flag is set, so an
 * interrupted update leaves the state it started from. A command that ends with an update still
 * open (an exception inside it) is rolled back by {@link #endCommand}. The journal is empty
 * whenever no command is running, so the state snapshot (the three arrays) never needs it.
 * {@code JCSystem} transactions are still opened around updates for a real Java Card runtime.
 *
 * <p>Power-loss simulation: {@link #tearAfter} is set by the host (by reflection) to let that
 * many counted writes through; the next counted write, and every one after it, throws a
 * {@link CardRuntimeException} with reason {@link #POWER_LOST} without writing anything. The
 * host sees {@link #tornOrLimitReached()} and turns it into a power loss.
 */
final class Nvm {
    /** Reason code of the exception that stands for "the power is gone". */
    static final short POWER_LOST = (short) 0x6FDE;

    private final byte[] nvm;
    private final byte[] fileData;
    private final byte[] keyData;
    private final byte[] nvmBackup;
    private final byte[] fileBackup;
    private final byte[] keyBackup;
    /** {@code [0]} = 1 while an update is open: the backups hold the state before it. */
    private final byte[] journal;
    private short depth;

    /** Host hook: counted writes allowed before power is cut; -1 = never. */
    private short tearAfter = -1;
    /** Host hook: counted writes since {@link #tearAfter} was set. */
    private short writes;
    /** Host hook: power was cut; no further write reaches memory. */
    private boolean torn;
    /** Host hook (set by reflection): told when a counter went down, before the comparison. */
    private TrySpentListener trySpent;

    Nvm(byte[] nvm, byte[] fileData, byte[] keyData) {
        this.nvm = nvm;
        this.fileData = fileData;
        this.keyData = keyData;
        nvmBackup = new byte[(short) nvm.length];
        fileBackup = new byte[(short) fileData.length];
        keyBackup = new byte[(short) keyData.length];
        journal = new byte[1];
    }

    /**
     * A retry counter: one immediate non-atomic byte write, outside any update. A lowered counter
     * is reported to the host hook before the caller goes on to compare.
     */
    void storeCounter(byte[] array, short offset, byte value) {
        boolean spent = value < array[offset];
        beforeWrite();
        Util.arrayFillNonAtomic(array, offset, (short) 1, value);
        if (spent && trySpent != null) {
            trySpent.trySpent();
        }
    }

    void store(byte[] array, short offset, byte value) {
        beforeWrite();
        array[offset] = value;
    }

    void storeShort(byte[] array, short offset, short value) {
        beforeWrite();
        Util.setShort(array, offset, value);
    }

    void copy(byte[] src, short srcOff, byte[] dest, short destOff, short length) {
        beforeWrite();
        Util.arrayCopy(src, srcOff, dest, destOff, length);
    }

    void fill(byte[] array, short offset, short length, byte value) {
        beforeWrite();
        Util.arrayFillNonAtomic(array, offset, length, value);
    }

    /** Opens an update (nested calls join the outer one). */
    void begin() {
        if (depth == 0) {
            JCSystem.beginTransaction();
            Util.arrayCopyNonAtomic(nvm, (short) 0, nvmBackup, (short) 0, (short) nvm.length);
            Util.arrayCopyNonAtomic(fileData, (short) 0, fileBackup, (short) 0, (short) fileData.length);
            Util.arrayCopyNonAtomic(keyData, (short) 0, keyBackup, (short) 0, (short) keyData.length);
            beforeWrite();
            Util.arrayFillNonAtomic(journal, (short) 0, (short) 1, (byte) 1);
        }
        depth++;
    }

    /** Closes an update; the outermost close is the commit point. */
    void commit() {
        depth--;
        if (depth == 0) {
            beforeWrite();
            Util.arrayFillNonAtomic(journal, (short) 0, (short) 1, (byte) 0);
            JCSystem.commitTransaction();
        }
    }

    /** At the end of every command: an update left open by an exception is undone. */
    void endCommand() {
        if (JCSystem.getTransactionDepth() != 0) {
            JCSystem.abortTransaction();
        }
        if (torn) {
            return;  // no power: the next power-up's recover() rolls back
        }
        depth = 0;
        recover();
    }

    /** Power-up recovery: restores the state an interrupted update started from. */
    void recover() {
        depth = 0;
        if (journal[0] != 0) {
            Util.arrayCopyNonAtomic(nvmBackup, (short) 0, nvm, (short) 0, (short) nvm.length);
            Util.arrayCopyNonAtomic(fileBackup, (short) 0, fileData, (short) 0, (short) fileData.length);
            Util.arrayCopyNonAtomic(keyBackup, (short) 0, keyData, (short) 0, (short) keyData.length);
            Util.arrayFillNonAtomic(journal, (short) 0, (short) 1, (byte) 0);
        }
    }

    /** Host hook: true when the power was cut, or the allowed writes have all been made. */
    boolean tornOrLimitReached() {
        return torn || (tearAfter >= 0 && writes >= tearAfter);
    }

    private void beforeWrite() {
        if (torn) {
            CardRuntimeException.throwIt(POWER_LOST);
        }
        if (tearAfter >= 0) {
            if (writes >= tearAfter) {
                torn = true;
                CardRuntimeException.throwIt(POWER_LOST);
            }
            writes++;
        }
    }
}
