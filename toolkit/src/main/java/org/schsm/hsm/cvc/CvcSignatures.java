package org.schsm.hsm.cvc;

import java.math.BigInteger;
import java.util.Arrays;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.digests.SHA1Digest;
import org.bouncycastle.crypto.digests.SHA224Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.digests.SHA384Digest;
import org.bouncycastle.crypto.digests.SHA512Digest;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;

/**
 * Signature checks for CV certificates. TR-03110 fixes the hash by the signer's key OID
 * (id-TA-ECDSA-SHA-1 .. -SHA-512 are .2.1 .. .2.5) and writes ECDSA signatures as plain
 * {@code r || s}, each half the length of the order (reference §7.2).
 */
public final class CvcSignatures {
    private CvcSignatures() {
    }

    /**
     * True when {@code signature} over {@code data} verifies with {@code signer}, whose EC domain
     * parameters must be present (see {@link CvPublicKey#withDomainOf}).
     *
     * @throws CvcFormatException for key types other than id-TA-ECDSA
     */
    public static boolean verify(byte[] data, byte[] signature, CvPublicKey signer) {
        if (!signer.isEc()) {
            throw new CvcFormatException("signature algorithm " + signer.algorithmOid()
                    + " is not id-TA-ECDSA; the SmartCard-HSM signs its certificates with ECDSA");
        }
        if (signature.length == 0 || signature.length % 2 != 0) {
            return false;
        }
        Digest digest = digestFor(signer.algorithmOid());
        digest.update(data, 0, data.length);
        byte[] hash = new byte[digest.getDigestSize()];
        digest.doFinal(hash, 0);
        int half = signature.length / 2;
        BigInteger r = new BigInteger(1, Arrays.copyOfRange(signature, 0, half));
        BigInteger s = new BigInteger(1, Arrays.copyOfRange(signature, half, signature.length));
        ECDSASigner verifier = new ECDSASigner();
        verifier.init(false, new ECPublicKeyParameters(signer.ecPoint(), signer.domain()));
        return verifier.verifySignature(hash, r, s);
    }

    /** The hash named by an id-TA-ECDSA OID. */
    static Digest digestFor(String oid) {
        String last = oid.substring(oid.lastIndexOf('.') + 1);
        return switch (last) {
            case "1" -> new SHA1Digest();
            case "2" -> new SHA224Digest();
            case "3" -> new SHA256Digest();
            case "4" -> new SHA384Digest();
            case "5" -> new SHA512Digest();
            default -> throw new CvcFormatException("unknown id-TA-ECDSA variant " + oid);
        };
    }
}
