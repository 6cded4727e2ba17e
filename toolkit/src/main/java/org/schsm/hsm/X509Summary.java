package org.schsm.hsm;

import java.util.Optional;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.RSAPublicKey;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.schsm.hsm.pkcs15.KeyType;

/** Key type, size and curve of the public key in an X.509 certificate stored in {@code CE<id>}. */
record X509Summary(KeyType type, int sizeBits, Optional<String> curve) {

    /** Null when {@code der} is not a certificate with an EC or RSA key. */
    static X509Summary of(byte[] der) {
        try {
            SubjectPublicKeyInfo spki = Certificate.getInstance(ASN1Primitive.fromByteArray(der))
                    .getSubjectPublicKeyInfo();
            AlgorithmIdentifier alg = spki.getAlgorithm();
            if (alg.getAlgorithm().equals(PKCSObjectIdentifiers.rsaEncryption)) {
                RSAPublicKey rsa = RSAPublicKey.getInstance(spki.parsePublicKey());
                return new X509Summary(KeyType.RSA, rsa.getModulus().bitLength(), Optional.empty());
            }
            if (alg.getAlgorithm().equals(X9ObjectIdentifiers.id_ecPublicKey)
                    && alg.getParameters() instanceof ASN1ObjectIdentifier curveOid) {
                String name = ECNamedCurveTable.getName(curveOid);
                // Bouncy Castle names the two NIST curves by their X9.62 names first.
                name = "prime256v1".equals(name) ? "secp256r1" : "prime192v1".equals(name) ? "secp192r1" : name;
                int bits = ECNamedCurveTable.getByOID(curveOid).getCurve().getFieldSize();
                return new X509Summary(KeyType.EC, bits, Optional.ofNullable(name));
            }
            return null;
        } catch (java.io.IOException | RuntimeException e) {
            return null;
        }
    }
}
