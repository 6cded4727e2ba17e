package org.schsm.hsm.cvc;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.schsm.apdu.Hex;
import org.schsm.tlv.Tlv;
import org.schsm.tlv.TlvWriter;

/**
 * The public key template of a CV certificate or request (tag 7F49, BSI TR-03110 part 3 D.3): an
 * algorithm OID (06), then for EC the prime 81, coefficients 82 and 83, base point 84, order 85,
 * public point 86 and cofactor 87; for RSA the modulus 81 and exponent 82.
 *
 * <p>This class uses no cryptographic library, so reading certificates loads none (Bouncy
 * Castle's signed jar costs a noticeable share of a command's start-up to verify).
 *
 * <p>The SmartCard-HSM's device and issuer certificates carry only the OID and the point: the
 * domain parameters are those of the root that signed the chain (docs/keys.md §7).
 * {@link #withDomainOf(CvPublicKey)} fills them in.
 */
public final class CvPublicKey {
    /** id-TA (0.4.0.127.0.7.2.2.2): RSA keys below .1, ECDSA keys below .2. */
    static final String ID_TA = "0.4.0.127.0.7.2.2.2";
    static final String ID_TA_RSA = ID_TA + ".1";
    static final String ID_TA_ECDSA = ID_TA + ".2";
    /** id-TA-ECDSA-SHA-256 and id-TA-RSA-v1-5-SHA-256, what the SmartCard-HSM uses (keys.md §2.1). */
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

    /** An EC key template from its parts (tags 81..87), e.g. built by {@link EcCurves#template}. */
    static CvPublicKey of(String oid, Map<Integer, byte[]> parts) {
        return new CvPublicKey(oid, new LinkedHashMap<>(parts));
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

    /**
     * The curve's name when the prime is one of the curves we know, e.g. {@code secp256r1}. The
     * primes of these curves differ, so the prime names the curve; the other parameters are checked
     * where they matter, when a signature is verified ({@link CvcSignatures}).
     */
    public Optional<String> curveName() {
        if (!isEc() || !hasDomainParameters()) {
            return Optional.empty();
        }
        BigInteger p = positive(parts.get(0x81));
        for (String name : KNOWN_CURVES) {
            if (p.equals(PRIMES.get(name))) {
                return Optional.of(name);
            }
        }
        return Optional.empty();
    }

    /** The field primes of {@link #KNOWN_CURVES} (SEC 2, RFC 5639), to find a curve without building all. */
    private static final Map<String, BigInteger> PRIMES = Map.ofEntries(
            Map.entry("secp256r1", hex("FFFFFFFF00000001000000000000000000000000FFFFFFFFFFFFFFFFFFFFFFFF")),
            Map.entry("brainpoolP256r1", hex("A9FB57DBA1EEA9BC3E660A909D838D726E3BF623D52620282013481D1F6E5377")),
            Map.entry("secp384r1", hex("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEFFFFFFFF0000000000000000FFFFFFFF")),
            Map.entry("secp521r1", BigInteger.ONE.shiftLeft(521).subtract(BigInteger.ONE)),
            Map.entry("brainpoolP320r1", hex("D35E472036BC4FB7E13C785ED201E065F98FCFA6F6F40DEF4F92B9EC7893EC28FCD412B1F1B32E27")),
            Map.entry("brainpoolP384r1", hex("8CB91E82A3386D280F5D6F7E50E641DF152F7109ED5456B412B1DA197FB71123ACD3A729901D1A71874700133107EC53")),
            Map.entry("brainpoolP512r1", hex("AADD9DB8DBE9C48B3FD4E6AE33C9FC07CB308DB3B3C9D20ED6639CCA703308717D4D9B009BC66842AECDA12AE6A380E62881FF2F2D82C68528AA6056583A48F3")),
            Map.entry("secp256k1", hex("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEFFFFFC2F")),
            Map.entry("secp192r1", hex("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEFFFFFFFFFFFFFFFF")),
            Map.entry("secp224r1", hex("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF000000000000000000000001")),
            Map.entry("brainpoolP192r1", hex("C302F41D932A36CDA7A3463093D18DB78FCE476DE1A86297")),
            Map.entry("brainpoolP224r1", hex("D7C134AA264366862A18302575D1D787B09F075797DA89F57EC8C0FF")),
            Map.entry("secp192k1", hex("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEFFFFEE37")),
            Map.entry("secp224k1", hex("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEFFFFE56D")));

    /** For tests: the prime recorded for {@code name}. */
    static BigInteger knownPrime(String name) {
        return PRIMES.get(name);
    }

    static String[] knownCurves() {
        return KNOWN_CURVES.clone();
    }

    private static BigInteger hex(String digits) {
        return new BigInteger(digits, 16);
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

    /** Dotted form of an OID's content bytes (X.690 8.19), without loading an ASN.1 library. */
    static String oidString(byte[] content) {
        if (content.length == 0 || (content[content.length - 1] & 0x80) != 0) {
            throw new CvcFormatException("malformed object identifier " + Hex.encode(content));
        }
        StringBuilder sb = new StringBuilder();
        long value = 0;
        boolean first = true;
        for (byte b : content) {
            value = (value << 7) | (b & 0x7F);
            if (value > Long.MAX_VALUE >> 7) {
                throw new CvcFormatException("object identifier arc too large in " + Hex.encode(content));
            }
            if ((b & 0x80) == 0) {
                if (first) {
                    int top = value < 40 ? 0 : value < 80 ? 1 : 2;
                    sb.append(top).append('.').append(value - 40L * top);
                    first = false;
                } else {
                    sb.append('.').append(value);
                }
                value = 0;
            }
        }
        return sb.toString();
    }

    /** Content bytes of a dotted OID (X.690 8.19). */
    public static byte[] oidBytes(String oid) {
        String[] arcs = oid.split("\\.");
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        long first = Long.parseLong(arcs[0]) * 40 + Long.parseLong(arcs[1]);
        writeArc(out, first);
        for (int i = 2; i < arcs.length; i++) {
            writeArc(out, Long.parseLong(arcs[i]));
        }
        return out.toByteArray();
    }

    private static void writeArc(java.io.ByteArrayOutputStream out, long value) {
        int groups = 1;
        while (value >>> (7 * groups) != 0) {
            groups++;
        }
        for (int g = groups - 1; g >= 0; g--) {
            int b = (int) ((value >>> (7 * g)) & 0x7F);
            out.write(g == 0 ? b : b | 0x80);
        }
    }

    @Override
    public String toString() {
        return "CvPublicKey[" + oid + (isEc() ? ", " + curveName().orElse("EC") : "") + "]";
    }
}
