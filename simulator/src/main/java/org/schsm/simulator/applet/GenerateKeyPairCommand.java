package org.schsm.simulator.applet;

import javacard.framework.APDU;
import javacard.framework.ISO7816;
import javacard.framework.ISOException;
import javacard.framework.JCSystem;
import javacard.framework.Util;
import javacard.security.CryptoException;
import javacard.security.ECKey;
import javacard.security.ECPrivateKey;
import javacard.security.ECPublicKey;
import javacard.security.RSAPrivateCrtKey;
import javacard.security.RSAPublicKey;
import javacard.security.Signature;

/**
 * GENERATE ASYMMETRIC KEY PAIR {@code 00 46 <key id> 00 <CV request body contents>}
 * (reference §2). The data carries 5F29, 42 inner CAR (optional), 7F49 the public key template
 * (OID; EC: 81 p, 82 a, 83 b, 84 G, 85 n, 87 cofactor; RSA: 82 e, 02 size in bits), 5F20 CHR,
 * and optionally 45 outer CAR (ignored: the outer CAR is always the device's), 90 use counter
 * (4 bytes), 91 algorithm list (1..16 IDs), 92 key domain.
 *
 * <p>The card generates the key as {@code CC<id>}, then answers, and stores in {@code CE<id>},
 * the authenticated request {@code 67 {7F21 {7F4E body, 5F37 inner signature by the new key},
 * 42 device CHR, 5F37 outer signature by the device key}} (plain r||s for ECDSA). Key record and
 * CE file are written in one transaction.
 *
 * <p>Answers: 6982 user PIN not verified; 6A86 key id 00 or P2 other than 00 (only the device
 * key signs requests here); 6A89 key id in use; 6A80 malformed or missing template; 6A81 curve
 * size, RSA size, exponent or OID the simulator cannot do; 6A88 no device key; 6700 a short
 * APDU with Le (the answer never fits 256 bytes: send an extended Le, or none and read CE<id>),
 * and 6700 an extended Le smaller than the answer, found after generation but before anything
 * is stored: the new key is discarded and {@code CE<id>} is left as it was (docs/keys.md).
 */
final class GenerateKeyPairCommand implements Command {
    private static final short TAG_CPI = 0x5F29;
    private static final short TAG_CAR = 0x42;
    private static final short TAG_PUBLIC_KEY = 0x7F49;
    private static final short TAG_CHR = 0x5F20;
    private static final short TAG_COUNTER = 0x90;
    private static final short TAG_ALGORITHMS = 0x91;
    private static final short TAG_DOMAIN = 0x92;
    private static final short TAG_OID = 0x06;
    private static final short TAG_BODY = 0x7F4E;
    private static final short TAG_REQUEST = 0x7F21;
    private static final short TAG_AUTHENTICATED = 0x67;
    private static final short TAG_SIGNATURE = 0x5F37;
    private static final short TAG_RSA_SIZE = 0x02;

    /** id-TA = 0.4.0.127.0.7.2.2.2; then 01 RSA or 02 ECDSA, then the scheme/hash. */
    private static final byte[] OID_TA = {0x04, 0x00, 0x7F, 0x00, 0x07, 0x02, 0x02, 0x02};
    private static final short OID_LENGTH = 10;
    private static final byte OID_RSA = 0x01;
    private static final byte OID_ECDSA = 0x02;
    private static final byte[] F4 = {0x01, 0x00, 0x01};
    private static final byte PREFIX_CERTIFICATE = (byte) 0xCE;
    private static final byte ALG_WRAP = (byte) 0x92;

    /** Where in the work area the key record (up to 2048 bytes) is assembled. */
    private static final short RECORD = 2048;
    /** Where in the work area signatures in DER form and public values are put on the way. */
    private static final short SCRATCH = 4096;
    /** Size of the work area the applet gives this command. */
    static final short WORK_SIZE = 5120;

    private final KeyStore keys;
    private final FileStore files;
    private final KeyObjects objects;
    private final DeviceAuthentication device;
    private final Session session;
    private final Tlv tlv;
    private final byte[] work;
    /** [0] offset of the public key template in the command, [1] its end; [2..] optional DOs. */
    private final short[] parsed;
    /** Inner signature schemes by the last byte of the OID. */
    private final Signature[] ecdsa;
    private final Signature[] rsa;

    private static final short PK_OFF = 0;
    private static final short PK_END = 1;
    private static final short CAR_OFF = 2;
    private static final short CAR_LEN = 3;
    private static final short CHR_OFF = 4;
    private static final short CHR_LEN = 5;
    private static final short COUNTER_OFF = 6;
    private static final short ALGS_OFF = 7;
    private static final short ALGS_LEN = 8;
    private static final short DOMAIN = 9;
    private static final short OID_OFF = 10;
    private static final short RECORD_LEN = 11;

    GenerateKeyPairCommand(KeyStore keys, FileStore files, KeyObjects objects, DeviceAuthentication device,
            Session session, Tlv tlv, byte[] work) {
        this.keys = keys;
        this.files = files;
        this.objects = objects;
        this.device = device;
        this.session = session;
        this.tlv = tlv;
        this.work = work;
        parsed = JCSystem.makeTransientShortArray((short) 12, JCSystem.CLEAR_ON_DESELECT);
        ecdsa = new Signature[6];
        ecdsa[1] = Signature.getInstance(Signature.ALG_ECDSA_SHA, false);
        ecdsa[2] = Signature.getInstance(Signature.ALG_ECDSA_SHA_224, false);
        ecdsa[3] = Signature.getInstance(Signature.ALG_ECDSA_SHA_256, false);
        ecdsa[4] = Signature.getInstance(Signature.ALG_ECDSA_SHA_384, false);
        ecdsa[5] = Signature.getInstance(Signature.ALG_ECDSA_SHA_512, false);
        rsa = new Signature[7];
        rsa[1] = Signature.getInstance(Signature.ALG_RSA_SHA_PKCS1, false);
        rsa[2] = Signature.getInstance(Signature.ALG_RSA_SHA_256_PKCS1, false);
        rsa[3] = Signature.getInstance(Signature.ALG_RSA_SHA_PKCS1_PSS, false);
        rsa[4] = Signature.getInstance(Signature.ALG_RSA_SHA_256_PKCS1_PSS, false);
        rsa[5] = Signature.getInstance(Signature.ALG_RSA_SHA_512_PKCS1, false);
        rsa[6] = Signature.getInstance(Signature.ALG_RSA_SHA_512_PKCS1_PSS, false);
    }

    public void process(APDU apdu) {
        byte[] buf = apdu.getBuffer();
        short nc = Io.receive(apdu);
        short in = apdu.getOffsetCdata();
        byte id = buf[ISO7816.OFFSET_P1];
        if (!session.userVerified()) {
            ISOException.throwIt(Sw.SECURITY_STATUS_NOT_SATISFIED);
        }
        if (id == 0 || buf[ISO7816.OFFSET_P2] != 0) {
            ISOException.throwIt(Sw.INCORRECT_P1P2);
        }
        boolean extended = in == ISO7816.OFFSET_EXT_CDATA;
        short le = apdu.setOutgoing();
        if (!extended && le > 0) {
            ISOException.throwIt(Sw.WRONG_LENGTH);
        }
        if (nc == 0) {
            ISOException.throwIt(Sw.WRONG_LENGTH);
        }
        parse(buf, in, (short) (in + nc));
        short fid = KeyStore.fid(id);
        if (keys.find(fid) != FileStore.NONE) {
            ISOException.throwIt(Sw.FILE_EXISTS);
        }
        device.requirePresent();
        short len = 0;
        try {
            len = buf[(short) (parsed[OID_OFF] + 8)] == OID_ECDSA ? generateEc(buf) : generateRsa(buf);
            // An answer that does not fit the extended Le is refused before anything is stored,
            // so a refused command leaves no key behind (a host retrying with the same id would
            // otherwise meet 6A89 for a key whose request it never saw).
            if (le > 0 && len > le) {
                ISOException.throwIt(Sw.WRONG_LENGTH);
            }
            store(fid, id, parsed[RECORD_LEN], len);
        } catch (CryptoException e) {
            ISOException.throwIt(Sw.WRONG_DATA);
        } finally {
            objects.clear();
            KeyUse.wipe(work, RECORD, (short) (work.length - RECORD));
        }
        if (extended) {
            Io.sendPrepared(apdu, work, (short) 0, len);
        }
    }

    private void parse(byte[] buf, short off, short end) {
        parsed[CAR_LEN] = -1;
        parsed[COUNTER_OFF] = -1;
        parsed[ALGS_LEN] = 0;
        parsed[DOMAIN] = 0;
        parsed[CHR_LEN] = -1;
        parsed[PK_OFF] = -1;
        while (off < end) {
            short tag = tlv.read(buf, off, end);
            short v = tlv.valueOffset();
            short l = tlv.valueLength();
            switch (tag) {
                case TAG_CAR:
                    parsed[CAR_OFF] = v;
                    parsed[CAR_LEN] = l;
                    break;
                case TAG_CHR:
                    parsed[CHR_OFF] = v;
                    parsed[CHR_LEN] = l;
                    break;
                case TAG_PUBLIC_KEY:
                    parsed[PK_OFF] = v;
                    parsed[PK_END] = tlv.next();
                    break;
                case TAG_COUNTER:
                    if (l != 4 || (short) (buf[v] | buf[(short) (v + 1)] | buf[(short) (v + 2)] | buf[(short) (v + 3)]) == 0) {
                        ISOException.throwIt(Sw.WRONG_DATA);
                    }
                    parsed[COUNTER_OFF] = v;
                    break;
                case TAG_ALGORITHMS:
                    if (l < 1 || l > KeyStore.MAX_ALGORITHMS) {
                        ISOException.throwIt(Sw.WRONG_DATA);
                    }
                    parsed[ALGS_OFF] = v;
                    parsed[ALGS_LEN] = l;
                    break;
                case TAG_DOMAIN:
                    if (l != 1) {
                        ISOException.throwIt(Sw.WRONG_DATA);
                    }
                    parsed[DOMAIN] = (short) (buf[v] & 0xFF);
                    break;
                default:
                    break; // 5F29, 45 and unknown tags
            }
            off = tlv.next();
        }
        if (parsed[PK_OFF] < 0 || parsed[CHR_LEN] < 0) {
            ISOException.throwIt(Sw.WRONG_DATA);
        }
        tlv.require(buf, parsed[PK_OFF], parsed[PK_END], TAG_OID);
        if (tlv.valueLength() != OID_LENGTH
                || Util.arrayCompare(buf, tlv.valueOffset(), OID_TA, (short) 0, (short) OID_TA.length) != 0) {
            ISOException.throwIt(Sw.FUNCTION_NOT_SUPPORTED);
        }
        parsed[OID_OFF] = tlv.valueOffset();
    }

    private short component(byte[] buf, short tag) {
        tlv.require(buf, parsed[PK_OFF], parsed[PK_END], tag);
        return tlv.valueOffset();
    }

    /** Generates on the curve the template gives; builds the answer in the work area. */
    private short generateEc(byte[] buf) {
        byte scheme = buf[(short) (parsed[OID_OFF] + 9)];
        if (scheme < 1 || scheme > 5) {
            ISOException.throwIt(Sw.FUNCTION_NOT_SUPPORTED);
        }
        short p = component(buf, (short) 0x81);
        short bits = KeyObjects.bitLength(buf, p, tlv.valueLength());
        short index = KeyObjects.ecIndex(bits);
        ECPrivateKey priv = objects.ecPrivate(index);
        ECPublicKey pub = objects.ecPublic(index);
        setDomain(priv, buf);
        setDomain(pub, buf);
        objects.ecPair(index).genKeyPair();
        parsed[RECORD_LEN] = record(buf);

        // body: 5F29, 42, 7F49 {06, 81..85, 86 Q, 87}, 5F20
        short pos = bodyStart(buf);
        short pk = pos;
        pos = copyTlv(buf, TAG_OID, pos);
        pos = copyTlv(buf, (short) 0x81, pos);
        pos = copyTlv(buf, (short) 0x82, pos);
        pos = copyTlv(buf, (short) 0x83, pos);
        pos = copyTlv(buf, (short) 0x84, pos);
        pos = copyTlv(buf, (short) 0x85, pos);
        short wLength = pub.getW(work, SCRATCH);
        pos = Tlv.put(work, pos, (short) 0x86, work, SCRATCH, wLength);
        pos = copyTlv(buf, (short) 0x87, pos);
        pos = Tlv.wrap(work, pk, pos, TAG_PUBLIC_KEY);
        pos = bodyEnd(buf, pos);

        Signature inner = ecdsa[scheme];
        inner.init(priv, Signature.MODE_SIGN);
        short derLength = inner.sign(work, (short) 0, pos, work, SCRATCH);
        component(buf, (short) 0x85);
        pos = PlainSignature.append(work, SCRATCH, derLength, tlv.valueLength(), work, pos);
        return authenticate(pos);
    }

    private short generateRsa(byte[] buf) {
        byte scheme = buf[(short) (parsed[OID_OFF] + 9)];
        if (buf[(short) (parsed[OID_OFF] + 8)] != OID_RSA || scheme < 1 || scheme > 6) {
            ISOException.throwIt(Sw.FUNCTION_NOT_SUPPORTED);
        }
        short e = component(buf, (short) 0x82);
        if (tlv.valueLength() != F4.length || Util.arrayCompare(buf, e, F4, (short) 0, (short) 3) != 0) {
            ISOException.throwIt(Sw.FUNCTION_NOT_SUPPORTED);
        }
        short size = component(buf, TAG_RSA_SIZE);
        if (tlv.valueLength() != 2) {
            ISOException.throwIt(Sw.WRONG_DATA);
        }
        short index = KeyObjects.rsaIndex(Util.getShort(buf, size));
        objects.rsaPair(index).genKeyPair();
        parsed[RECORD_LEN] = record(buf);
        RSAPublicKey pub = objects.rsaPublic(index);

        short pos = bodyStart(buf);
        short pk = pos;
        pos = copyTlv(buf, TAG_OID, pos);
        short n = pub.getModulus(work, SCRATCH);
        pos = Tlv.put(work, pos, (short) 0x81, work, SCRATCH, n);
        short el = pub.getExponent(work, SCRATCH);
        pos = Tlv.put(work, pos, (short) 0x82, work, SCRATCH, el);
        pos = Tlv.wrap(work, pk, pos, TAG_PUBLIC_KEY);
        pos = bodyEnd(buf, pos);

        Signature inner = rsa[scheme];
        inner.init(objects.rsaPrivate(index), Signature.MODE_SIGN);
        short sigLength = inner.sign(work, (short) 0, pos, work, SCRATCH);
        pos = Tlv.put(work, pos, TAG_SIGNATURE, work, SCRATCH, sigLength);
        return authenticate(pos);
    }

    /** Writes 5F29 and the inner CAR; returns where the public key template goes. */
    private short bodyStart(byte[] buf) {
        short pos = 0;
        work[pos++] = 0x5F;
        work[pos++] = 0x29;
        work[pos++] = 0x01;
        work[pos++] = 0x00;
        if (parsed[CAR_LEN] >= 0) {
            pos = Tlv.put(work, pos, TAG_CAR, buf, parsed[CAR_OFF], parsed[CAR_LEN]);
        }
        return pos;
    }

    /** Appends the CHR and wraps everything so far as the body 7F4E. */
    private short bodyEnd(byte[] buf, short pos) {
        pos = Tlv.put(work, pos, TAG_CHR, buf, parsed[CHR_OFF], parsed[CHR_LEN]);
        return Tlv.wrap(work, (short) 0, pos, TAG_BODY);
    }

    /** Wraps the self-signed request as 7F21, adds outer CAR and signature, wraps as 67. */
    private short authenticate(short pos) {
        pos = Tlv.wrap(work, (short) 0, pos, TAG_REQUEST);
        pos = device.appendOuterCar(work, pos);
        pos = device.appendSignature(work, (short) 0, pos, work, pos, work, SCRATCH);
        return Tlv.wrap(work, (short) 0, pos, TAG_AUTHENTICATED);
    }

    private short copyTlv(byte[] buf, short tag, short pos) {
        short v = component(buf, tag);
        return Tlv.put(work, pos, tag, buf, v, tlv.valueLength());
    }

    /** Sets the curve of the template (81..85, 87) on {@code key}. */
    private void setDomain(ECKey key, byte[] buf) {
        for (short i = KeyStore.EC_P; i <= KeyStore.EC_H; i++) {
            short v = component(buf, i == KeyStore.EC_H ? (short) 0x87 : (short) (0x81 + i));
            KeyObjects.setEcComponent(key, i, buf, v, tlv.valueLength());
        }
    }

    /**
     * Builds the key record at {@link #RECORD} from the key just generated; returns its length.
     * Runs before anything else uses the key objects (the device key shares them).
     */
    private short record(byte[] buf) {
        boolean ec = buf[(short) (parsed[OID_OFF] + 8)] == OID_ECDSA;
        byte flags = 0;
        if (parsed[COUNTER_OFF] >= 0) {
            flags |= KeyStore.FLAG_COUNTER;
        }
        if (parsed[ALGS_LEN] == 0 || contains(buf, parsed[ALGS_OFF], parsed[ALGS_LEN], ALG_WRAP)) {
            flags |= KeyStore.FLAG_EXPORTABLE;
        }
        short bits;
        short index;
        if (ec) {
            short p = component(buf, (short) 0x81);
            bits = KeyObjects.bitLength(buf, p, tlv.valueLength());
        } else {
            bits = Util.getShort(buf, component(buf, TAG_RSA_SIZE));
        }
        short pos = KeyStore.header(work, RECORD, ec ? KeyStore.TYPE_EC : KeyStore.TYPE_RSA_CRT, bits, flags,
                (byte) parsed[DOMAIN]);
        if (parsed[COUNTER_OFF] >= 0) {
            Util.arrayCopyNonAtomic(buf, parsed[COUNTER_OFF], work, (short) (RECORD + KeyStore.OFF_COUNTER), (short) 4);
        }
        work[(short) (RECORD + KeyStore.OFF_ALG_COUNT)] = (byte) parsed[ALGS_LEN];
        if (parsed[ALGS_LEN] > 0) {
            Util.arrayCopyNonAtomic(buf, parsed[ALGS_OFF], work, (short) (RECORD + KeyStore.OFF_ALGS),
                    parsed[ALGS_LEN]);
        }
        if (ec) {
            index = KeyObjects.ecIndex(bits);
            for (short tag = 0x81; tag <= 0x85; tag++) {
                short v = component(buf, tag);
                pos = KeyStore.append(work, pos, buf, v, tlv.valueLength());
            }
            short v = component(buf, (short) 0x87);
            pos = KeyStore.append(work, pos, buf, v, tlv.valueLength());
            component(buf, (short) 0x85);
            short orderLength = tlv.valueLength();
            pos = appendPadded(pos, objects.ecPrivate(index).getS(work, (short) (pos + 2 + orderLength)), orderLength);
            pos = appendRaw(pos, objects.ecPublic(index).getW(work, (short) (pos + 2)));
        } else {
            index = KeyObjects.rsaIndex(bits);
            RSAPrivateCrtKey priv = objects.rsaPrivate(index);
            pos = appendRaw(pos, priv.getP(work, (short) (pos + 2)));
            pos = appendRaw(pos, priv.getQ(work, (short) (pos + 2)));
            pos = appendRaw(pos, priv.getDP1(work, (short) (pos + 2)));
            pos = appendRaw(pos, priv.getDQ1(work, (short) (pos + 2)));
            pos = appendRaw(pos, priv.getPQ(work, (short) (pos + 2)));
            pos = appendRaw(pos, objects.rsaPublic(index).getModulus(work, (short) (pos + 2)));
            pos = appendRaw(pos, objects.rsaPublic(index).getExponent(work, (short) (pos + 2)));
        }
        return (short) (pos - RECORD);
    }

    /** The component value was written at pos+2; writes its length in front. */
    private short appendRaw(short pos, short len) {
        Util.setShort(work, pos, len);
        return (short) (pos + 2 + len);
    }

    /**
     * A value of {@code len} bytes was written at pos+2+size (out of the way); moves it
     * right-aligned into a field of {@code size} bytes at pos+2.
     */
    private short appendPadded(short pos, short len, short size) {
        short field = (short) (pos + 2);
        Util.arrayCopyNonAtomic(work, (short) (field + size), work, (short) (field + size - len), len);
        if (len < size) {
            Util.arrayFillNonAtomic(work, field, (short) (size - len), (byte) 0);
        }
        Util.arrayFillNonAtomic(work, (short) (field + size), len, (byte) 0);
        Util.setShort(work, pos, size);
        return (short) (field + size);
    }

    /** Key record and CE<id> in one transaction. */
    private void store(short fid, byte id, short recordLength, short responseLength) {
        short certificate = Util.makeShort(PREFIX_CERTIFICATE, id);
        files.mem().begin();
        short old = files.find(certificate);
        if (old != FileStore.NONE) {
            files.delete(old);
        }
        keys.add(fid, work, RECORD, recordLength);
        files.write(certificate, (short) 0, work, (short) 0, responseLength);
        files.mem().commit();
    }

    private static boolean contains(byte[] buf, short off, short len, byte value) {
        for (short i = 0; i < len; i++) {
            if (buf[(short) (off + i)] == value) {
                return true;
            }
        }
        return false;
    }
}
