package org.schsm.simulator.cvc;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.eac.EACObjectIdentifiers;
import org.bouncycastle.eac.operator.EACSigner;

/**
 * Signs a CV certificate body with ECDSA over SHA-256 and returns the signature in the plain
 * format TR-03110 requires: r and s, each left-padded to the length of the curve order. Bouncy
 * Castle produces that format directly ({@code SHA256withPLAIN-ECDSA}; the JDK has no
 * brainpool curves), so no DER re-encoding is involved (a re-encoding that takes the longer of r and s as field length gets the size wrong
 * whenever both happen to be short).
 */
final class PlainEcdsaSigner implements EACSigner {
    private final Signature signature;
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();

    PlainEcdsaSigner(PrivateKey key) {
        try {
            signature = Signature.getInstance("SHA256withPLAIN-ECDSA", DeviceCertificates.BC);
            signature.initSign(key);
        } catch (GeneralSecurityException e) {
            throw new CvcException("cannot set up ECDSA with SHA-256 for CV certificates: " + e.getMessage(), e);
        }
    }

    @Override
    public ASN1ObjectIdentifier getUsageIdentifier() {
        return EACObjectIdentifiers.id_TA_ECDSA_SHA_256;
    }

    @Override
    public OutputStream getOutputStream() {
        return body;
    }

    @Override
    public byte[] getSignature() {
        try {
            signature.update(body.toByteArray());
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new CvcException("cannot sign the CV certificate body: " + e.getMessage(), e);
        }
    }
}
