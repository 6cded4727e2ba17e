package org.schsm.simulator.applet;

import javacard.framework.ISOException;
import javacard.framework.JCSystem;
import javacard.framework.Util;
import javacard.security.MessageDigest;
import javacard.security.RandomData;

/**
 * EMSA-PSS encoding (PKCS #1 v2.2, RFC 8017 section 9.1.1) for the RSA-PSS algorithm IDs of
 * COMPUTE SIGNATURE (40 over a hash the host made, 41/43/44/45 with the card hashing), built
 * from MessageDigest and RandomData so the signature itself is a raw RSA operation. jCardSim's
 * own PSS signatures cannot serve: its precomputed-hash hook feeds the host's hash into both
 * hashing steps of PSS, and its SHA-1 PSS uses a 16-byte salt.
 *
 * <p>Parameters as OpenSC uses them with this card (docs/keys.md): MGF1 with the same hash as
 * the message (OpenSC refuses a different MGF1 hash before it sends anything) and a salt as long
 * as the hash (OpenSC's and OpenSSL's default). The modulus is a whole number of bytes (every RSA
 * size the simulator makes), so the encoded message has the modulus length with its top bit
 * cleared, which keeps it below the modulus.
 */
final class PssEncoding {
    private static final short ZEROS = 8;
    private static final byte TRAILER = (byte) 0xBC;

    /**
     * DigestInfo prefixes (RFC 8017 section 9.2, note 1): a DigestInfo is what OpenSC sends with
     * algorithm 40. One array each, since Java Card has no arrays of arrays.
     */
    private static final byte[] DIGEST_INFO_SHA1 = {
        0x30, 0x21, 0x30, 0x09, 0x06, 0x05, 0x2B, 0x0E, 0x03, 0x02, 0x1A, 0x05, 0x00, 0x04, 0x14};
    private static final byte[] DIGEST_INFO_SHA256 = {
        0x30, 0x31, 0x30, 0x0D, 0x06, 0x09, 0x60, (byte) 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01, 0x05, 0x00,
        0x04, 0x20};
    private static final byte[] DIGEST_INFO_SHA384 = {
        0x30, 0x41, 0x30, 0x0D, 0x06, 0x09, 0x60, (byte) 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x02, 0x05, 0x00,
        0x04, 0x30};
    private static final byte[] DIGEST_INFO_SHA512 = {
        0x30, 0x51, 0x30, 0x0D, 0x06, 0x09, 0x60, (byte) 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x03, 0x05, 0x00,
        0x04, 0x40};

    /** By the low nibble of the algorithm ID: 1 SHA-1, 3 SHA-256, 4 SHA-384, 5 SHA-512. */
    private final MessageDigest[] digests;
    /** [0] where the hash starts in the input of algorithm 40, after {@link #byHostInput}. */
    private final short[] hashAt;
    private final RandomData random;
    /** MGF1's 4-byte block counter. */
    private final byte[] counter;

    PssEncoding() {
        digests = new MessageDigest[6];
        digests[1] = MessageDigest.getInstance(MessageDigest.ALG_SHA, false);
        digests[3] = MessageDigest.getInstance(MessageDigest.ALG_SHA_256, false);
        digests[4] = MessageDigest.getInstance(MessageDigest.ALG_SHA_384, false);
        digests[5] = MessageDigest.getInstance(MessageDigest.ALG_SHA_512, false);
        random = RandomData.getInstance(RandomData.ALG_SECURE_RANDOM);
        counter = JCSystem.makeTransientByteArray((short) 4, JCSystem.CLEAR_ON_DESELECT);
        hashAt = JCSystem.makeTransientShortArray((short) 1, JCSystem.CLEAR_ON_DESELECT);
    }

    /** The hash of algorithm IDs 41..45 by their low nibble; 6A81 for one the card lacks (42). */
    MessageDigest byNibble(byte nibble) {
        MessageDigest md = nibble >= 0 && nibble < digests.length ? digests[nibble] : null;
        if (md == null) {
            ISOException.throwIt(Sw.FUNCTION_NOT_SUPPORTED);
        }
        return md;
    }

    /**
     * The hash of the input of algorithm 40 ({@code nc} bytes at {@code in}): either the bare hash
     * (20, 32, 48 or 64 bytes: SHA-1/-256/-384/-512 by its length), or the hash inside its
     * DigestInfo, which is what OpenSC 0.23 sends (its encoder prepends the DigestInfo for the hash
     * the mechanism names, and the card then knows the hash for sure). 6700 for anything else.
     * {@link #hashOffset()} tells where the hash starts.
     */
    MessageDigest byHostInput(byte[] buf, short in, short nc) {
        for (short i = 0; i < digests.length; i++) {
            MessageDigest md = digests[i];
            if (md == null) {
                continue;
            }
            short h = md.getLength();
            byte[] prefix = digestInfo(i);
            if (nc == h) {
                hashAt[0] = in;
                return md;
            }
            if (nc == (short) (prefix.length + h)
                    && Util.arrayCompare(buf, in, prefix, (short) 0, (short) prefix.length) == 0) {
                hashAt[0] = (short) (in + prefix.length);
                return md;
            }
        }
        ISOException.throwIt(Sw.WRONG_LENGTH);
        return null;
    }

    /** The DigestInfo prefix of the hash at low nibble {@code nibble} (1, 3, 4 or 5). */
    private static byte[] digestInfo(short nibble) {
        switch (nibble) {
            case 1:
                return DIGEST_INFO_SHA1;
            case 3:
                return DIGEST_INFO_SHA256;
            case 4:
                return DIGEST_INFO_SHA384;
            default:
                return DIGEST_INFO_SHA512;
        }
    }

    /** Where the hash starts in the input {@link #byHostInput} last accepted. */
    short hashOffset() {
        return hashAt[0];
    }

    /**
     * Writes the encoded message (EM, {@code emLen} bytes) for the hash {@code mHash} to
     * {@code out} at {@code outOff}. {@code scratch} at {@code scratchOff} needs 8 + 3 x hash
     * length bytes (M' and one MGF1 block) and must not overlap EM. 6A80 when the modulus is too
     * short for hash and salt.
     */
    void encode(MessageDigest md, byte[] mHash, short hashOff, byte[] out, short outOff, short emLen,
            byte[] scratch, short scratchOff) {
        short h = md.getLength();
        short dbLength = (short) (emLen - h - 1);
        if (emLen < (short) (2 * h + 2)) {
            ISOException.throwIt(Sw.WRONG_DATA);
        }
        // M' = 8 zero bytes || mHash || salt, and H = Hash(M') right before the trailer.
        short salt = (short) (scratchOff + ZEROS + h);
        Util.arrayFillNonAtomic(scratch, scratchOff, ZEROS, (byte) 0);
        Util.arrayCopyNonAtomic(mHash, hashOff, scratch, (short) (scratchOff + ZEROS), h);
        random.generateData(scratch, salt, h);
        short hOff = (short) (outOff + dbLength);
        md.reset();
        md.doFinal(scratch, scratchOff, (short) (ZEROS + 2 * h), out, hOff);
        // DB = zeros || 01 || salt, masked with MGF1(H).
        short padding = (short) (dbLength - h - 1);
        Util.arrayFillNonAtomic(out, outOff, padding, (byte) 0);
        out[(short) (outOff + padding)] = 0x01;
        Util.arrayCopyNonAtomic(scratch, salt, out, (short) (outOff + padding + 1), h);
        mask(md, out, hOff, h, out, outOff, dbLength, scratch, (short) (salt + h));
        out[outOff] &= 0x7F;
        out[(short) (outOff + emLen - 1)] = TRAILER;
        Util.arrayFillNonAtomic(scratch, scratchOff, (short) (ZEROS + 3 * h), (byte) 0);
    }

    /** XORs MGF1(seed) over {@code len} bytes of {@code target}; one block at a time in {@code block}. */
    private void mask(MessageDigest md, byte[] seed, short seedOff, short h, byte[] target, short off, short len,
            byte[] block, short blockOff) {
        Util.arrayFillNonAtomic(counter, (short) 0, (short) 4, (byte) 0);
        for (short done = 0; done < len; done = (short) (done + h)) {
            md.reset();
            md.update(seed, seedOff, h);
            md.doFinal(counter, (short) 0, (short) 4, block, blockOff);
            short n = (short) (len - done) < h ? (short) (len - done) : h;
            for (short i = 0; i < n; i++) {
                target[(short) (off + done + i)] ^= block[(short) (blockOff + i)];
            }
            counter[3]++;
        }
    }
}
