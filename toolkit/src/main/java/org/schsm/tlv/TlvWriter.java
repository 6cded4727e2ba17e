package org.schsm.tlv;

import java.io.ByteArrayOutputStream;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Builds BER-TLV with minimal lengths. Nested objects are written with
 * {@link #begin(int)} ... {@link #end()}, so callers never compute a length by hand.
 */
public final class TlvWriter {
    private static final int MAX_LENGTH = 0xFFFFFF;

    private final Deque<ByteArrayOutputStream> open = new ArrayDeque<>();
    private final Deque<Integer> openTags = new ArrayDeque<>();

    public TlvWriter() {
        open.push(new ByteArrayOutputStream());
    }

    /** Appends a primitive (or pre-encoded constructed) object. */
    public TlvWriter add(int tag, byte[] value) {
        write(encode(tag, value));
        return this;
    }

    public TlvWriter add(Tlv tlv) {
        return add(tlv.tag(), tlv.value());
    }

    /** Opens a constructed object; what is added until {@link #end()} becomes its value. */
    public TlvWriter begin(int tag) {
        if (!Tlv.isConstructedTag(tag)) {
            throw new TlvFormatException("tag " + Tlv.tagHex(tag) + " is primitive and cannot be opened", -1);
        }
        openTags.push(tag);
        open.push(new ByteArrayOutputStream());
        return this;
    }

    public TlvWriter end() {
        if (openTags.isEmpty()) {
            throw new IllegalStateException("end() without begin()");
        }
        byte[] inner = open.pop().toByteArray();
        return add(openTags.pop(), inner);
    }

    public byte[] toByteArray() {
        if (!openTags.isEmpty()) {
            throw new IllegalStateException("tag " + Tlv.tagHex(openTags.peek()) + " was opened but never ended");
        }
        return open.peek().toByteArray();
    }

    private void write(byte[] bytes) {
        open.peek().write(bytes, 0, bytes.length);
    }

    public static byte[] encode(int tag, byte[] value) {
        byte[] t = encodeTag(tag);
        byte[] l = encodeLength(value.length);
        byte[] out = new byte[t.length + l.length + value.length];
        System.arraycopy(t, 0, out, 0, t.length);
        System.arraycopy(l, 0, out, t.length, l.length);
        System.arraycopy(value, 0, out, t.length + l.length, value.length);
        return out;
    }

    /** The tag's bytes, checked to form exactly one BER tag (so 0x1F alone or 0x5F80 are refused). */
    public static byte[] encodeTag(int tag) {
        byte[] b = tagBytes(tag);
        boolean multi = (b[0] & 0x1F) == 0x1F;
        boolean valid = multi ? b.length > 1 : b.length == 1;
        for (int i = 1; i < b.length && valid; i++) {
            boolean last = i == b.length - 1;
            valid = ((b[i] & 0x80) == 0) == last;
        }
        if (!valid) {
            throw new TlvFormatException("0x" + Integer.toHexString(tag).toUpperCase() + " is not a valid BER tag", -1);
        }
        return b;
    }

    static byte[] tagBytes(int tag) {
        int n = (tag & 0xFF000000) != 0 ? 4 : (tag & 0xFF0000) != 0 ? 3 : (tag & 0xFF00) != 0 ? 2 : 1;
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (tag >>> (8 * (n - 1 - i)));
        }
        return b;
    }

    /** Minimal definite length: short form up to 127, then 81, 82, 83. */
    public static byte[] encodeLength(int length) {
        if (length < 0 || length > MAX_LENGTH) {
            throw new TlvFormatException("length " + length + " cannot be encoded in at most 3 length bytes", -1);
        }
        if (length < 0x80) {
            return new byte[] {(byte) length};
        }
        if (length <= 0xFF) {
            return new byte[] {(byte) 0x81, (byte) length};
        }
        if (length <= 0xFFFF) {
            return new byte[] {(byte) 0x82, (byte) (length >> 8), (byte) length};
        }
        return new byte[] {(byte) 0x83, (byte) (length >> 16), (byte) (length >> 8), (byte) length};
    }
}
