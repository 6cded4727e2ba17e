package org.schsm.hsm.cvc;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Map;

/**
 * Signature checks for CV certificates. TR-03110 fixes the hash by the signer's key OID
 * (id-TA-ECDSA-SHA-1 .. -SHA-512 are .2.1 .. .2.5) and writes ECDSA signatures as plain
 * {@code r || s}, each half the length of the order (keys.md §7.2). The arithmetic is
 * {@link PlainEcdsa}'s, on the parameters the certificates carry, so no curve needs to be known
 * by name and no library jar is loaded.
 */
public final class CvcSignatures {
    private static final Map<String, String> HASHES = Map.of("1", "SHA-1", "2", "SHA-224", "3", "SHA-256",
            "4", "SHA-384", "5", "SHA-512");

    private CvcSignatures() {
    }

    /**
     * True when {@code signature} over {@code data} verifies with {@code signer}, whose EC domain
     * parameters must be present (see {@link CvPublicKey#withDomainOf}).
     *
     * @throws CvcFormatException for key types other than id-TA-ECDSA, or keys without domain parameters
     */
    public static boolean verify(byte[] data, byte[] signature, CvPublicKey signer) {
        if (!signer.isEc()) {
            throw new CvcFormatException("signature algorithm " + signer.algorithmOid()
                    + " is not id-TA-ECDSA; the SmartCard-HSM signs its certificates with ECDSA");
        }
        if (!signer.hasDomainParameters()) {
            throw new CvcFormatException("EC key without domain parameters (81..85)");
        }
        byte[] hash = digest(signer.algorithmOid(), data);
        if (signature.length == 0 || signature.length % 2 != 0) {
            return false;
        }
        Map<Integer, byte[]> parts = signer.parts();
        int half = signature.length / 2;
        return PlainEcdsa.verify(big(parts.get(0x81)), big(parts.get(0x82)), big(parts.get(0x83)),
                point(parts.get(0x84), "base point (84)"), big(parts.get(0x85)), point(signer.point(), "public point (86)"),
                hash, new BigInteger(1, Arrays.copyOfRange(signature, 0, half)),
                new BigInteger(1, Arrays.copyOfRange(signature, half, signature.length)));
    }

    /** The hash named by an id-TA-ECDSA OID over {@code data}. */
    static byte[] digest(String oid, byte[] data) {
        String name = HASHES.get(oid.substring(oid.lastIndexOf('.') + 1));
        if (name == null) {
            throw new CvcFormatException("unknown id-TA-ECDSA variant " + oid);
        }
        try {
            return MessageDigest.getInstance(name).digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always has " + name, e);
        }
    }

    private static BigInteger big(byte[] value) {
        return new BigInteger(1, value);
    }

    private static BigInteger[] point(byte[] encoded, String what) {
        if (encoded.length < 3 || encoded[0] != 0x04 || encoded.length % 2 == 0) {
            throw new CvcFormatException("EC " + what + " is not uncompressed (04 || X || Y)");
        }
        int half = (encoded.length - 1) / 2;
        return new BigInteger[] {big(Arrays.copyOfRange(encoded, 1, 1 + half)),
            big(Arrays.copyOfRange(encoded, 1 + half, encoded.length))};
    }
}
