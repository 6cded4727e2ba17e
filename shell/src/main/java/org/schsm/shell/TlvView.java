package org.schsm.shell;

import java.util.ArrayList;
import java.util.List;
import org.schsm.InvalidInputException;
import org.schsm.apdu.Hex;

/**
 * A read-only BER-TLV view for the shell's {@code tlv(bytes)}: tag, value, children of
 * constructed tags, and an indented dump as {@code toString()}. A minimal local parser until the
 * toolkit's {@code org.schsm.tlv} package is merged.
 */
public final class TlvView {
    private final int tag;
    private final byte[] value;
    private final List<TlvView> children;

    private TlvView(int tag, byte[] value, List<TlvView> children) {
        this.tag = tag;
        this.value = value;
        this.children = children;
    }

    /** Parses a sequence of TLVs; constructed tags (bit 6 of the first tag byte) are parsed recursively. */
    public static List<TlvView> parseAll(byte[] bytes) {
        List<TlvView> out = new ArrayList<>();
        int pos = 0;
        while (pos < bytes.length) {
            if (bytes[pos] == 0x00 || bytes[pos] == (byte) 0xFF) {  // padding between TLVs
                pos++;
                continue;
            }
            int start = pos;
            int tag = bytes[pos++] & 0xFF;
            if ((tag & 0x1F) == 0x1F) {
                do {
                    need(bytes, pos, 1, start);
                    tag = (tag << 8) | (bytes[pos] & 0xFF);
                } while ((bytes[pos++] & 0x80) != 0);
            }
            need(bytes, pos, 1, start);
            int length = bytes[pos++] & 0xFF;
            if (length > 0x80) {
                int n = length & 0x7F;
                need(bytes, pos, n, start);
                length = 0;
                for (int i = 0; i < n; i++) {
                    length = (length << 8) | (bytes[pos++] & 0xFF);
                }
            }
            need(bytes, pos, length, start);
            byte[] value = java.util.Arrays.copyOfRange(bytes, pos, pos + length);
            pos += length;
            boolean constructed = ((firstByte(tag)) & 0x20) != 0;
            out.add(new TlvView(tag, value, constructed ? parseAll(value) : List.of()));
        }
        return out;
    }

    private static int firstByte(int tag) {
        int t = tag;
        while (t > 0xFF) {
            t >>>= 8;
        }
        return t;
    }

    private static void need(byte[] bytes, int pos, int n, int start) {
        if (n < 0 || pos + n > bytes.length) {
            throw new InvalidInputException("TLV starting at byte " + start + " is truncated");
        }
    }

    public int getTag() {
        return tag;
    }

    public String getTagHex() {
        return Integer.toHexString(tag).toUpperCase();
    }

    public byte[] getValue() {
        return value.clone();
    }

    public List<TlvView> getChildren() {
        return children;
    }

    /** The first child (or nested descendant) with this tag, or null. */
    public TlvView find(int wanted) {
        for (TlvView child : children) {
            if (child.tag == wanted) {
                return child;
            }
            TlvView deeper = child.find(wanted);
            if (deeper != null) {
                return deeper;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        dump(sb, "");
        return sb.toString().stripTrailing();
    }

    void dump(StringBuilder sb, String indent) {
        sb.append(indent).append(getTagHex()).append(" [").append(value.length).append(']');
        if (children.isEmpty()) {
            sb.append(' ').append(Hex.spaced(value)).append('\n');
        } else {
            sb.append('\n');
            for (TlvView child : children) {
                child.dump(sb, indent + "  ");
            }
        }
    }
}
