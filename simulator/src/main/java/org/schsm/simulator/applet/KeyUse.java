package org.schsm.simulator.applet;

import javacard.framework.ISOException;
import javacard.framework.Util;

/**
 * The checks COMPUTE SIGNATURE and DECIPHER share before a private key is used, in the order the
 * vendor's PKCS#11 module relies on (reference §3.2): user PIN verified (6982), key present
 * (6A88), not the device key (6982: it only authenticates the device), algorithm allowed for the
 * key (6A81), use counter not exhausted (6984, spent before the key is used).
 */
final class KeyUse {
    private final KeyStore keys;
    private final Session session;

    KeyUse(KeyStore keys, Session session) {
        this.keys = keys;
        this.session = session;
    }

    /**
     * Returns the record of key {@code id} once every check passed and one use is spent.
     * {@code type} is the key type the algorithm needs.
     */
    short begin(byte id, byte algorithm, byte type) {
        if (!session.userVerified()) {
            ISOException.throwIt(Sw.SECURITY_STATUS_NOT_SATISFIED);
        }
        short fid = KeyStore.fid(id);
        short entry = keys.find(fid);
        if (entry == FileStore.NONE) {
            ISOException.throwIt(Sw.REFERENCED_DATA_NOT_FOUND);
        }
        if (fid == KeyStore.DEVICE_KEY) {
            ISOException.throwIt(Sw.SECURITY_STATUS_NOT_SATISFIED);
        }
        if (keys.type(entry) != type || !keys.allows(entry, algorithm)) {
            ISOException.throwIt(Sw.FUNCTION_NOT_SUPPORTED);
        }
        keys.spendUse(fid, entry);
        return entry;
    }

    /** Byte length of an RSA key's modulus or an EC key's field. */
    short byteLength(short entry) {
        return (short) ((short) (keys.bits(entry) + 7) / 8);
    }

    /**
     * Right-aligns the {@code len} bytes at {@code off} in a field of {@code size} bytes, zeros in
     * front, and returns {@code size}. jCardSim's raw RSA (Bouncy Castle underneath) drops leading
     * zero bytes of its result, so about one raw signature in 256 came back a byte short; the real
     * card always answers with the modulus length, and OpenSC and openssl refuse anything shorter.
     */
    static short leftPad(byte[] buf, short off, short len, short size) {
        if (len < size) {
            Util.arrayCopyNonAtomic(buf, off, buf, (short) (off + size - len), len);
            Util.arrayFillNonAtomic(buf, off, (short) (size - len), (byte) 0);
        }
        return size;
    }

    /** Clears a work area that held a plaintext or a hash. */
    static void wipe(byte[] buf, short off, short len) {
        Util.arrayFillNonAtomic(buf, off, len, (byte) 0);
    }

    /**
     * RSA raw operations need a block below the modulus (6A80 otherwise): the block at
     * {@code off} has the modulus length, and is compared as an unsigned number.
     */
    static void requireBelowModulus(KeyStore keys, short entry, byte[] buf, short off) {
        byte[] a = keys.array();
        short n = keys.component(entry, KeyStore.RSA_N);
        short len = keys.componentLength();
        for (short i = 0; i < len; i++) {
            short x = (short) (buf[(short) (off + i)] & 0xFF);
            short m = (short) (a[(short) (n + i)] & 0xFF);
            if (x != m) {
                if (x > m) {
                    ISOException.throwIt(Sw.WRONG_DATA);
                }
                return;
            }
        }
        ISOException.throwIt(Sw.WRONG_DATA);
    }
}
