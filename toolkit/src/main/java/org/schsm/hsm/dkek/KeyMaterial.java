package org.schsm.hsm.dkek;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.ECFieldFp;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.EllipticCurve;
import java.security.spec.RSAPrivateCrtKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.bouncycastle.math.ec.ECCurve;
import org.schsm.hsm.pkcs15.KeyType;

/**
 * The plaintext inside a key blob (keys.md §6.2): after 8 random bytes, the key size (2 bytes,
 * bits) and the components, each with a 2-byte length. EC (type 0C): a, b, p, order n, base point
 * G, private d, public Q, every number at the full field width as the real card writes them. RSA
 * with CRT (06): dP, dQ, p, qInv, q, n, e; plain RSA (05): d, n, e. CardContact's encoder turns
 * RSA keys over 2048 bits into type 05, and so does {@link #of(PrivateKey)}.
 *
 * <p>Holds private key material: {@link #close()} overwrites it and {@link #toString()} shows only
 * type and size.
 */
public final class KeyMaterial implements AutoCloseable {
    static final byte[] OID_ECDSA_SHA_256 = {0x04, 0x00, 0x7F, 0x00, 0x07, 0x02, 0x02, 0x02, 0x02, 0x03};
    static final byte[] OID_RSA_V15_SHA_256 = {0x04, 0x00, 0x7F, 0x00, 0x07, 0x02, 0x02, 0x02, 0x01, 0x02};
    private static final int RSA_CRT_LIMIT_BITS = 2048;

    private final int blobType;
    private final int sizeBits;
    private final List<byte[]> components;

    private KeyMaterial(int blobType, int sizeBits, List<byte[]> components) {
        this.blobType = blobType;
        this.sizeBits = sizeBits;
        this.components = components;
    }

    /** The material of an EC or RSA private key (RSA needs its CRT form). */
    public static KeyMaterial of(PrivateKey key) {
        if (key instanceof ECPrivateKey ec) {
            return ec(ec);
        }
        if (key instanceof RSAPrivateCrtKey rsa) {
            return rsa(rsa);
        }
        throw new org.schsm.InvalidInputException("only EC and RSA (CRT) private keys can be wrapped; this is "
                + key.getAlgorithm());
    }

    private static KeyMaterial ec(ECPrivateKey key) {
        ECParameterSpec spec = key.getParams();
        if (!(spec.getCurve().getField() instanceof ECFieldFp field)) {
            throw new org.schsm.InvalidInputException("only EC keys over prime fields can be wrapped");
        }
        BigInteger p = field.getP();
        int size = (p.bitLength() + 7) / 8;
        BigInteger a = spec.getCurve().getA();
        BigInteger b = spec.getCurve().getB();
        BigInteger n = spec.getOrder();
        ECPoint g = spec.getGenerator();
        ECCurve curve = new ECCurve.Fp(p, a, b, n, BigInteger.valueOf(spec.getCofactor()));
        org.bouncycastle.math.ec.ECPoint q = curve.createPoint(g.getAffineX(), g.getAffineY())
                .multiply(key.getS()).normalize();
        List<byte[]> parts = new ArrayList<>();
        parts.add(fixed(a, size));
        parts.add(fixed(b, size));
        parts.add(fixed(p, size));
        parts.add(fixed(n, (n.bitLength() + 7) / 8));
        parts.add(point(g.getAffineX(), g.getAffineY(), size));
        parts.add(fixed(key.getS(), size));
        parts.add(point(q.getAffineXCoord().toBigInteger(), q.getAffineYCoord().toBigInteger(), size));
        return new KeyMaterial(KeyBlob.TYPE_EC, p.bitLength(), parts);
    }

    private static KeyMaterial rsa(RSAPrivateCrtKey key) {
        BigInteger n = key.getModulus();
        int bits = n.bitLength();
        int size = (bits + 7) / 8;
        List<byte[]> parts = new ArrayList<>();
        if (bits > RSA_CRT_LIMIT_BITS) {
            parts.add(fixed(key.getPrivateExponent(), size));
            parts.add(fixed(n, size));
            parts.add(unsigned(key.getPublicExponent()));
            return new KeyMaterial(KeyBlob.TYPE_RSA, bits, parts);
        }
        int half = (size + 1) / 2;
        parts.add(fixed(key.getPrimeExponentP(), half));
        parts.add(fixed(key.getPrimeExponentQ(), half));
        parts.add(fixed(key.getPrimeP(), half));
        parts.add(fixed(key.getCrtCoefficient(), half));
        parts.add(fixed(key.getPrimeQ(), half));
        parts.add(fixed(n, size));
        parts.add(unsigned(key.getPublicExponent()));
        return new KeyMaterial(KeyBlob.TYPE_RSA_CRT, bits, parts);
    }

    /** Reads the decrypted blob content (random prefix, size, components, {@code 80 00..}). */
    static KeyMaterial decode(int type, byte[] plain) {
        int count = switch (type) {
            case KeyBlob.TYPE_RSA -> 3;
            case KeyBlob.TYPE_RSA_CRT, KeyBlob.TYPE_EC -> 7;
            default -> throw new KeyBlobException("key blob holds key type " + type
                    + "; only RSA (05, 06) and EC (0C) keys are supported");
        };
        ByteBuffer in = ByteBuffer.wrap(plain);
        in.position(8);
        int size = in.getShort() & 0xFFFF;
        List<byte[]> parts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            if (in.remaining() < 2) {
                throw new KeyBlobException("decrypted key blob ends before component " + (i + 1) + " of " + count);
            }
            int length = in.getShort() & 0xFFFF;
            if (length > in.remaining()) {
                throw new KeyBlobException("decrypted key blob's component " + (i + 1) + " is truncated");
            }
            byte[] c = new byte[length];
            in.get(c);
            parts.add(c);
        }
        if (!in.hasRemaining() || in.get() != (byte) 0x80) {
            throw new KeyBlobException("decrypted key blob does not end with 80 00.. padding");
        }
        while (in.hasRemaining()) {
            if (in.get() != 0) {
                throw new KeyBlobException("decrypted key blob's padding has non-zero bytes after 80");
            }
        }
        return new KeyMaterial(type, size, parts);
    }

    /** {@code random8 || size || components}, unpadded. The caller clears the result. */
    byte[] encode(byte[] random8) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(random8);
        out.write(sizeBits >> 8);
        out.write(sizeBits);
        for (byte[] c : components) {
            out.write(c.length >> 8);
            out.write(c.length);
            out.writeBytes(c);
        }
        return out.toByteArray();
    }

    int blobType() {
        return blobType;
    }

    byte[] defaultAlgorithm() {
        return blobType == KeyBlob.TYPE_EC ? OID_ECDSA_SHA_256.clone() : OID_RSA_V15_SHA_256.clone();
    }

    public KeyType keyType() {
        return blobType == KeyBlob.TYPE_EC ? KeyType.EC : KeyType.RSA;
    }

    /** Field size (EC) or modulus length (RSA) in bits, as the blob states it. */
    public int sizeBits() {
        return sizeBits;
    }

    /** The EC public point {@code 04 || X || Y}, or the RSA modulus. */
    public byte[] publicValue() {
        return switch (blobType) {
            case KeyBlob.TYPE_EC -> components.get(6).clone();
            case KeyBlob.TYPE_RSA_CRT -> components.get(5).clone();
            default -> components.get(1).clone();
        };
    }

    /** The public key as a JCA key. */
    public PublicKey publicKey() {
        try {
            if (blobType == KeyBlob.TYPE_EC) {
                return KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(
                        decodePoint(components.get(6)), ecSpec()));
            }
            return KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(modulus(), exponent()));
        } catch (GeneralSecurityException e) {
            throw new KeyBlobException("key blob's public key is not usable: " + e.getMessage());
        }
    }

    /** The private key as a JCA key (for tests and for re-wrapping under another DKEK). */
    public PrivateKey privateKey() {
        try {
            if (blobType == KeyBlob.TYPE_EC) {
                return KeyFactory.getInstance("EC").generatePrivate(new ECPrivateKeySpec(big(5), ecSpec()));
            }
            if (blobType == KeyBlob.TYPE_RSA) {
                return KeyFactory.getInstance("RSA").generatePrivate(
                        new java.security.spec.RSAPrivateKeySpec(big(1), big(0)));
            }
            BigInteger p = big(2);
            BigInteger q = big(4);
            BigInteger e = exponent();
            BigInteger lambda = p.subtract(BigInteger.ONE).multiply(q.subtract(BigInteger.ONE))
                    .divide(p.subtract(BigInteger.ONE).gcd(q.subtract(BigInteger.ONE)));
            return KeyFactory.getInstance("RSA").generatePrivate(new RSAPrivateCrtKeySpec(modulus(), e,
                    e.modInverse(lambda), p, q, big(0), big(1), big(3)));
        } catch (GeneralSecurityException | ArithmeticException e) {
            throw new KeyBlobException("key blob's private key is not usable: " + e.getMessage());
        }
    }

    private ECParameterSpec ecSpec() {
        BigInteger p = big(2);
        EllipticCurve curve = new EllipticCurve(new ECFieldFp(p), big(0), big(1));
        return new ECParameterSpec(curve, decodePoint(components.get(4)), big(3), 1);
    }

    private static ECPoint decodePoint(byte[] encoded) {
        if (encoded.length < 3 || encoded[0] != 0x04 || encoded.length % 2 == 0) {
            throw new KeyBlobException("EC point in key blob is not uncompressed (04 || X || Y)");
        }
        int half = (encoded.length - 1) / 2;
        return new ECPoint(new BigInteger(1, Arrays.copyOfRange(encoded, 1, 1 + half)),
                new BigInteger(1, Arrays.copyOfRange(encoded, 1 + half, encoded.length)));
    }

    private BigInteger modulus() {
        return new BigInteger(1, publicValue());
    }

    private BigInteger exponent() {
        return big(components.size() - 1);
    }

    private BigInteger big(int index) {
        return new BigInteger(1, components.get(index));
    }

    /** Component lengths in order, for showing a blob's layout without its values. */
    public List<Integer> componentLengths() {
        return components.stream().map(c -> c.length).toList();
    }

    private static byte[] fixed(BigInteger v, int size) {
        byte[] raw = v.toByteArray();
        byte[] out = new byte[size];
        int copy = Math.min(raw.length, size);
        System.arraycopy(raw, raw.length - copy, out, size - copy, copy);
        Arrays.fill(raw, (byte) 0);
        return out;
    }

    private static byte[] unsigned(BigInteger v) {
        byte[] raw = v.toByteArray();
        return raw.length > 1 && raw[0] == 0 ? Arrays.copyOfRange(raw, 1, raw.length) : raw;
    }

    private static byte[] point(BigInteger x, BigInteger y, int size) {
        byte[] out = new byte[1 + 2 * size];
        out[0] = 0x04;
        System.arraycopy(fixed(x, size), 0, out, 1, size);
        System.arraycopy(fixed(y, size), 0, out, 1 + size, size);
        return out;
    }

    @Override
    public void close() {
        for (byte[] c : components) {
            Arrays.fill(c, (byte) 0);
        }
    }

    @Override
    public String toString() {
        return "KeyMaterial[" + keyType() + " " + sizeBits + " bits]";
    }
}
