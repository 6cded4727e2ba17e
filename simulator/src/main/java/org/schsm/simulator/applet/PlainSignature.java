package org.schsm.simulator.applet;

import javacard.framework.ISOException;
import javacard.framework.Util;

/**
 * CV certificates and requests carry ECDSA signatures in the plain TR-03110 form r||s, each
 * value left-padded to the byte length of the curve order; the Java Card API signs in DER
 * {@code 30 {02 r, 02 s}}. This converts one to the other.
 */
final class PlainSignature {
    private static final byte TAG_SEQUENCE = 0x30;
    private static final byte TAG_INTEGER = 0x02;
    private static final short TAG_SIGNATURE = 0x5F37;

    private PlainSignature() {
    }

    /**
     * Writes {@code 5F37 <r||s>} for the DER signature at {@code der}/{@code derOff} to
     * {@code out} at {@code outOff}; returns the offset after it.
     */
    static short append(byte[] der, short derOff, short derLength, short orderLength, byte[] out, short outOff) {
        short pos = Tlv.header(out, outOff, TAG_SIGNATURE, (short) (2 * orderLength));
        Util.arrayFillNonAtomic(out, pos, (short) (2 * orderLength), (byte) 0);
        short end = (short) (derOff + derLength);
        short p = derOff;
        if (der[p] != TAG_SEQUENCE) {
            ISOException.throwIt(Sw.WRONG_DATA);
        }
        p += (der[(short) (p + 1)] & 0x80) != 0 ? (short) (2 + (der[(short) (p + 1)] & 0x7F)) : 2;
        p = integer(der, p, end, orderLength, out, pos);
        integer(der, p, end, orderLength, out, (short) (pos + orderLength));
        return (short) (pos + 2 * orderLength);
    }

    /** Copies one DER INTEGER right-aligned into a field of {@code size} bytes. */
    private static short integer(byte[] der, short p, short end, short size, byte[] out, short field) {
        if ((short) (end - p) < 2 || der[p] != TAG_INTEGER) {
            ISOException.throwIt(Sw.WRONG_DATA);
        }
        short len = (short) (der[(short) (p + 1)] & 0xFF);
        short value = (short) (p + 2);
        while (len > size && der[value] == 0) {
            value++;
            len--;
        }
        if (len > size) {
            ISOException.throwIt(Sw.WRONG_DATA);
        }
        Util.arrayCopyNonAtomic(der, value, out, (short) (field + size - len), len);
        return (short) (value + len);
    }
}
