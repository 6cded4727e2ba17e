package org.schsm.hsm.cvc;

import org.schsm.tlv.Tlv;
import org.schsm.tlv.TlvReader;

/**
 * Offsets of data objects in their original bytes. Signatures cover the bytes as the card wrote
 * them, so the signed part is cut from the input rather than re-encoded.
 */
final class RawTlv {
    private RawTlv() {
    }

    /** Tag + length + value size of the object starting at {@code pos}. */
    static int encodedLength(byte[] data, int pos) {
        int p = pos;
        if (p >= data.length) {
            throw new CvcFormatException("data object expected at offset " + pos + " but the input ends");
        }
        if ((data[p++] & 0x1F) == 0x1F) {
            while (p < data.length && (data[p] & 0x80) != 0) {
                p++;
            }
            p++;
        }
        if (p >= data.length) {
            throw new CvcFormatException("data object at offset " + pos + " has no length");
        }
        int first = data[p++] & 0xFF;
        int length = first;
        if (first > 0x80) {
            int count = first & 0x7F;
            if (count > 3 || p + count > data.length) {
                throw new CvcFormatException("bad length field at offset " + (p - 1));
            }
            length = 0;
            for (int i = 0; i < count; i++) {
                length = (length << 8) | (data[p++] & 0xFF);
            }
        } else if (first == 0x80) {
            throw new CvcFormatException("indefinite length at offset " + (p - 1));
        }
        if (length > data.length - p) {
            throw new CvcFormatException("data object at offset " + pos + " announces " + length
                    + " bytes but only " + (data.length - p) + " follow");
        }
        return p + length - pos;
    }

    /** Offset of the first top-level object with {@code tag} in {@code data}. */
    static int find(byte[] data, int tag) {
        int pos = 0;
        while (pos < data.length) {
            int length = encodedLength(data, pos);
            Tlv t = TlvReader.readOne(java.util.Arrays.copyOfRange(data, pos, pos + length));
            if (t.tag() == tag) {
                return pos;
            }
            pos += length;
        }
        throw new CvcFormatException("no data object " + Tlv.tagHex(tag));
    }
}
