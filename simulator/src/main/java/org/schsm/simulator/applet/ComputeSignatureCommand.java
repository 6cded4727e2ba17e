package org.schsm.simulator.applet;

import javacard.framework.APDU;
import javacard.framework.ISO7816;
import javacard.framework.ISOException;
import javacard.security.CryptoException;
import javacard.security.MessageDigest;
import javacard.security.PrivateKey;
import javacard.security.Signature;
import javacardx.crypto.Cipher;

/**
 * COMPUTE SIGNATURE {@code 80 68 <key id> <algorithm> <data>}. RSA: 20 raw (the host pads; data
 * is one modulus-long block), 30 PKCS#1 v1.5 over a DigestInfo, 31/33/34/35 PKCS#1 v1.5 with the
 * card hashing (SHA-1/-256/-384/-512), 40 PSS over a hash the host made (SHA-1/-256/-384/-512,
 * bare or in its DigestInfo as OpenSC sends it), 41/43/44/45 PSS with the card hashing; PSS is encoded on the card
 * ({@link PssEncoding}: MGF1 with the message hash, salt as long as the hash) and signed with
 * raw RSA. EC: 70 ECDSA over a hash, 71..75 ECDSA with the card hashing
 * (SHA-1/-224/-256/-384/-512). ECDSA answers DER {@code 30 {02 r, 02 s}}.
 * Checks and their status words: {@link KeyUse}; an algorithm ID that is no signature
 * algorithm answers 6A86, data of a wrong length 6700, data the key cannot sign 6A80.
 */
final class ComputeSignatureCommand implements Command {
    private static final byte RSA_RAW = 0x20;
    private static final byte RSA_PKCS1 = 0x30;
    private static final byte RSA_PKCS1_SHA1 = 0x31;
    private static final byte RSA_PKCS1_SHA256 = 0x33;
    private static final byte RSA_PKCS1_SHA384 = 0x34;
    private static final byte RSA_PKCS1_SHA512 = 0x35;
    private static final byte RSA_PSS = 0x40;
    private static final byte RSA_PSS_SHA1 = 0x41;
    private static final byte RSA_PSS_SHA256 = 0x43;
    private static final byte RSA_PSS_SHA384 = 0x44;
    private static final byte RSA_PSS_SHA512 = 0x45;
    private static final byte ECDSA = 0x70;
    private static final byte ECDSA_SHA1 = 0x71;
    private static final byte ECDSA_SHA224 = 0x72;
    private static final byte ECDSA_SHA256 = 0x73;
    private static final byte ECDSA_SHA384 = 0x74;
    private static final byte ECDSA_SHA512 = 0x75;

    /** PKCS#1 v1.5 type-1 padding takes at least 11 bytes of the block. */
    private static final short PKCS1_OVERHEAD = 11;

    private final KeyStore keys;
    private final KeyObjects objects;
    private final KeyUse use;
    private final byte[] work;
    private final Cipher rsaRaw;
    private final Cipher rsaPkcs1;
    private final Signature ecdsaRaw;
    /** Indexed by the low nibble of the algorithm ID (1..5). */
    private final Signature[] ecdsaHashing;
    /** Indexed by the low nibble: 1 SHA-1 (PKCS#1 only), 3 SHA-256, 4 SHA-384, 5 SHA-512. */
    private final Signature[] rsaPkcs1Hashing;
    private final PssEncoding pss;

    ComputeSignatureCommand(KeyStore keys, KeyObjects objects, KeyUse use, byte[] work) {
        this.keys = keys;
        this.objects = objects;
        this.use = use;
        this.work = work;
        rsaRaw = Cipher.getInstance(Cipher.ALG_RSA_NOPAD, false);
        rsaPkcs1 = Cipher.getInstance(Cipher.ALG_RSA_PKCS1, false);
        ecdsaRaw = Signature.getInstance(MessageDigest.ALG_NULL, Signature.SIG_CIPHER_ECDSA, Cipher.PAD_NULL, false);
        ecdsaHashing = new Signature[6];
        ecdsaHashing[1] = Signature.getInstance(Signature.ALG_ECDSA_SHA, false);
        ecdsaHashing[2] = Signature.getInstance(Signature.ALG_ECDSA_SHA_224, false);
        ecdsaHashing[3] = Signature.getInstance(Signature.ALG_ECDSA_SHA_256, false);
        ecdsaHashing[4] = Signature.getInstance(Signature.ALG_ECDSA_SHA_384, false);
        ecdsaHashing[5] = Signature.getInstance(Signature.ALG_ECDSA_SHA_512, false);
        rsaPkcs1Hashing = new Signature[6];
        rsaPkcs1Hashing[1] = Signature.getInstance(Signature.ALG_RSA_SHA_PKCS1, false);
        rsaPkcs1Hashing[3] = Signature.getInstance(Signature.ALG_RSA_SHA_256_PKCS1, false);
        rsaPkcs1Hashing[4] = Signature.getInstance(Signature.ALG_RSA_SHA_384_PKCS1, false);
        rsaPkcs1Hashing[5] = Signature.getInstance(Signature.ALG_RSA_SHA_512_PKCS1, false);
        pss = new PssEncoding();
    }

    public void process(APDU apdu) {
        byte[] buf = apdu.getBuffer();
        short nc = Io.receive(apdu);
        short in = apdu.getOffsetCdata();
        byte id = buf[ISO7816.OFFSET_P1];
        byte algorithm = buf[ISO7816.OFFSET_P2];
        byte type = keyTypeFor(algorithm);
        if (nc == 0) {
            ISOException.throwIt(Sw.WRONG_LENGTH);
        }
        short entry = use.begin(id, algorithm, type);
        short len = 0;
        try {
            len = type == KeyStore.TYPE_EC
                    ? signEc(entry, algorithm, buf, in, nc)
                    : signRsa(entry, algorithm, buf, in, nc);
        } catch (CryptoException e) {
            ISOException.throwIt(Sw.WRONG_DATA);
        } finally {
            objects.clear();
        }
        Io.send(apdu, work, (short) 0, len);
    }

    /** The key type an algorithm ID signs with; 6A86 for IDs that are no signature algorithm. */
    private static byte keyTypeFor(byte algorithm) {
        switch (algorithm) {
            case RSA_RAW:
            case RSA_PKCS1:
            case RSA_PKCS1_SHA1:
            case RSA_PKCS1_SHA256:
            case RSA_PKCS1_SHA384:
            case RSA_PKCS1_SHA512:
            case RSA_PSS:
            case RSA_PSS_SHA1:
            case RSA_PSS_SHA256:
            case RSA_PSS_SHA384:
            case RSA_PSS_SHA512:
                return KeyStore.TYPE_RSA_CRT;
            case ECDSA:
            case ECDSA_SHA1:
            case ECDSA_SHA224:
            case ECDSA_SHA256:
            case ECDSA_SHA384:
            case ECDSA_SHA512:
                return KeyStore.TYPE_EC;
            default:
                ISOException.throwIt(Sw.INCORRECT_P1P2);
                return 0;
        }
    }

    private short signEc(short entry, byte algorithm, byte[] buf, short in, short nc) {
        PrivateKey key = objects.loadEc(keys, entry);
        Signature signature = algorithm == ECDSA ? ecdsaRaw : ecdsaHashing[(short) (algorithm & 0x0F)];
        signature.init(key, Signature.MODE_SIGN);
        return signature.sign(buf, in, nc, work, (short) 0);
    }

    private short signRsa(short entry, byte algorithm, byte[] buf, short in, short nc) {
        PrivateKey key = objects.loadRsa(keys, entry);
        short k = use.byteLength(entry);
        switch (algorithm) {
            case RSA_RAW:
                if (nc != k) {
                    ISOException.throwIt(Sw.WRONG_LENGTH);
                }
                KeyUse.requireBelowModulus(keys, entry, buf, in);
                rsaRaw.init(key, Cipher.MODE_DECRYPT);
                return KeyUse.leftPad(work, (short) 0, rsaRaw.doFinal(buf, in, nc, work, (short) 0), k);
            case RSA_PKCS1:
                if (nc > (short) (k - PKCS1_OVERHEAD)) {
                    ISOException.throwIt(Sw.WRONG_LENGTH);
                }
                rsaPkcs1.init(key, Cipher.MODE_ENCRYPT);
                return rsaPkcs1.doFinal(buf, in, nc, work, (short) 0);
            case RSA_PSS:
            case RSA_PSS_SHA1:
            case RSA_PSS_SHA256:
            case RSA_PSS_SHA384:
            case RSA_PSS_SHA512:
                return signPss(key, algorithm, k, buf, in, nc);
            default:
                Signature signature = rsaPkcs1Hashing[(short) (algorithm & 0x0F)];
                signature.init(key, Signature.MODE_SIGN);
                return signature.sign(buf, in, nc, work, (short) 0);
        }
    }

    /**
     * RSA-PSS: the hash (the host's for 40, the card's own for 41..45) is encoded into a block of
     * the modulus length at {@code work[k]}, which raw RSA signs into {@code work[0]}. M' and the
     * MGF1 blocks use the work area behind the block.
     */
    private short signPss(PrivateKey key, byte algorithm, short k, byte[] buf, short in, short nc) {
        short block = k;
        short scratch = (short) (2 * k);
        MessageDigest md;
        short hash;
        if (algorithm == RSA_PSS) {
            md = pss.byHostInput(buf, in, nc);
            hash = pss.hashOffset();
        } else {
            md = pss.byNibble((byte) (algorithm & 0x0F));
            md.reset();
            hash = scratch;
            scratch = (short) (scratch + md.getLength());
            md.doFinal(buf, in, nc, work, hash);
        }
        byte[] source = algorithm == RSA_PSS ? buf : work;
        try {
            pss.encode(md, source, hash, work, block, k, work, scratch);
            rsaRaw.init(key, Cipher.MODE_DECRYPT);
            return KeyUse.leftPad(work, (short) 0, rsaRaw.doFinal(work, block, k, work, (short) 0), k);
        } finally {
            KeyUse.wipe(work, block, (short) (scratch + 8 + 3 * md.getLength() - block));
        }
    }
}
