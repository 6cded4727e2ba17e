package org.schsm.tlv;

import org.schsm.InvalidInputException;

/**
 * Bytes that are not well-formed BER-TLV: truncated tag, length or value, a length field the
 * toolkit does not accept (indefinite form, more than three length bytes), or an invalid tag.
 * {@link #offset()} is the byte offset of the problem in the input, -1 when none applies.
 */
public class TlvFormatException extends InvalidInputException {
    private final int offset;

    public TlvFormatException(String message, int offset) {
        super(offset >= 0 ? message + " (at offset " + offset + ")" : message);
        this.offset = offset;
    }

    public int offset() {
        return offset;
    }
}
