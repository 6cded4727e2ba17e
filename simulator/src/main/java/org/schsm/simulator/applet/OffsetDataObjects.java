package org.schsm.simulator.applet;

import javacard.framework.ISOException;
import javacard.framework.JCSystem;
import javacard.framework.Util;

/**
 * The data field of the odd-INS file commands: an offset DO {@code 54 01|02 <offset>},
 * followed for writes by a data DO {@code 53 <len> <data>} (len as xx, 81 xx or 82 xxxx).
 * After {@link #parseOffsetAndData} the results are read with {@link #offset},
 * {@link #dataOffset} and {@link #dataLength}.
 */
final class OffsetDataObjects {
    private static final byte TAG_OFFSET = 0x54;
    private static final byte TAG_DATA = 0x53;

    private static final short P_OFFSET = 0;
    private static final short P_DATA_OFF = 1;
    private static final short P_DATA_LEN = 2;

    private final short[] parsed;

    OffsetDataObjects() {
        parsed = JCSystem.makeTransientShortArray((short) 3, JCSystem.CLEAR_ON_DESELECT);
    }

    short offset() {
        return parsed[P_OFFSET];
    }

    short dataOffset() {
        return parsed[P_DATA_OFF];
    }

    short dataLength() {
        return parsed[P_DATA_LEN];
    }

    /** Parses exactly one offset DO filling the data field; returns the offset. */
    static short parseOffset(byte[] buf, short off, short nc) {
        if (nc == 0) {
            ISOException.throwIt(Sw.WRONG_LENGTH);
        }
        short end = readOffsetDo(buf, off, (short) (off + nc));
        if (end != (short) (off + nc)) {
            ISOException.throwIt(Sw.WRONG_DATA);
        }
        return offsetValue(buf, off);
    }

    /** Parses {@code 54 ..} followed by {@code 53 L ..} that ends exactly at the data end. */
    void parseOffsetAndData(byte[] buf, short off, short nc) {
        if (nc == 0) {
            ISOException.throwIt(Sw.WRONG_LENGTH);
        }
        short end = (short) (off + nc);
        short pos = readOffsetDo(buf, off, end);
        parsed[P_OFFSET] = offsetValue(buf, off);
        if ((short) (end - pos) < 2 || buf[pos] != TAG_DATA) {
            ISOException.throwIt(Sw.WRONG_DATA);
        }
        pos++;
        short len = (short) (buf[pos] & 0xFF);
        pos++;
        if (len == 0x81 || len == 0x82) {
            short extra = (short) (len - 0x80);
            if ((short) (end - pos) < extra) {
                ISOException.throwIt(Sw.WRONG_DATA);
            }
            len = extra == 1 ? (short) (buf[pos] & 0xFF) : Util.getShort(buf, pos);
            pos = (short) (pos + extra);
        } else if (len > 0x7F) {
            ISOException.throwIt(Sw.WRONG_DATA);
        }
        if (len < 0 || len != (short) (end - pos)) {
            ISOException.throwIt(Sw.WRONG_DATA);
        }
        parsed[P_DATA_OFF] = pos;
        parsed[P_DATA_LEN] = len;
    }

    /** Checks {@code 54 01 xx} or {@code 54 02 xx xx} at {@code off}; returns the offset after it. */
    private static short readOffsetDo(byte[] buf, short off, short end) {
        if ((short) (end - off) < 3 || buf[off] != TAG_OFFSET) {
            ISOException.throwIt(Sw.WRONG_DATA);
        }
        byte len = buf[(short) (off + 1)];
        if ((len != 1 && len != 2) || (short) (end - off - 2) < len) {
            ISOException.throwIt(Sw.WRONG_DATA);
        }
        return (short) (off + 2 + len);
    }

    /** The offset encoded by a DO already checked by {@link #readOffsetDo}; 6B00 past 7FFF. */
    private static short offsetValue(byte[] buf, short off) {
        short value = buf[(short) (off + 1)] == 1
                ? (short) (buf[(short) (off + 2)] & 0xFF)
                : Util.getShort(buf, (short) (off + 2));
        if (value < 0) {
            ISOException.throwIt(Sw.WRONG_P1P2);
        }
        return value;
    }
}
