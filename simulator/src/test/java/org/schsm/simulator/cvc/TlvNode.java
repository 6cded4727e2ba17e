package org.schsm.simulator.cvc;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A minimal BER-TLV reader for the tests, written independently of Bouncy Castle so that the
 * certificates are checked by a second parser: tags of one to three bytes, definite lengths.
 */
record TlvNode(int tag, byte[] value, int encodedLength) {

    static List<TlvNode> parseAll(byte[] data) {
        List<TlvNode> out = new ArrayList<>();
        int pos = 0;
        while (pos < data.length) {
            TlvNode node = parse(data, pos);
            out.add(node);
            pos += node.encodedLength;
        }
        return out;
    }

    static TlvNode parse(byte[] data, int start) {
        int pos = start;
        int tag = data[pos++] & 0xFF;
        if ((tag & 0x1F) == 0x1F) {
            int b;
            do {
                b = data[pos++] & 0xFF;
                tag = (tag << 8) | b;
            } while ((b & 0x80) != 0);
        }
        int len = data[pos++] & 0xFF;
        if (len > 0x80) {
            int n = len & 0x7F;
            len = 0;
            for (int i = 0; i < n; i++) {
                len = (len << 8) | (data[pos++] & 0xFF);
            }
        } else if (len == 0x80) {
            throw new IllegalArgumentException("indefinite length at " + (pos - 1));
        }
        if (pos + len > data.length) {
            throw new IllegalArgumentException("tag " + Integer.toHexString(tag) + " runs past the end");
        }
        return new TlvNode(tag, Arrays.copyOfRange(data, pos, pos + len), pos + len - start);
    }

    boolean isConstructed() {
        int first = tag;
        while (first > 0xFF) {
            first >>>= 8;
        }
        return (first & 0x20) != 0;
    }

    List<TlvNode> children() {
        return parseAll(value);
    }

    List<Integer> childTags() {
        return children().stream().map(TlvNode::tag).toList();
    }

    TlvNode child(int childTag) {
        return children().stream().filter(c -> c.tag == childTag).findFirst()
                .orElseThrow(() -> new AssertionError("no tag " + Integer.toHexString(childTag)
                        + " in " + Integer.toHexString(tag)));
    }

    /** The whole TLV as encoded (tag, length, value). */
    byte[] encoded(byte[] source, int start) {
        return Arrays.copyOfRange(source, start, start + encodedLength);
    }
}
