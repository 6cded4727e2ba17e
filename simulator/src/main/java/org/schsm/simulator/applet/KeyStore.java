package org.schsm.simulator.applet;

import javacard.framework.ISOException;
import javacard.framework.JCSystem;
import javacard.framework.Util;

/**
 * The private keys of the card, one record per key id in its own persistent array (a
 * {@link FileStore} addressed by FID {@code CC<id>}, so ENUMERATE OBJECTS, SELECT and DELETE FILE
 * see keys where the real card has them). Key {@code CC00} is the device authentication key.
 *
 * <pre>
 * record offset size
 *   0     1   type: 06 RSA-CRT, 0C EC (the key types of the DKEK key blob)
 *   1     2   size in bits (RSA modulus, EC field)
 *   3     1   flags: 01 use counter active, 02 exportable (WRAP allowed under a DKEK)
 *   4     1   key domain (GAKP tag 92, default 00): the DKEK that may wrap it
 *   5     4   uses left, big-endian (only with flag 01)
 *   9     1   number of algorithm IDs in the list (0 = no list: what the key type allows)
 *  10    16   algorithm list (GAKP tag 91), zero padded
 *  26   ...   components, each u16 length + value:
 *             EC  p, a, b, G, n, cofactor, d, Q
 *             RSA p, q, dP, dQ, qInv, n, e
 * </pre>
 *
 * Key material is never part of an answer; records are written whole, in one transaction.
 */
final class KeyStore {
    static final byte TYPE_RSA_CRT = 0x06;
    static final byte TYPE_EC = 0x0C;

    static final byte FLAG_COUNTER = 0x01;
    static final byte FLAG_EXPORTABLE = 0x02;

    static final short EC_P = 0;
    static final short EC_A = 1;
    static final short EC_B = 2;
    static final short EC_G = 3;
    static final short EC_N = 4;
    static final short EC_H = 5;
    static final short EC_D = 6;
    static final short EC_Q = 7;

    static final short RSA_P = 0;
    static final short RSA_Q = 1;
    static final short RSA_DP = 2;
    static final short RSA_DQ = 3;
    static final short RSA_QINV = 4;
    static final short RSA_N = 5;
    static final short RSA_E = 6;

    static final short MAX_ALGORITHMS = 16;
    static final short OFF_TYPE = 0;
    static final short OFF_BITS = 1;
    static final short OFF_FLAGS = 3;
    static final short OFF_DOMAIN = 4;
    static final short OFF_COUNTER = 5;
    static final short OFF_ALG_COUNT = 9;
    static final short OFF_ALGS = 10;
    static final short HEADER_LENGTH = 26;

    static final short MAX_KEYS = 128;
    static final byte PREFIX = (byte) 0xCC;
    static final short DEVICE_KEY = (short) 0xCC00;

    private final FileStore store;
    /** [0] length of the component last located by {@link #component}. */
    private final short[] located;
    /** Scratch for the decremented use counter. */
    private final byte[] counter;

    KeyStore(Nvm mem, byte[] keyData) {
        store = new FileStore(mem, keyData, MAX_KEYS);
        located = JCSystem.makeTransientShortArray((short) 1, JCSystem.CLEAR_ON_DESELECT);
        counter = JCSystem.makeTransientByteArray((short) 4, JCSystem.CLEAR_ON_DESELECT);
    }

    static short fid(byte id) {
        return Util.makeShort(PREFIX, id);
    }

    /** The record of key {@code fid} (CCxx), or {@link FileStore#NONE}. */
    short find(short fid) {
        return store.find(fid);
    }

    byte[] array() {
        return store.array();
    }

    /** Absolute offset in {@link #array()} of the record's first byte. */
    short recordOffset(short entry) {
        return store.dataOffset(entry);
    }

    byte type(short entry) {
        return store.array()[store.dataOffset(entry)];
    }

    short bits(short entry) {
        return Util.getShort(store.array(), (short) (store.dataOffset(entry) + OFF_BITS));
    }

    byte flags(short entry) {
        return store.array()[(short) (store.dataOffset(entry) + OFF_FLAGS)];
    }

    byte domain(short entry) {
        return store.array()[(short) (store.dataOffset(entry) + OFF_DOMAIN)];
    }

    /** True when the key has no algorithm list or {@code algorithm} is on it. */
    boolean allows(short entry, byte algorithm) {
        byte[] a = store.array();
        short base = store.dataOffset(entry);
        short n = a[(short) (base + OFF_ALG_COUNT)];
        if (n == 0) {
            return true;
        }
        for (short i = 0; i < n; i++) {
            if (a[(short) (base + OFF_ALGS + i)] == algorithm) {
                return true;
            }
        }
        return false;
    }

    /**
     * Spends one use of a key with a use counter: 6984 when none is left, else the counter goes
     * down by one and reaches persistent memory before the key is used.
     */
    void spendUse(short fid, short entry) {
        if ((short) (flags(entry) & FLAG_COUNTER) == 0) {
            return;
        }
        short at = (short) (store.dataOffset(entry) + OFF_COUNTER);
        Util.arrayCopyNonAtomic(store.array(), at, counter, (short) 0, (short) 4);
        if (isZero(counter)) {
            ISOException.throwIt(Sw.COUNTER_EXPIRED);
        }
        for (short i = 3; i >= 0; i--) {
            byte b = counter[i];
            counter[i] = (byte) (b - 1);
            if (b != 0) {
                break;
            }
        }
        store.write(fid, OFF_COUNTER, counter, (short) 0, (short) 4);
    }

    private static boolean isZero(byte[] four) {
        return (short) (four[0] | four[1] | four[2] | four[3]) == 0;
    }

    /**
     * Absolute offset in {@link #array()} of component {@code index} of the record; its length
     * is then {@link #componentLength()}.
     */
    short component(short entry, short index) {
        byte[] a = store.array();
        short pos = (short) (store.dataOffset(entry) + HEADER_LENGTH);
        for (short i = 0; i < index; i++) {
            pos = (short) (pos + 2 + Util.getShort(a, pos));
        }
        located[0] = Util.getShort(a, pos);
        return (short) (pos + 2);
    }

    short componentLength() {
        return located[0];
    }

    /** Stores a new key record; 6A89 when the id is taken. Joins an open transaction. */
    void add(short fid, byte[] record, short off, short len) {
        if (store.find(fid) != FileStore.NONE) {
            ISOException.throwIt(Sw.FILE_EXISTS);
        }
        store.write(fid, (short) 0, record, off, len);
    }

    void delete(short entry) {
        store.delete(entry);
    }

    /** Deletes every key except the device key. Call inside the caller's transaction. */
    void eraseAllButDeviceKey() {
        store.eraseAllExcept(DEVICE_KEY);
    }

    short listFids(byte[] out, short off) {
        return store.listFids(null, out, off);
    }

    /**
     * Writes what the key may do as proprietary information {@code A5 {90 uses left (4 bytes, only
     * with a use counter), 91 algorithm IDs (only with a list), 92 key domain}} to {@code out} at
     * {@code off}, the tags GENERATE ASYMMETRIC KEY PAIR took them from; returns the offset after
     * it (at most 29 bytes). pico-hsm puts a key's metadata into its FCP the same way; where the
     * real card reports them is not known (docs/keys.md).
     */
    short usage(short entry, byte[] out, short off) {
        byte[] a = store.array();
        short base = store.dataOffset(entry);
        short pos = (short) (off + 2);
        if ((short) (a[(short) (base + OFF_FLAGS)] & FLAG_COUNTER) != 0) {
            out[pos++] = (byte) 0x90;
            out[pos++] = 4;
            pos = Util.arrayCopyNonAtomic(a, (short) (base + OFF_COUNTER), out, pos, (short) 4);
        }
        short n = a[(short) (base + OFF_ALG_COUNT)];
        if (n > 0) {
            out[pos++] = (byte) 0x91;
            out[pos++] = (byte) n;
            pos = Util.arrayCopyNonAtomic(a, (short) (base + OFF_ALGS), out, pos, n);
        }
        out[pos++] = (byte) 0x92;
        out[pos++] = 1;
        out[pos++] = a[(short) (base + OFF_DOMAIN)];
        out[off] = (byte) 0xA5;
        out[(short) (off + 1)] = (byte) (pos - off - 2);
        return pos;
    }

    /** Writes a record header to {@code out}; returns the offset where components start. */
    static short header(byte[] out, short off, byte type, short bits, byte flags, byte domain) {
        Util.arrayFillNonAtomic(out, off, HEADER_LENGTH, (byte) 0);
        out[(short) (off + OFF_TYPE)] = type;
        Util.setShort(out, (short) (off + OFF_BITS), bits);
        out[(short) (off + OFF_FLAGS)] = flags;
        out[(short) (off + OFF_DOMAIN)] = domain;
        return (short) (off + HEADER_LENGTH);
    }

    /** Appends one component (u16 length + value); returns the offset after it. */
    static short append(byte[] out, short off, byte[] src, short srcOff, short len) {
        off = Util.setShort(out, off, len);
        return Util.arrayCopyNonAtomic(src, srcOff, out, off, len);
    }
}
