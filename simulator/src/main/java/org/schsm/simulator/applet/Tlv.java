package org.schsm.simulator.applet;

import javacard.framework.ISOException;
import javacard.framework.JCSystem;
import javacard.framework.Util;

/**
 * BER-TLV reading and writing for the key commands: tags of one or two bytes, lengths in the
 * forms {@code xx}, {@code 81 xx} and {@code 82 xxxx}. A malformed structure answers 6A80.
 * After {@link #find} the value is at {@link #valueOffset} with {@link #valueLength} bytes.
 */
final class Tlv {
    private static final short VALUE_OFF = 0;
    private static final short VALUE_LEN = 1;
    private static final short NEXT = 2;

    private final short[] found;

    Tlv() {
        found = JCSystem.makeTransientShortArray((short) 3, JCSystem.CLEAR_ON_DESELECT);
    }

    short valueOffset() {
        return found[VALUE_OFF];
    }

    short valueLength() {
        return found[VALUE_LEN];
    }

    /** Offset just after the TLV last found or read. */
    short next() {
        return found[NEXT];
    }

    /** The tag at {@code off} (one or two bytes) as a short, e.g. 0x5F20 or 0x0042. */
    static short tagAt(byte[] buf, short off) {
        if ((buf[off] & 0x1F) == 0x1F) {
            return Util.getShort(buf, off);
        }
        return (short) (buf[off] & 0xFF);
    }

    /** Reads the TLV at {@code off} that must end before {@code end}; returns its tag. */
    short read(byte[] buf, short off, short end) {
        if (off >= end) {
            ISOException.throwIt(Sw.WRONG_DATA);
        }
        short tag = tagAt(buf, off);
        off += (buf[off] & 0x1F) == 0x1F ? 2 : 1;
        if (off >= end) {
            ISOException.throwIt(Sw.WRONG_DATA);
        }
        short len = (short) (buf[off] & 0xFF);
        off++;
        if (len == 0x81) {
            if (off >= end) {
                ISOException.throwIt(Sw.WRONG_DATA);
            }
            len = (short) (buf[off] & 0xFF);
            off++;
        } else if (len == 0x82) {
            if ((short) (end - off) < 2) {
                ISOException.throwIt(Sw.WRONG_DATA);
            }
            len = Util.getShort(buf, off);
            off += 2;
        } else if (len > 0x7F) {
            ISOException.throwIt(Sw.WRONG_DATA);
        }
        if (len < 0 || len > (short) (end - off)) {
            ISOException.throwIt(Sw.WRONG_DATA);
        }
        found[VALUE_OFF] = off;
        found[VALUE_LEN] = len;
        found[NEXT] = (short) (off + len);
        return tag;
    }

    /**
     * Looks for {@code tag} among the TLVs in {@code [off, end)} (one level, no descent). Returns
     * false when absent; a malformed TLV on the way answers 6A80.
     */
    boolean find(byte[] buf, short off, short end, short tag) {
        while (off < end) {
            short t = read(buf, off, end);
            if (t == tag) {
                return true;
            }
            off = found[NEXT];
        }
        return false;
    }

    /** {@link #find}, answering 6A80 when the tag is absent. */
    void require(byte[] buf, short off, short end, short tag) {
        if (!find(buf, off, end, tag)) {
            ISOException.throwIt(Sw.WRONG_DATA);
        }
    }

    /** Writes tag and length; returns the offset of the value. */
    static short header(byte[] out, short off, short tag, short len) {
        if ((short) (tag & 0xFF00) != 0) {
            off = Util.setShort(out, off, tag);
        } else {
            out[off++] = (byte) tag;
        }
        if (len < 0x80) {
            out[off++] = (byte) len;
        } else if (len < 0x100) {
            out[off++] = (byte) 0x81;
            out[off++] = (byte) len;
        } else {
            out[off++] = (byte) 0x82;
            off = Util.setShort(out, off, len);
        }
        return off;
    }

    /** Writes a whole TLV with the value copied from {@code src}; returns the offset after it. */
    static short put(byte[] out, short off, short tag, byte[] src, short srcOff, short len) {
        off = header(out, off, tag, len);
        return Util.arrayCopyNonAtomic(src, srcOff, out, off, len);
    }

    /**
     * Turns the bytes {@code [start, end)} of {@code buf} into the value of a TLV with
     * {@code tag}: moves them right by the header size and writes the header at {@code start}.
     * Returns the new end.
     */
    static short wrap(byte[] buf, short start, short end, short tag) {
        short len = (short) (end - start);
        short headerLength = (short) (((short) (tag & 0xFF00) != 0 ? 2 : 1) + (len < 0x80 ? 1 : len < 0x100 ? 2 : 3));
        Util.arrayCopyNonAtomic(buf, start, buf, (short) (start + headerLength), len);
        header(buf, start, tag, len);
        return (short) (end + headerLength);
    }
}
