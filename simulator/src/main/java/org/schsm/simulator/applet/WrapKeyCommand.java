package org.schsm.simulator.applet;

import javacard.framework.APDU;
import javacard.framework.ISO7816;
import javacard.framework.ISOException;
import javacard.framework.Util;
import javacard.security.RandomData;

/**
 * WRAP KEY {@code 80 72 <key id> 92}, no data, extended Le: answers the key blob of keys.md
 * §6.2 laid out as a real Nitrokey HSM writes it. KCV, key type, default algorithm OID, the key's
 * algorithm list (empty when it has none), empty access conditions and key OID, then the
 * AES-256-CBC ciphertext of: 8 random bytes, the key size, every component with a 2-byte length
 * at its full width (EC a, b, p, n, d at the field length, G and Q uncompressed; RSA-CRT dP, dQ,
 * p, qInv, q at half the modulus, n, e), and {@code 80 00..} padding that is always added; then
 * the AES-CMAC. See {@link KeyBlobCrypto} for the keys.
 *
 * <p>Refusals, in this order: 6982 user PIN not verified; 6A86 P2 other than 92 or key id 00 (the
 * device key never leaves the card); 6A88 no such key (a real card answered "data object not
 * found" to a wrong key reference, OpenSC issue 2685) or no complete DKEK of shares; 6985 the
 * key's algorithm list lacks WRAP (92); 6700 data in the command or an Le too small.
 */
final class WrapKeyCommand implements Command {
    static final byte P2_WRAP = (byte) 0x92;
    /** The algorithm ID that marks a key exportable when the key has an algorithm list. */
    static final byte ALG_WRAP = (byte) 0x92;

    /** Default algorithm OIDs of the blob: id-TA-ECDSA-SHA-256 and id-TA-RSA-v1-5-SHA-256. */
    static final byte[] OID_EC = {0x04, 0x00, 0x7F, 0x00, 0x07, 0x02, 0x02, 0x02, 0x02, 0x03};
    static final byte[] OID_RSA = {0x04, 0x00, 0x7F, 0x00, 0x07, 0x02, 0x02, 0x02, 0x01, 0x02};
    static final short RANDOM_PREFIX = 8;

    private final DeviceState state;
    private final KeyStore keys;
    private final KeyBlobCrypto crypto;
    private final Session session;
    private final RandomData random;
    private final byte[] work;

    WrapKeyCommand(DeviceState state, KeyStore keys, KeyBlobCrypto crypto, Session session, byte[] work) {
        this.state = state;
        this.keys = keys;
        this.crypto = crypto;
        this.session = session;
        this.work = work;
        random = RandomData.getInstance(RandomData.ALG_SECURE_RANDOM);
    }

    public void process(APDU apdu) {
        byte[] buf = apdu.getBuffer();
        Io.receiveNone(apdu);
        if (!session.userVerified()) {
            ISOException.throwIt(Sw.SECURITY_STATUS_NOT_SATISFIED);
        }
        byte id = buf[ISO7816.OFFSET_P1];
        if (buf[ISO7816.OFFSET_P2] != P2_WRAP || id == 0) {
            ISOException.throwIt(Sw.INCORRECT_P1P2);
        }
        short entry = keys.find(KeyStore.fid(id));
        if (entry == FileStore.NONE || !state.dkekComplete()) {
            ISOException.throwIt(Sw.REFERENCED_DATA_NOT_FOUND);
        }
        if ((short) (keys.flags(entry) & KeyStore.FLAG_EXPORTABLE) == 0) {
            ISOException.throwIt(Sw.CONDITIONS_NOT_SATISFIED);
        }
        short length = 0;
        try {
            crypto.deriveKeys();
            length = wrap(entry);
            Io.send(apdu, work, (short) 0, length);
        } finally {
            crypto.clear();
            KeyUse.wipe(work, (short) 0, (short) work.length);
        }
    }

    /** Builds the blob at the start of the work area; returns its length. */
    private short wrap(short entry) {
        boolean ec = keys.type(entry) == KeyStore.TYPE_EC;
        short pos = crypto.kcv(work, (short) 0);
        work[pos++] = keys.type(entry);
        byte[] oid = ec ? OID_EC : OID_RSA;
        pos = field(pos, oid, (short) 0, (short) oid.length);
        pos = algorithms(entry, pos);
        pos = Util.setShort(work, pos, (short) 0);  // access conditions: not used
        pos = Util.setShort(work, pos, (short) 0);  // key OID: not used
        short plain = pos;
        random.generateData(work, pos, RANDOM_PREFIX);
        pos = (short) (pos + RANDOM_PREFIX);
        pos = Util.setShort(work, pos, keys.bits(entry));
        pos = ec ? ecComponents(entry, pos) : rsaComponents(entry, pos);
        // ISO/IEC 9797-1 method 2, always at least the 80 byte, as the vendor's encoder does.
        work[pos++] = (byte) 0x80;
        while ((short) ((short) (pos - plain) % KeyBlobCrypto.BLOCK) != 0) {
            work[pos++] = 0;
        }
        crypto.encrypt(work, plain, (short) (pos - plain));
        return crypto.appendMac(work, (short) 0, pos);
    }

    private short algorithms(short entry, short pos) {
        byte[] a = keys.array();
        short base = keys.recordOffset(entry);
        short count = a[(short) (base + KeyStore.OFF_ALG_COUNT)];
        return field(pos, a, (short) (base + KeyStore.OFF_ALGS), count);
    }

    private short ecComponents(short entry, short pos) {
        short width = (short) ((short) (keys.bits(entry) + 7) / 8);
        pos = fixed(entry, KeyStore.EC_A, width, pos);
        pos = fixed(entry, KeyStore.EC_B, width, pos);
        pos = fixed(entry, KeyStore.EC_P, width, pos);
        pos = fixed(entry, KeyStore.EC_N, width, pos);
        pos = asStored(entry, KeyStore.EC_G, pos);
        pos = fixed(entry, KeyStore.EC_D, width, pos);
        return asStored(entry, KeyStore.EC_Q, pos);
    }

    private short rsaComponents(short entry, short pos) {
        short modulus = (short) ((short) (keys.bits(entry) + 7) / 8);
        short half = (short) ((short) (modulus + 1) / 2);
        pos = fixed(entry, KeyStore.RSA_DP, half, pos);
        pos = fixed(entry, KeyStore.RSA_DQ, half, pos);
        pos = fixed(entry, KeyStore.RSA_P, half, pos);
        pos = fixed(entry, KeyStore.RSA_QINV, half, pos);
        pos = fixed(entry, KeyStore.RSA_Q, half, pos);
        pos = fixed(entry, KeyStore.RSA_N, modulus, pos);
        return asStored(entry, KeyStore.RSA_E, pos);
    }

    private short field(short pos, byte[] src, short off, short len) {
        pos = Util.setShort(work, pos, len);
        return Util.arrayCopyNonAtomic(src, off, work, pos, len);
    }

    private short asStored(short entry, short index, short pos) {
        short off = keys.component(entry, index);
        return field(pos, keys.array(), off, keys.componentLength());
    }

    /**
     * A number right-aligned in a field of {@code width} bytes (wider only if the number needs
     * it): the real card writes a = 0 as 32 zero bytes, not as an empty field.
     */
    private short fixed(short entry, short index, short width, short pos) {
        byte[] a = keys.array();
        short off = keys.component(entry, index);
        short len = keys.componentLength();
        while (len > 0 && a[off] == 0) {
            off++;
            len--;
        }
        if (len > width) {
            width = len;
        }
        pos = Util.setShort(work, pos, width);
        Util.arrayFillNonAtomic(work, pos, (short) (width - len), (byte) 0);
        return Util.arrayCopyNonAtomic(a, off, work, (short) (pos + width - len), len);
    }
}
