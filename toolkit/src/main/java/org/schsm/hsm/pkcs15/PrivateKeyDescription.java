package org.schsm.hsm.pkcs15;

import java.io.IOException;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1BitString;
import org.bouncycastle.asn1.ASN1Boolean;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1InputStream;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERTaggedObject;
import org.bouncycastle.crypto.digests.SHA1Digest;

/**
 * A PKCS#15 private key description (PrKD) as OpenSC stores it in EF {@code C4<id>} for key
 * {@code CC<id>} (docs/keys.md, "PKCS#15 descriptors"). An RSA key is a plain SEQUENCE, an EC key
 * the same structure under context tag [0] ({@code A0}). Inside: common object attributes
 * (label, flags, authId), common key attributes (id, usage, optional native and access flags,
 * key reference) and, under [1], the path (empty on this card) and the modulus or field size.
 *
 * @param id           the PKCS#15 object id OpenSC matches certificates and public keys by
 * @param usage        PKCS#15 KeyUsageFlags bits, see {@link #USAGE_SIGN} etc.
 * @param accessFlags  PKCS#15 KeyAccessFlags bits; 0 when absent
 * @param keyReference the key id on the card (the low byte of {@code CC<id>}); -1 when absent
 * @param sizeBits     modulus length (RSA) or field size (EC)
 * @param objectFlags  bit 0 private, bit 1 modifiable; -1 when absent
 * @param nativeKey    false only when the descriptor says {@code native FALSE}
 */
public record PrivateKeyDescription(KeyType type, Optional<String> label, byte[] id, int usage, int accessFlags,
        int keyReference, int sizeBits, int objectFlags, Optional<byte[]> authId, boolean nativeKey,
        byte[] path) {

    public static final int USAGE_ENCRYPT = 1;
    public static final int USAGE_DECRYPT = 1 << 1;
    public static final int USAGE_SIGN = 1 << 2;
    public static final int USAGE_SIGN_RECOVER = 1 << 3;
    public static final int USAGE_WRAP = 1 << 4;
    public static final int USAGE_UNWRAP = 1 << 5;
    public static final int USAGE_VERIFY = 1 << 6;
    public static final int USAGE_VERIFY_RECOVER = 1 << 7;
    public static final int USAGE_DERIVE = 1 << 8;
    public static final int USAGE_NON_REPUDIATION = 1 << 9;

    /** The user PIN's PKCS#15 auth id as OpenSC's sc-hsm emulation numbers it. */
    private static final byte[] USER_PIN_AUTH_ID = {0x01};

    public PrivateKeyDescription {
        id = id.clone();
        path = path.clone();
    }

    /**
     * The descriptor OpenSC writes for a key it generated: private and modifiable, protected by the
     * user PIN, empty path. Usage for EC is sign, sign-recover and derive, as on the real device
     * in the reference's wrap file; for RSA sign, sign-recover and decrypt.
     */
    public static PrivateKeyDescription forKey(KeyType type, String label, byte[] id, int keyReference, int sizeBits) {
        int usage = type == KeyType.EC ? USAGE_SIGN | USAGE_SIGN_RECOVER | USAGE_DERIVE
                : USAGE_SIGN | USAGE_SIGN_RECOVER | USAGE_DECRYPT;
        return new PrivateKeyDescription(type, Optional.ofNullable(label), id, usage, 0, keyReference, sizeBits,
                CommonObject.PRIVATE | CommonObject.MODIFIABLE, Optional.of(USER_PIN_AUTH_ID), true, new byte[0]);
    }

    /**
     * OpenSC's object id for a public key (pkcs15-lib.c, "Mozilla" id style, its default): SHA-1 of
     * the X coordinate for EC ({@code point} is {@code 04 || X || Y}), SHA-1 of the modulus for RSA.
     */
    public static byte[] intrinsicId(KeyType type, byte[] pointOrModulus) {
        SHA1Digest sha1 = new SHA1Digest();
        if (type == KeyType.EC) {
            sha1.update(pointOrModulus, 1, (pointOrModulus.length - 1) / 2);
        } else {
            byte[] m = new BigInteger(1, pointOrModulus).toByteArray();
            int skip = m.length > 1 && m[0] == 0 ? 1 : 0;
            sha1.update(m, skip, m.length - skip);
        }
        byte[] out = new byte[20];
        sha1.doFinal(out, 0);
        return out;
    }

    /** Decodes the first data object of {@code data}; bytes after it (file padding) are ignored. */
    public static PrivateKeyDescription decode(byte[] data) {
        ASN1Primitive top;
        try (ASN1InputStream in = new ASN1InputStream(data)) {
            top = in.readObject();
        } catch (IOException | RuntimeException e) {
            throw new Pkcs15FormatException("PrKD is not valid DER: " + e.getMessage(), e);
        }
        if (top == null) {
            throw new Pkcs15FormatException("PrKD is empty");
        }
        try {
            KeyType type;
            ASN1Sequence object;
            if (top instanceof ASN1TaggedObject tagged && tagged.getTagNo() == 0) {
                type = KeyType.EC;
                object = ASN1Sequence.getInstance(tagged, false);
            } else if (top instanceof ASN1Sequence seq) {
                type = KeyType.RSA;
                object = seq;
            } else {
                throw new Pkcs15FormatException("PrKD starts with " + HexFormat.of().toHexDigits(data[0])
                        + "; expected 30 (RSA key) or A0 (EC key)");
            }
            return decodeObject(type, object);
        } catch (IllegalArgumentException | ClassCastException e) {
            throw new Pkcs15FormatException("PrKD does not have PKCS#15's structure: " + e.getMessage(), e);
        }
    }

    private static PrivateKeyDescription decodeObject(KeyType type, ASN1Sequence object) {
        if (object.size() < 3) {
            throw new Pkcs15FormatException("PrKD has " + object.size()
                    + " elements; expected common object, common key and type attributes");
        }
        CommonObject common = CommonObject.decode(object.getObjectAt(0));
        ASN1Sequence key = ASN1Sequence.getInstance(object.getObjectAt(1));
        byte[] id = null;
        int usage = 0;
        int accessFlags = 0;
        int bitStrings = 0;
        int keyReference = -1;
        boolean nativeKey = true;
        for (ASN1Encodable e : key) {
            if (e instanceof ASN1OctetString o && id == null) {
                id = o.getOctets();
            } else if (e instanceof ASN1BitString b) {
                if (bitStrings++ == 0) {
                    usage = BitField.decode(b);
                } else {
                    accessFlags = BitField.decode(b);
                }
            } else if (e instanceof ASN1Boolean b) {
                nativeKey = b.isTrue();
            } else if (e instanceof ASN1Integer i) {
                keyReference = i.intValueExact();
            }
        }
        if (id == null) {
            throw new Pkcs15FormatException("PrKD has no key id (OCTET STRING in the common key attributes)");
        }
        ASN1TaggedObject typeAttributes = null;
        for (int i = 2; i < object.size(); i++) {
            if (object.getObjectAt(i) instanceof ASN1TaggedObject t && t.getTagNo() == 1) {
                typeAttributes = t;
            }
        }
        if (typeAttributes == null) {
            throw new Pkcs15FormatException("PrKD has no type attributes ([1])");
        }
        ASN1Sequence attributes = ASN1Sequence.getInstance(typeAttributes.getExplicitBaseObject());
        byte[] path = ASN1OctetString.getInstance(ASN1Sequence.getInstance(attributes.getObjectAt(0)).getObjectAt(0))
                .getOctets();
        int size = 0;
        if (attributes.size() > 1 && attributes.getObjectAt(1) instanceof ASN1Integer i) {
            size = i.intValueExact();
        }
        return new PrivateKeyDescription(type, common.label(), id, usage, accessFlags, keyReference, size,
                common.flags(), common.authId(), nativeKey, path);
    }

    /** DER, with OpenSC's choices: optional elements only when set, minimal bit strings. */
    public byte[] encode() {
        ASN1EncodableVector key = new ASN1EncodableVector();
        key.add(new DEROctetString(id));
        key.add(BitField.encode(usage));
        if (!nativeKey) {
            key.add(ASN1Boolean.FALSE);
        }
        if (accessFlags != 0) {
            key.add(BitField.encode(accessFlags));
        }
        if (keyReference >= 0) {
            key.add(new ASN1Integer(keyReference));
        }
        ASN1EncodableVector attributes = new ASN1EncodableVector();
        attributes.add(new DERSequence(new DEROctetString(path)));
        attributes.add(new ASN1Integer(sizeBits));
        ASN1EncodableVector object = new ASN1EncodableVector();
        object.add(new CommonObject(label, objectFlags, authId).encode());
        object.add(new DERSequence(key));
        object.add(new DERTaggedObject(true, 1, new DERSequence(attributes)));
        return BitField.der(type == KeyType.EC ? new DERTaggedObject(false, 0, new DERSequence(object))
                : new DERSequence(object));
    }

    @Override
    public byte[] id() {
        return id.clone();
    }

    @Override
    public byte[] path() {
        return path.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PrivateKeyDescription p && Arrays.equals(encode(), p.encode());
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(encode());
    }

    @Override
    public String toString() {
        return "PrivateKeyDescription[" + type + " " + sizeBits + " bits, label=" + label.orElse("") + ", ref="
                + keyReference + ", id=" + HexFormat.of().formatHex(id) + "]";
    }
}
