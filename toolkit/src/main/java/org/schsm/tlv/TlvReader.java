package org.schsm.tlv;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Parses BER-TLV as ISO 7816-4 uses it: tags of one or more bytes, definite lengths in short
 * form or long form {@code 81 xx}, {@code 82 xxxx}, {@code 83 xxxxxx}. Constructed objects are
 * parsed recursively. Offsets in errors count from the start of the outermost input.
 */
public final class TlvReader {
    private static final int MAX_TAG_BYTES = 4;

    private final byte[] data;

    private TlvReader(byte[] data) {
        this.data = data;
    }

    /** Every data object in {@code data}, in order. */
    public static List<Tlv> readAll(byte[] data) {
        return new TlvReader(data).readRange(0, data.length);
    }

    /** Exactly one data object; trailing bytes are an error. */
    public static Tlv readOne(byte[] data) {
        TlvReader r = new TlvReader(data);
        int[] end = new int[1];
        Tlv t = r.readObject(0, data.length, end);
        if (end[0] != data.length) {
            throw new TlvFormatException((data.length - end[0]) + " bytes follow the data object", end[0]);
        }
        return t;
    }

    /** Follows a tag path such as {@code 62/85} from the top level of {@code data}. */
    public static Optional<Tlv> find(byte[] data, String path) {
        return TlvPath.follow(readAll(data), path);
    }

    private List<Tlv> readRange(int from, int to) {
        List<Tlv> out = new ArrayList<>();
        int[] end = {from};
        while (end[0] < to) {
            out.add(readObject(end[0], to, end));
        }
        return out;
    }

    /** Reads one object starting at {@code pos}, not past {@code limit}; stores its end in end[0]. */
    private Tlv readObject(int pos, int limit, int[] end) {
        int tagStart = pos;
        if (pos >= limit) {
            throw new TlvFormatException("data object expected but the input ends", pos);
        }
        int tag = data[pos++] & 0xFF;
        if ((tag & 0x1F) == 0x1F) {
            int b;
            do {
                if (pos >= limit) {
                    throw new TlvFormatException("tag is truncated: a subsequent tag byte is missing", pos);
                }
                if (pos - tagStart >= MAX_TAG_BYTES) {
                    throw new TlvFormatException("tag longer than " + MAX_TAG_BYTES + " bytes", tagStart);
                }
                b = data[pos++] & 0xFF;
                tag = (tag << 8) | b;
            } while ((b & 0x80) != 0);
        }
        int lengthStart = pos;
        if (pos >= limit) {
            throw new TlvFormatException("length of tag " + Tlv.tagHex(tag) + " is missing", pos);
        }
        int first = data[pos++] & 0xFF;
        int length;
        if (first < 0x80) {
            length = first;
        } else if (first == 0x80) {
            throw new TlvFormatException("indefinite length (80) is not allowed here", lengthStart);
        } else {
            int count = first & 0x7F;
            if (count > 3) {
                throw new TlvFormatException("length field " + Integer.toHexString(first).toUpperCase()
                        + " announces " + count + " length bytes; at most 3 (83 xxxxxx) are supported", lengthStart);
            }
            if (pos + count > limit) {
                throw new TlvFormatException("length field of tag " + Tlv.tagHex(tag) + " is truncated", lengthStart);
            }
            length = 0;
            for (int i = 0; i < count; i++) {
                length = (length << 8) | (data[pos++] & 0xFF);
            }
        }
        if (length > limit - pos) {
            throw new TlvFormatException("value of tag " + Tlv.tagHex(tag) + " is truncated: length " + length
                    + " but only " + (limit - pos) + " bytes remain", lengthStart);
        }
        int valueEnd = pos + length;
        end[0] = valueEnd;
        byte[] value = Arrays.copyOfRange(data, pos, valueEnd);
        // Children are parsed in place so errors inside carry offsets of the whole input.
        List<Tlv> children = Tlv.isConstructedTag(tag) ? List.copyOf(readRange(pos, valueEnd)) : List.of();
        return Tlv.parsed(tag, value, children);
    }
}
