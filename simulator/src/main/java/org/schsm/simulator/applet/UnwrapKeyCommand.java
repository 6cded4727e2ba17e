package org.schsm.simulator.applet;

import javacard.framework.APDU;
import javacard.framework.ISO7816;
import javacard.framework.ISOException;
import javacard.framework.JCSystem;
import javacard.framework.Util;
import javacard.security.CryptoException;

/**
 * UNWRAP KEY {@code 80 74 <key id> 93}: imports a key blob (keys.md §6.2) as key
 * {@code CC<id>}. The blob comes as the command data (CardContact's script) or, with no data,
 * from EF {@code 2F10} where OpenSC's sc-hsm-tool writes it first (keys.md §6.1). Everything is
 * checked before the key is stored, in one write: layout, KCV, CMAC, key type, padding, every
 * component and the key itself (loaded into a key object once). A refused blob changes nothing.
 *
 * <p>Refusals: 6982 user PIN not verified; 6A86 P2 other than 93 or key id 00; 6A89 the key id is
 * in use; 6A88 no complete DKEK of shares; 6A82 no data and no EF 2F10; 6A80 a blob that is too
 * short or long, malformed, made under another DKEK (KCV) or altered (CMAC), or whose content is
 * no valid key (OpenSC reads the 6A8x family as "wrapped key does not match DKEK"); 6A81 a key
 * type or size the simulator does not keep: only EC (0C) and RSA-CRT (06) keys are stored, so a
 * plain RSA key (05, d n e) or an AES key (0F) is refused.
 */
final class UnwrapKeyCommand implements Command {
    static final byte P2_UNWRAP = (byte) 0x93;
    static final short FID_BLOB = 0x2F10;
    /** Where the record is built; the blob (at most this long) sits before it. */
    private static final short RECORD = 2560;
    private static final short MAX_BLOB = RECORD;
    /** KCV, type, four empty length fields, one block of ciphertext, the MAC. */
    private static final short MIN_BLOB = (short) (KeyBlobCrypto.KCV_LENGTH + 1 + 8 + 2 * KeyBlobCrypto.BLOCK);
    private static final short OFF_TYPE = KeyBlobCrypto.KCV_LENGTH;
    private static final short COMPONENTS = 7;

    private final DeviceState state;
    private final KeyStore keys;
    private final FileStore files;
    private final KeyObjects objects;
    private final KeyBlobCrypto crypto;
    private final Session session;
    private final byte[] work;
    /** Offsets (even index) and lengths (odd index) of the plaintext's components. */
    private final short[] parts;
    /** [0] offset of the algorithm list field's value, [1] its length. */
    private final short[] algorithms;

    UnwrapKeyCommand(DeviceState state, KeyStore keys, FileStore files, KeyObjects objects, KeyBlobCrypto crypto,
            Session session, byte[] work) {
        this.state = state;
        this.keys = keys;
        this.files = files;
        this.objects = objects;
        this.crypto = crypto;
        this.session = session;
        this.work = work;
        parts = JCSystem.makeTransientShortArray((short) (2 * COMPONENTS), JCSystem.CLEAR_ON_DESELECT);
        algorithms = JCSystem.makeTransientShortArray((short) 2, JCSystem.CLEAR_ON_DESELECT);
    }

    public void process(APDU apdu) {
        byte[] buf = apdu.getBuffer();
        short nc = Io.receive(apdu);
        if (!session.userVerified()) {
            ISOException.throwIt(Sw.SECURITY_STATUS_NOT_SATISFIED);
        }
        byte id = buf[ISO7816.OFFSET_P1];
        if (buf[ISO7816.OFFSET_P2] != P2_UNWRAP || id == 0) {
            ISOException.throwIt(Sw.INCORRECT_P1P2);
        }
        short fid = KeyStore.fid(id);
        if (keys.find(fid) != FileStore.NONE) {
            ISOException.throwIt(Sw.FILE_EXISTS);
        }
        if (!state.dkekComplete()) {
            ISOException.throwIt(Sw.REFERENCED_DATA_NOT_FOUND);
        }
        try {
            short length = nc > 0 ? take(buf, apdu.getOffsetCdata(), nc) : takeFromFile();
            short recordLength = unwrap(length);
            // Stored and then loaded once, in one update: a key object that refuses the values
            // ends the command with the update open, and Nvm rolls it back.
            files.mem().begin();
            keys.add(fid, work, RECORD, recordLength);
            validate(keys.find(fid), work[OFF_TYPE] == KeyStore.TYPE_EC);
            files.mem().commit();
        } finally {
            crypto.clear();
            objects.clear();
            KeyUse.wipe(work, (short) 0, (short) work.length);
        }
    }

    private short take(byte[] src, short off, short len) {
        if (len < MIN_BLOB || len > MAX_BLOB) {
            ISOException.throwIt(Sw.WRONG_DATA);
        }
        Util.arrayCopyNonAtomic(src, off, work, (short) 0, len);
        return len;
    }

    private short takeFromFile() {
        short entry = files.find(FID_BLOB);
        if (entry == FileStore.NONE) {
            ISOException.throwIt(Sw.FILE_NOT_FOUND);
        }
        return take(files.array(), files.dataOffset(entry), files.size(entry));
    }

    /** Checks and opens the blob in the work area; builds the key record; returns its length. */
    private short unwrap(short length) {
        if (!crypto.kcvMatches(work, (short) 0)) {
            ISOException.throwIt(Sw.WRONG_DATA);
        }
        short pos = (short) (OFF_TYPE + 1);
        pos = skipField(pos, length);                       // default algorithm OID
        algorithms[0] = (short) (pos + 2);
        algorithms[1] = Util.getShort(work, pos);
        pos = skipField(pos, length);                       // allowed algorithms
        pos = skipField(pos, length);                       // access conditions
        pos = skipField(pos, length);                       // key OID
        short signed = (short) (length - KeyBlobCrypto.MAC_LENGTH);
        short cipherLength = (short) (signed - pos);
        if (cipherLength <= 0 || (short) (cipherLength % KeyBlobCrypto.BLOCK) != 0
                || algorithms[1] > KeyStore.MAX_ALGORITHMS) {
            ISOException.throwIt(Sw.WRONG_DATA);
        }
        crypto.deriveKeys();
        if (!crypto.macVerifies(work, (short) 0, signed)) {
            ISOException.throwIt(Sw.WRONG_DATA);
        }
        byte type = work[OFF_TYPE];
        if (type != KeyStore.TYPE_EC && type != KeyStore.TYPE_RSA_CRT) {
            ISOException.throwIt(Sw.FUNCTION_NOT_SUPPORTED);
        }
        crypto.decrypt(work, pos, cipherLength);
        short bits = readComponents((short) (pos + WrapKeyCommand.RANDOM_PREFIX), signed);
        return type == KeyStore.TYPE_EC ? ecRecord(bits) : rsaRecord(bits);
    }

    private short skipField(short pos, short length) {
        if ((short) (pos + 2) > length) {
            ISOException.throwIt(Sw.WRONG_DATA);
        }
        short next = (short) (pos + 2 + Util.getShort(work, pos));
        if (next < pos || next > length) {
            ISOException.throwIt(Sw.WRONG_DATA);
        }
        return next;
    }

    /**
     * Reads the key size and seven length-prefixed components from the plaintext, then insists
     * on the padding {@code 80 00..} up to {@code end}. Returns the key size.
     */
    private short readComponents(short pos, short end) {
        if ((short) (pos + 2) > end) {
            ISOException.throwIt(Sw.WRONG_DATA);
        }
        short bits = Util.getShort(work, pos);
        pos = (short) (pos + 2);
        for (short i = 0; i < COMPONENTS; i++) {
            short next = skipField(pos, end);
            parts[(short) (2 * i)] = (short) (pos + 2);
            parts[(short) (2 * i + 1)] = (short) (next - pos - 2);
            pos = next;
        }
        if (pos >= end || work[pos] != (byte) 0x80) {
            ISOException.throwIt(Sw.WRONG_DATA);
        }
        for (pos++; pos < end; pos++) {
            if (work[pos] != 0) {
                ISOException.throwIt(Sw.WRONG_DATA);
            }
        }
        return bits;
    }

    /** Blob order a, b, p, n, G, d, Q; record order p, a, b, G, n, cofactor, d, Q. */
    private short ecRecord(short bits) {
        KeyObjects.ecIndex(bits);
        if (KeyObjects.bitLength(work, parts[4], parts[5]) != bits) {
            ISOException.throwIt(Sw.WRONG_DATA);
        }
        short pos = header(KeyStore.TYPE_EC, bits);
        pos = append(pos, (short) 2);
        pos = append(pos, (short) 0);
        pos = append(pos, (short) 1);
        pos = append(pos, (short) 4);
        pos = append(pos, (short) 3);
        pos = Util.setShort(work, pos, (short) 1);
        work[pos++] = 1;  // the blob has no cofactor; the prime curves the card knows have 1
        pos = append(pos, (short) 5);
        pos = append(pos, (short) 6);
        return (short) (pos - RECORD);
    }

    /** Blob order dP, dQ, p, qInv, q, n, e; record order p, q, dP, dQ, qInv, n, e. */
    private short rsaRecord(short bits) {
        KeyObjects.rsaIndex(bits);
        if (KeyObjects.bitLength(work, parts[10], parts[11]) != bits) {
            ISOException.throwIt(Sw.WRONG_DATA);
        }
        short pos = header(KeyStore.TYPE_RSA_CRT, bits);
        pos = append(pos, (short) 2);
        pos = append(pos, (short) 4);
        pos = append(pos, (short) 0);
        pos = append(pos, (short) 1);
        pos = append(pos, (short) 3);
        pos = append(pos, (short) 5);
        pos = append(pos, (short) 6);
        return (short) (pos - RECORD);
    }

    /** The record header: no use counter, key domain 0, the blob's algorithm list. */
    private short header(byte type, short bits) {
        short count = algorithms[1];
        byte flags = contains(algorithms[0], count, WrapKeyCommand.ALG_WRAP) || count == 0
                ? KeyStore.FLAG_EXPORTABLE : 0;
        short pos = KeyStore.header(work, RECORD, type, bits, flags, (byte) 0);
        work[(short) (RECORD + KeyStore.OFF_ALG_COUNT)] = (byte) count;
        Util.arrayCopyNonAtomic(work, algorithms[0], work, (short) (RECORD + KeyStore.OFF_ALGS), count);
        return pos;
    }

    private short append(short pos, short part) {
        short off = parts[(short) (2 * part)];
        short len = parts[(short) (2 * part + 1)];
        if ((short) (pos + 2 + len) > (short) work.length) {
            ISOException.throwIt(Sw.WRONG_DATA);
        }
        return KeyStore.append(work, pos, work, off, len);
    }

    /** Loads the new key into a key object as the signing commands will: it must be one. */
    private void validate(short entry, boolean ec) {
        try {
            if (ec) {
                objects.loadEc(keys, entry);
            } else {
                objects.loadRsa(keys, entry);
            }
        } catch (CryptoException e) {
            ISOException.throwIt(Sw.WRONG_DATA);
        }
    }

    private boolean contains(short off, short len, byte value) {
        for (short i = 0; i < len; i++) {
            if (work[(short) (off + i)] == value) {
                return true;
            }
        }
        return false;
    }
}
