package org.schsm.tlv;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.schsm.apdu.Hex;

/**
 * One BER-TLV data object. Whether it is constructed follows from its tag (bit 0x20 of the first
 * tag byte), not from the caller's choice, so a constructed object always has parsed children and
 * a primitive one always has a plain value.
 *
 * <p>Tags are held as the unsigned big-endian value of their bytes: {@code 0x85},
 * {@code 0x5F20}, {@code 0x7F21}.
 */
public final class Tlv {
    private final int tag;
    private final byte[] value;
    private final List<Tlv> children;

    private Tlv(int tag, byte[] value, List<Tlv> children) {
        this.tag = tag;
        this.value = value;
        this.children = children;
    }

    /** A data object with the given value; for a constructed tag the value is parsed into children. */
    public static Tlv of(int tag, byte[] value) {
        TlvWriter.encodeTag(tag); // validates
        if (isConstructedTag(tag)) {
            return new Tlv(tag, value.clone(), TlvReader.readAll(value));
        }
        return new Tlv(tag, value.clone(), List.of());
    }

    /** For the reader, which has already checked tag, value and children. */
    static Tlv parsed(int tag, byte[] value, List<Tlv> children) {
        return new Tlv(tag, value, children);
    }

    /** A constructed data object holding {@code children} in order. */
    public static Tlv constructed(int tag, Tlv... children) {
        return constructed(tag, List.of(children));
    }

    public static Tlv constructed(int tag, List<Tlv> children) {
        TlvWriter.encodeTag(tag);
        if (!isConstructedTag(tag)) {
            throw new TlvFormatException("tag " + tagHex(tag) + " is primitive (bit 0x20 of its first byte is 0)"
                    + " and cannot hold children", -1);
        }
        TlvWriter w = new TlvWriter();
        children.forEach(w::add);
        return new Tlv(tag, w.toByteArray(), List.copyOf(children));
    }

    static boolean isConstructedTag(int tag) {
        return (firstTagByte(tag) & 0x20) != 0;
    }

    private static int firstTagByte(int tag) {
        int shift = 24;
        while (shift > 0 && (tag >>> shift) == 0) {
            shift -= 8;
        }
        return (tag >>> shift) & 0xFF;
    }

    public int tag() {
        return tag;
    }

    public boolean isConstructed() {
        return isConstructedTag(tag);
    }

    /** The value field; for a constructed object, its encoded children. */
    public byte[] value() {
        return value.clone();
    }

    public int length() {
        return value.length;
    }

    /** Children of a constructed object, empty for a primitive one. */
    public List<Tlv> children() {
        return children;
    }

    /** The first direct child with {@code tag}. */
    public Optional<Tlv> child(int tag) {
        return children.stream().filter(c -> c.tag == tag).findFirst();
    }

    /**
     * Follows a path of tags below this object, e.g. {@code "A0/85"}: the first child tagged A0,
     * then its first child tagged 85.
     */
    public Optional<Tlv> find(String path) {
        return TlvPath.follow(children, path);
    }

    /** Tag, length and value as BER-TLV. */
    public byte[] encode() {
        return new TlvWriter().add(this).toByteArray();
    }

    public static String tagHex(int tag) {
        return Hex.encode(TlvWriter.tagBytes(tag));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Tlv other && other.tag == tag && Arrays.equals(other.value, value);
    }

    @Override
    public int hashCode() {
        return 31 * tag + Arrays.hashCode(value);
    }

    /** {@code 62 [82 01 38, 85 04 00 01 03 05]}: tag, then either hex value or children. */
    @Override
    public String toString() {
        if (isConstructed()) {
            StringBuilder sb = new StringBuilder(tagHex(tag)).append(" [");
            for (int i = 0; i < children.size(); i++) {
                sb.append(i > 0 ? ", " : "").append(children.get(i));
            }
            return sb.append(']').toString();
        }
        return tagHex(tag) + (value.length == 0 ? "" : " " + Hex.spaced(value));
    }
}
