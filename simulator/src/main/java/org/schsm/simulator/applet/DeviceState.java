package org.schsm.simulator.applet;

import javacard.framework.ISO7816;
import javacard.framework.ISOException;
import javacard.framework.Util;

/**
 * Layout of, and access to, the small persistent state array ("nvm"): configuration options,
 * both PIN records and the DKEK. Files live in {@link FileStore}'s own array.
 *
 * <pre>
 * offset size
 *   0     2   configuration options word (tag 80 of INITIALIZE DEVICE), big-endian;
 *             bit 0x0002 is cleared when the transport PIN is changed
 *   2     1   DKEK shares announced at initialization (tag 92)
 *   3     1   DKEK shares still outstanding
 *   4     1   01 when INITIALIZE asked for no shares (tag 92 = 00): the DKEK is random, made
 *             inside the card, and can never be exported or imported; 00 otherwise
 *   5     3   reserved (zero)
 *   8    20   user PIN record  (see RetryPin)
 *  28    20   SO-PIN record    (see RetryPin)
 *  48    32   DKEK: XOR of the shares imported so far
 *  80    16   reserved (zero)
 * </pre>
 *
 * The device counts as initialized once the SO-PIN record is set; nothing ever clears it.
 */
final class DeviceState {
    static final short NVM_SIZE = 96;

    /** PIN references in P2 of VERIFY / CHANGE REFERENCE DATA / RESET RETRY COUNTER. */
    static final byte REF_USER = (byte) 0x81;
    static final byte REF_SO = (byte) 0x88;

    static final short OPTION_RRC = 0x0001;
    static final short OPTION_TRANSPORT_PIN = 0x0002;

    static final short OFF_OPTIONS = 0;
    static final short OFF_DKEK_TOTAL = 2;
    static final short OFF_DKEK_OUTSTANDING = 3;
    static final short OFF_DKEK_RANDOM = 4;
    static final short OFF_USER_PIN = 8;
    static final short OFF_SO_PIN = 28;
    static final short OFF_DKEK = 48;
    static final short DKEK_LENGTH = 32;

    static final byte SO_PIN_LENGTH = 8;
    static final byte SO_PIN_TRIES = 15;
    static final byte USER_PIN_MIN = 6;
    static final byte USER_PIN_MAX = 16;
    static final byte USER_TRIES_MAX = 10;
    static final byte USER_TRIES_DEFAULT = 3;

    final Nvm mem;
    final byte[] nvm;
    final RetryPin userPin;
    final RetryPin soPin;

    DeviceState(Nvm mem, byte[] nvm) {
        this.mem = mem;
        this.nvm = nvm;
        userPin = new RetryPin(mem, nvm, OFF_USER_PIN);
        soPin = new RetryPin(mem, nvm, OFF_SO_PIN);
    }

    /** Factory state of a freshly installed applet: SO-PIN unset but with its 15 tries. */
    void factoryReset() {
        Util.arrayFillNonAtomic(nvm, (short) 0, NVM_SIZE, (byte) 0);
        nvm[(short) (OFF_SO_PIN + 1)] = SO_PIN_TRIES;
        nvm[(short) (OFF_SO_PIN + 2)] = SO_PIN_TRIES;
    }

    /**
     * The PIN that P1/P2 of VERIFY or CHANGE REFERENCE DATA name: P1 must be 00 (6A86); P2 must
     * be the user PIN or the SO-PIN, and the device set up (6A88 otherwise).
     */
    RetryPin referencedPin(byte[] buf) {
        if (buf[ISO7816.OFFSET_P1] != 0) {
            ISOException.throwIt(Sw.INCORRECT_P1P2);
        }
        byte ref = buf[ISO7816.OFFSET_P2];
        if ((ref != REF_USER && ref != REF_SO) || !isInitialized()) {
            ISOException.throwIt(Sw.REFERENCED_DATA_NOT_FOUND);
        }
        return ref == REF_USER ? userPin : soPin;
    }

    boolean isInitialized() {
        return soPin.isSet();
    }

    short options() {
        return Util.getShort(nvm, OFF_OPTIONS);
    }

    boolean isOptionSet(short bit) {
        return (short) (options() & bit) != 0;
    }

    /** Call inside a transaction (together with the PIN change that ends transport mode). */
    void clearOption(short bit) {
        mem.storeShort(nvm, OFF_OPTIONS, (short) (options() & (short) ~bit));
    }

    byte dkekTotal() {
        return nvm[OFF_DKEK_TOTAL];
    }

    byte dkekOutstanding() {
        return nvm[OFF_DKEK_OUTSTANDING];
    }

    /**
     * True when a DKEK made of shares is complete: the one DKEK under which keys may be wrapped
     * and unwrapped. A random internal DKEK never is (it could never be brought back).
     */
    boolean dkekComplete() {
        return dkekTotal() != 0 && dkekOutstanding() == 0;
    }

    boolean dkekRandom() {
        return nvm[OFF_DKEK_RANDOM] != 0;
    }

    /**
     * Sets the configuration of a (re-)initialization: options, DKEK share count, the DKEK
     * (zero for shares to come, or {@code randomDkek} when it is non-null: the card's own),
     * user PIN and SO-PIN. Call inside a transaction.
     */
    void initialize(short options, byte dkekShares, byte[] randomDkek, byte[] buf, short userOff, byte userLen,
            byte userTries, short soOff) {
        mem.storeShort(nvm, OFF_OPTIONS, options);
        mem.store(nvm, OFF_DKEK_TOTAL, dkekShares);
        mem.store(nvm, OFF_DKEK_OUTSTANDING, dkekShares);
        mem.store(nvm, OFF_DKEK_RANDOM, randomDkek == null ? 0 : (byte) 1);
        if (randomDkek == null) {
            mem.fill(nvm, OFF_DKEK, DKEK_LENGTH, (byte) 0);
        } else {
            mem.copy(randomDkek, (short) 0, nvm, OFF_DKEK, DKEK_LENGTH);
        }
        userPin.set(buf, userOff, userLen, userTries);
        soPin.set(buf, soOff, SO_PIN_LENGTH, SO_PIN_TRIES);
    }

    /** XORs one 32-byte share into the DKEK and counts it. Call inside a transaction. */
    void addDkekShare(byte[] buf, short off) {
        for (short i = 0; i < DKEK_LENGTH; i++) {
            short pos = (short) (OFF_DKEK + i);
            mem.store(nvm, pos, (byte) (nvm[pos] ^ buf[(short) (off + i)]));
        }
        mem.store(nvm, OFF_DKEK_OUTSTANDING, (byte) (nvm[OFF_DKEK_OUTSTANDING] - 1));
    }
}
