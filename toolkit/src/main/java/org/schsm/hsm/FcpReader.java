package org.schsm.hsm;

import java.util.Arrays;
import org.schsm.apdu.Hex;

/**
 * Just enough BER-TLV to take tag 85 (proprietary information) out of the FCP that SELECT
 * returns. Kept private to this package and minimal on purpose: the general
 * {@code org.schsm.tlv} package can replace it without changing any public signature.
 */
final class FcpReader {
    private static final int FCP_TEMPLATE = 0x62;
    private static final int FCI_TEMPLATE = 0x6F;
    private static final int PROPRIETARY_INFORMATION = 0x85;

    private final byte[] data;
    private int pos;

    private FcpReader(byte[] data) {
        this.data = data;
    }

    /**
     * Value of tag 85 directly inside the FCP template (62, or 6F which ISO allows for the FCI).
     *
     * @throws MalformedResponseException when the structure is broken or tag 85 is missing
     */
    static byte[] proprietaryInformation(byte[] fcp) {
        FcpReader reader = new FcpReader(fcp);
        int outer = reader.readTag();
        if (outer != FCP_TEMPLATE && outer != FCI_TEMPLATE) {
            throw new MalformedResponseException("SELECT answered without an FCP template (62): data starts with "
                    + Hex.byteHex(outer));
        }
        int end = reader.readLength() + reader.pos;
        if (end > fcp.length) {
            throw reader.truncated();
        }
        while (reader.pos < end) {
            int tag = reader.readTag();
            int length = reader.readLength();
            if (reader.pos + length > end) {
                throw reader.truncated();
            }
            if (tag == PROPRIETARY_INFORMATION) {
                return Arrays.copyOfRange(fcp, reader.pos, reader.pos + length);
            }
            reader.pos += length;
        }
        throw new MalformedResponseException("the FCP has no proprietary-information tag 85, which every"
                + " SmartCard-HSM applet sends: another applet may have answered the AID");
    }

    /** One- or multi-byte tag number as an int (enough for the tags an FCP carries). */
    private int readTag() {
        int tag = next();
        if ((tag & 0x1F) == 0x1F) {
            int b;
            do {
                b = next();
                tag = (tag << 8) | b;
            } while ((b & 0x80) != 0);
        }
        return tag;
    }

    private int readLength() {
        int first = next();
        if (first < 0x80) {
            return first;
        }
        int count = first & 0x7F;
        if (count == 0 || count > 2) {
            throw new MalformedResponseException("FCP length byte " + Hex.byteHex(first) + " at offset "
                    + (pos - 1) + " is not a definite length of at most two bytes");
        }
        int length = 0;
        for (int i = 0; i < count; i++) {
            length = (length << 8) | next();
        }
        return length;
    }

    private int next() {
        if (pos >= data.length) {
            throw truncated();
        }
        return data[pos++] & 0xFF;
    }

    private MalformedResponseException truncated() {
        return new MalformedResponseException("the FCP is truncated: " + data.length
                + " bytes do not hold the TLV structure they announce");
    }
}
