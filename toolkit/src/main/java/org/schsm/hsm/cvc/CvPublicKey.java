package org.schsm.hsm.cvc;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.math.ec.ECCurve;
import org.bouncycastle.math.ec.ECPoint;
import org.schsm.apdu.Hex;
import org.schsm.tlv.Tlv;
import org.schsm.tlv.TlvWriter;

/**
 * The public key template of a CV certificate or request (tag 7F49, BSI TR-03110 part 3 D.3): an
 * algorithm OID (06), then for EC the prime 81, coefficients 82 and 83, base point 84, order 85,
 * public point 86 and cofactor 87; for RSA the modulus 81 and exponent 82.
 *
 * <p>The SmartCard-HSM's device and issuer certificates carry only the OID and the point: the
 * domain parameters are those of the root that signed the chain (docs/keys.md, "Device identity").
 * {@link #withDomainOf(CvPublicKey)} fills them in.
 */
public final class CvPublicKey {
    /** id-TA (0.4.0.127.0.7.2.2.2): RSA keys below .1, ECDSA keys below .2. */
    static final String ID_TA = "0.4.0.127.0.7.2.2.2";
    static final String ID_TA_RSA = ID_TA + ".1";
    static final String ID_TA_ECDSA = ID_TA + ".2";
    /** id-TA-ECDSA-SHA-256 and id-TA-RSA-v1-5-SHA-256, what the SmartCard-HSM uses (reference §2.1). */
    public static final String ID_TA_ECDSA_SHA_256 = ID_TA_ECDSA + ".3";
    public static final String ID_TA_RSA_V1_5_SHA_256 = ID_TA_RSA + ".2";

    /** Curves the SmartCard-HSM and pico-hsm offer, tried in this order to name a parameter set. */
    private static final String[] KNOWN_CURVES = {"secp256r1", "brainpoolP256r1", "secp384r1", "secp521r1",
        "brainpoolP320r1", "brainpoolP384r1", "brainpoolP512r1", "secp256k1", "secp192r1", "secp224r1",
        "brainpoolP192r1", "brainpoolP224r1", "secp192k1", "secp224k1"};

    private final String oid;
    private final Map<Integer, byte[]> parts;

    private CvPublicKey(String oid, Map<Integer, byte[]> parts) {
        this.oid = oid;
        this.parts = parts;
    }

    /** Decodes the value of a 7F49 data object. */
    public static CvPublicKey decode(Tlv template) {
        if (template.tag() != 0x7F49) {
            throw new CvcFormatException("public key template must have tag 7F49, found " + Tlv.tagHex(template.tag()));
        }
        String oid = null;
        Map<Integer, byte[]> parts = new LinkedHashMap<>();
        for (Tlv child : template.children()) {
            if (child.tag() == 0x06) {
                oid = oidString(child.value());
            } else if (child.tag() >= 0x81 && child.tag() <= 0x87) {
                parts.put(child.tag(), child.value());
            }
        }
        if (oid == null) {
            throw new CvcFormatException("public key template 7F49 has no algorithm OID (06)");
        }
        return new CvPublicKey(oid, parts);
    }

    /** An EC key for {@code domain} with point {@code q}, every domain element at its full field width. */
    public static CvPublicKey ec(String oid, ECDomainParameters domain, ECPoint q) {
        int size = (domain.getCurve().getFieldSize() + 7) / 8;
        Map<Integer, byte[]> parts = new LinkedHashMap<>();
        parts.put(0x81, fixed(domain.getCurve().getField().getCharacteristic(), size));
        parts.put(0x82, fixed(domain.getCurve().getA().toBigInteger(), size));
        parts.put(0x83, fixed(domain.getCurve().getB().toBigInteger(), size));
        parts.put(0x84, domain.getG().getEncoded(false));
        parts.put(0x85, fixed(domain.getN(), size));
        parts.put(0x86, q.getEncoded(false));
        parts.put(0x87, unsigned(domain.getH()));
        return new CvPublicKey(oid, parts);
    }

    /** The template bytes (7F49 with its value), elements in tag order. */
    public byte[] encode() {
        TlvWriter w = new TlvWriter().begin(0x7F49);
        w.add(0x06, oidBytes(oid));
        parts.forEach(w::add);
        return w.end().toByteArray();
    }

    public String algorithmOid() {
        return oid;
    }

    public boolean isEc() {
        return oid.startsWith(ID_TA_ECDSA + ".");
    }

    public boolean isRsa() {
        return oid.startsWith(ID_TA_RSA + ".");
    }

    /** True when the EC domain parameters 81..85 are all present. */
    public boolean hasDomainParameters() {
        return parts.keySet().containsAll(java.util.List.of(0x81, 0x82, 0x83, 0x84, 0x85));
    }

    /** This key with the EC domain parameters of {@code source} where its own are missing. */
    public CvPublicKey withDomainOf(CvPublicKey source) {
        if (!isEc() || hasDomainParameters() || !source.hasDomainParameters()) {
            return this;
        }
        Map<Integer, byte[]> merged = new LinkedHashMap<>();
        for (int tag = 0x81; tag <= 0x87; tag++) {
            byte[] own = parts.get(tag);
            byte[] value = own != null ? own : tag == 0x86 ? null : source.parts.get(tag);
            if (value != null) {
                merged.put(tag, value);
            }
        }
        return new CvPublicKey(oid, merged);
    }

    /** Raw element by tag (81..87), copied. */
    public Optional<byte[]> part(int tag) {
        byte[] v = parts.get(tag);
        return v == null ? Optional.empty() : Optional.of(v.clone());
    }

    public Map<Integer, byte[]> parts() {
        Map<Integer, byte[]> copy = new LinkedHashMap<>();
        parts.forEach((k, v) -> copy.put(k, v.clone()));
        return Collections.unmodifiableMap(copy);
    }

    /** The EC public point (86), encoded {@code 04 || X || Y}. */
    public byte[] point() {
        byte[] q = parts.get(0x86);
        if (q == null) {
            throw new CvcFormatException("EC public key template has no public point (86)");
        }
        return q.clone();
    }

    /** The EC domain parameters; needs 81..85 (see {@link #withDomainOf}). */
    public ECDomainParameters domain() {
        if (!isEc()) {
            throw new CvcFormatException("not an EC key: " + oid);
        }
        if (!hasDomainParameters()) {
            throw new CvcFormatException("EC key without domain parameters (81..85)");
        }
        BigInteger p = positive(parts.get(0x81));
        BigInteger a = positive(parts.get(0x82));
        BigInteger b = positive(parts.get(0x83));
        BigInteger n = positive(parts.get(0x85));
        BigInteger h = parts.containsKey(0x87) ? positive(parts.get(0x87)) : BigInteger.ONE;
        ECCurve curve = new ECCurve.Fp(p, a, b, n, h);
        try {
            return new ECDomainParameters(curve, curve.decodePoint(parts.get(0x84)), n, h);
        } catch (IllegalArgumentException e) {
            throw new CvcFormatException("EC base point (84) is not on the curve", e);
        }
    }

    /** The public point as a point on {@link #domain()}. */
    public ECPoint ecPoint() {
        try {
            return domain().getCurve().decodePoint(point());
        } catch (IllegalArgumentException e) {
            throw new CvcFormatException("EC public point (86) is not on the curve", e);
        }
    }

    /** The curve's name when the parameters are one of the curves we know, e.g. {@code secp256r1}. */
    public Optional<String> curveName() {
        if (!isEc() || !hasDomainParameters()) {
            return Optional.empty();
        }
        BigInteger p = positive(parts.get(0x81));
        BigInteger n = positive(parts.get(0x85));
        BigInteger a = positive(parts.get(0x82));
        for (String name : KNOWN_CURVES) {
            X9ECParameters known = CustomNamedCurves.getByName(name);
            if (known == null) {
                known = org.bouncycastle.asn1.x9.ECNamedCurveTable.getByName(name);
            }
            if (known != null && known.getCurve().getField().getCharacteristic().equals(p)
                    && known.getN().equals(n) && known.getCurve().getA().toBigInteger().equals(a)) {
                return Optional.of(name);
            }
        }
        return Optional.empty();
    }

    /** Key size in bits: the field size for EC, the modulus length for RSA; 0 when unknown. */
    public int sizeBits() {
        byte[] first = parts.get(0x81);
        return first == null ? 0 : positive(first).bitLength();
    }

    static BigInteger positive(byte[] bytes) {
        return new BigInteger(1, bytes);
    }

    static byte[] fixed(BigInteger value, int size) {
        byte[] raw = value.toByteArray();
        if (raw.length == size) {
            return raw;
        }
        byte[] out = new byte[size];
        if (raw.length > size) {
            System.arraycopy(raw, raw.length - size, out, 0, size);
        } else {
            System.arraycopy(raw, 0, out, size - raw.length, raw.length);
        }
        return out;
    }

    static byte[] unsigned(BigInteger value) {
        byte[] raw = value.toByteArray();
        return raw.length > 1 && raw[0] == 0 ? Arrays.copyOfRange(raw, 1, raw.length) : raw;
    }

    static String oidString(byte[] content) {
        try {
            return ASN1ObjectIdentifier.fromContents(content).getId();
        } catch (IllegalArgumentException e) {
            throw new CvcFormatException("malformed object identifier " + Hex.encode(content), e);
        }
    }

    static byte[] oidBytes(String oid) {
        try {
            byte[] der = new ASN1ObjectIdentifier(oid).getEncoded();
            return Arrays.copyOfRange(der, 2, der.length);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return "CvPublicKey[" + oid + (isEc() ? ", " + curveName().orElse("EC") : "") + "]";
    }
}
