package org.schsm.simulator.applet;

import javacard.framework.JCSystem;
import javacard.framework.Util;
import javacard.security.AESKey;
import javacard.security.KeyBuilder;
import javacard.security.MessageDigest;
import javacard.security.Signature;
import javacardx.crypto.Cipher;

/**
 * The cryptography of the DKEK key blob (keys.md §4.1 and §6.2, checked against a blob from a
 * real Nitrokey HSM): KCV = SHA-256(DKEK)[0..7]; Kenc = SHA-256(DKEK || 00000001) for AES-256-CBC
 * with a zero IV; Kmac = SHA-256(DKEK || 00000002) for AES-CMAC over the blob up to its MAC.
 * Shared by WRAP KEY and UNWRAP KEY. The derived keys live in the AES key objects only while one
 * command runs ({@link #clear}); the DKEK itself stays in {@link DeviceState}'s array.
 */
final class KeyBlobCrypto {
    static final short KCV_LENGTH = 8;
    static final short MAC_LENGTH = 16;
    static final short BLOCK = 16;
    private static final short KEY_LENGTH = 32;
    private static final byte ENC_COUNTER = 1;
    private static final byte MAC_COUNTER = 2;

    private final DeviceState state;
    private final MessageDigest sha256;
    private final AESKey kenc;
    private final AESKey kmac;
    private final Cipher cbc;
    private final Signature cmac;
    /** DKEK || counter, then the derived key; cleared after each derivation. */
    private final byte[] scratch;
    private final byte[] zeroIv;

    KeyBlobCrypto(DeviceState state) {
        this.state = state;
        sha256 = MessageDigest.getInstance(MessageDigest.ALG_SHA_256, false);
        kenc = (AESKey) KeyBuilder.buildKey(KeyBuilder.TYPE_AES_TRANSIENT_DESELECT, KeyBuilder.LENGTH_AES_256, false);
        kmac = (AESKey) KeyBuilder.buildKey(KeyBuilder.TYPE_AES_TRANSIENT_DESELECT, KeyBuilder.LENGTH_AES_256, false);
        cbc = Cipher.getInstance(Cipher.ALG_AES_BLOCK_128_CBC_NOPAD, false);
        // jCardSim implements CMAC (Bouncy Castle's CMac with a 128-bit tag) behind this constant.
        cmac = Signature.getInstance(Signature.ALG_AES_CMAC_128, false);
        scratch = JCSystem.makeTransientByteArray((short) (2 * KEY_LENGTH), JCSystem.CLEAR_ON_DESELECT);
        zeroIv = new byte[BLOCK];
    }

    /** Writes the KCV of the current DKEK to {@code out}; returns the offset after it. */
    short kcv(byte[] out, short off) {
        sha256.doFinal(state.nvm, DeviceState.OFF_DKEK, DeviceState.DKEK_LENGTH, scratch, (short) 0);
        Util.arrayCopyNonAtomic(scratch, (short) 0, out, off, KCV_LENGTH);
        Util.arrayFillNonAtomic(scratch, (short) 0, (short) scratch.length, (byte) 0);
        return (short) (off + KCV_LENGTH);
    }

    /** True when the 8 bytes at {@code off} are the KCV of the current DKEK. */
    boolean kcvMatches(byte[] buf, short off) {
        sha256.doFinal(state.nvm, DeviceState.OFF_DKEK, DeviceState.DKEK_LENGTH, scratch, (short) 0);
        boolean same = Util.arrayCompare(buf, off, scratch, (short) 0, KCV_LENGTH) == 0;
        Util.arrayFillNonAtomic(scratch, (short) 0, (short) scratch.length, (byte) 0);
        return same;
    }

    /** Derives Kenc and Kmac from the current DKEK into the transient key objects. */
    void deriveKeys() {
        derive(ENC_COUNTER, kenc);
        derive(MAC_COUNTER, kmac);
    }

    private void derive(byte counter, AESKey key) {
        Util.arrayCopyNonAtomic(state.nvm, DeviceState.OFF_DKEK, scratch, (short) 0, DeviceState.DKEK_LENGTH);
        Util.arrayFillNonAtomic(scratch, KEY_LENGTH, (short) 3, (byte) 0);
        scratch[(short) (KEY_LENGTH + 3)] = counter;
        sha256.doFinal(scratch, (short) 0, (short) (KEY_LENGTH + 4), scratch, (short) 0);
        key.setKey(scratch, (short) 0);
        Util.arrayFillNonAtomic(scratch, (short) 0, (short) scratch.length, (byte) 0);
    }

    /** AES-256-CBC with a zero IV over whole blocks, in place. */
    void encrypt(byte[] buf, short off, short len) {
        cbc.init(kenc, Cipher.MODE_ENCRYPT, zeroIv, (short) 0, BLOCK);
        cbc.doFinal(buf, off, len, buf, off);
    }

    /** The inverse of {@link #encrypt}, in place. */
    void decrypt(byte[] buf, short off, short len) {
        cbc.init(kenc, Cipher.MODE_DECRYPT, zeroIv, (short) 0, BLOCK);
        cbc.doFinal(buf, off, len, buf, off);
    }

    /** Writes the CMAC of {@code buf[off..off+len)} right after it; returns the offset after the MAC. */
    short appendMac(byte[] buf, short off, short len) {
        cmac.init(kmac, Signature.MODE_SIGN);
        short end = (short) (off + len);
        return (short) (end + cmac.sign(buf, off, len, buf, end));
    }

    /** True when the 16 bytes after {@code buf[off..off+len)} are its CMAC. */
    boolean macVerifies(byte[] buf, short off, short len) {
        cmac.init(kmac, Signature.MODE_VERIFY);
        return cmac.verify(buf, off, len, buf, (short) (off + len), MAC_LENGTH);
    }

    /** Clears the derived keys. */
    void clear() {
        kenc.clearKey();
        kmac.clearKey();
    }
}
