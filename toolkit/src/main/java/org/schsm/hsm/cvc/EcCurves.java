package org.schsm.hsm.cvc;

import java.util.LinkedHashMap;
import java.util.Map;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.math.ec.ECPoint;
import org.schsm.InvalidInputException;

/**
 * EC domain parameters of CV public keys as Bouncy Castle objects, and key templates built from
 * them. Kept apart from {@link CvPublicKey} so that only code doing EC arithmetic loads Bouncy
 * Castle.
 */
public final class EcCurves {
    private EcCurves() {
    }

    /**
     * A 7F49 template for {@code domain}: 81 p, 82 a, 83 b, 84 G, 85 n (each at the field width, the
     * order at its own when longer), 86 {@code q} unless null, 87 cofactor (minimal bytes) — the
     * layout of the SmartCard-HSM's requests and OpenSC's curve table (keys.md §2.1).
     */
    public static CvPublicKey template(String oid, ECDomainParameters domain, ECPoint q) {
        int size = (domain.getCurve().getFieldSize() + 7) / 8;
        Map<Integer, byte[]> parts = new LinkedHashMap<>();
        parts.put(0x81, CvPublicKey.fixed(domain.getCurve().getField().getCharacteristic(), size));
        parts.put(0x82, CvPublicKey.fixed(domain.getCurve().getA().toBigInteger(), size));
        parts.put(0x83, CvPublicKey.fixed(domain.getCurve().getB().toBigInteger(), size));
        parts.put(0x84, domain.getG().getEncoded(false));
        parts.put(0x85, CvPublicKey.fixed(domain.getN(), Math.max(size, (domain.getN().bitLength() + 7) / 8)));
        if (q != null) {
            parts.put(0x86, q.getEncoded(false));
        }
        parts.put(0x87, CvPublicKey.unsigned(domain.getH()));
        return CvPublicKey.of(oid, parts);
    }

    /** The template of a named curve without a public point: what a key generation request carries. */
    public static CvPublicKey namedTemplate(String oid, String curve) {
        X9ECParameters x9 = ECNamedCurveTable.getByName(curve);
        if (x9 == null) {
            throw new InvalidInputException("Bouncy Castle does not know curve " + curve);
        }
        return template(oid, new ECDomainParameters(x9.getCurve(), x9.getG(), x9.getN(), x9.getH()), null);
    }


    /**
     * The key as a JCA public key whose encoding is an X.509 SubjectPublicKeyInfo, EC keys with
     * their named-curve OID (what {@code openssl dgst -verify} and PEM files expect).
     */
    public static java.security.PublicKey jcaPublicKey(CvPublicKey key) {
        try {
            if (key.isRsa()) {
                return java.security.KeyFactory.getInstance("RSA").generatePublic(new java.security.spec.RSAPublicKeySpec(
                        CvPublicKey.positive(key.part(0x81).orElseThrow()), CvPublicKey.positive(key.part(0x82).orElseThrow())));
            }
            String name = key.curveName().orElseThrow(() -> new CvcFormatException("EC key on a curve the toolkit does not name"));
            org.bouncycastle.jce.spec.ECNamedCurveParameterSpec spec =
                    org.bouncycastle.jce.ECNamedCurveTable.getParameterSpec(name);
            java.security.Provider bc = new org.bouncycastle.jce.provider.BouncyCastleProvider();
            return java.security.KeyFactory.getInstance("EC", bc).generatePublic(
                    new org.bouncycastle.jce.spec.ECPublicKeySpec(spec.getCurve().decodePoint(key.point()), spec));
        } catch (java.security.GeneralSecurityException | java.util.NoSuchElementException e) {
            throw new CvcFormatException("public key is not usable: " + e.getMessage(), e);
        }
    }
}
