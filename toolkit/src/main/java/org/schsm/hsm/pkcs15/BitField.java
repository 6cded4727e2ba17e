package org.schsm.hsm.pkcs15;

import org.bouncycastle.asn1.ASN1BitString;
import org.bouncycastle.asn1.DERBitString;

/**
 * PKCS#15 flag sets (object flags, key usage, access flags) as BIT STRINGs: bit i of the int is
 * named bit i of the string, the first bit being the top bit of the first byte. OpenSC writes
 * only as many bits as reach the highest one set (asn1.c {@code encode_bit_field}), so
 * {private, modifiable} is {@code 03 02 06 C0}; this class writes the same.
 */
final class BitField {
    private BitField() {
    }

    static DERBitString encode(int bits) {
        int count = 32 - Integer.numberOfLeadingZeros(bits);
        byte[] data = new byte[(count + 7) / 8];
        for (int i = 0; i < count; i++) {
            if ((bits & (1 << i)) != 0) {
                data[i / 8] |= (byte) (0x80 >>> (i % 8));
            }
        }
        return new DERBitString(data, data.length * 8 - count);
    }

    /** DER bytes of an object built in memory (encoding cannot fail there). */
    static byte[] der(org.bouncycastle.asn1.ASN1Object object) {
        try {
            return object.getEncoded(org.bouncycastle.asn1.ASN1Encoding.DER);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("DER encoding in memory failed", e);
        }
    }

    static int decode(ASN1BitString string) {
        byte[] data = string.getBytes();
        int count = Math.min(32, data.length * 8 - string.getPadBits());
        int bits = 0;
        for (int i = 0; i < count; i++) {
            if ((data[i / 8] & (0x80 >>> (i % 8))) != 0) {
                bits |= 1 << i;
            }
        }
        return bits;
    }
}
