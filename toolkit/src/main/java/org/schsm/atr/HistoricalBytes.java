package org.schsm.atr;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.schsm.apdu.Hex;

/**
 * The historical bytes T1..TK of an ATR. Only the category indicator 80 (COMPACT-TLV objects,
 * status in the last object if tagged 8) is decoded; for 00 and 10 the status or DIR reference
 * is named, other categories are kept as raw bytes.
 */
public final class HistoricalBytes {
    private final byte[] bytes;
    private final List<CompactTlv> objects;
    private final String problem;

    HistoricalBytes(byte[] bytes) {
        this.bytes = bytes.clone();
        List<CompactTlv> parsed = new ArrayList<>();
        String error = null;
        if (bytes.length > 0 && (bytes[0] & 0xFF) == 0x80) {
            int pos = 1;
            while (pos < bytes.length && error == null) {
                int tag = (bytes[pos] & 0xFF) >>> 4;
                int len = bytes[pos] & 0x0F;
                if (pos + 1 + len > bytes.length) {
                    error = "compact-TLV object at historical byte " + (pos + 1) + " claims " + len
                            + " bytes but only " + (bytes.length - pos - 1) + " remain";
                } else {
                    parsed.add(new CompactTlv(tag, Arrays.copyOfRange(bytes, pos + 1, pos + 1 + len)));
                    pos += 1 + len;
                }
            }
        }
        this.objects = List.copyOf(parsed);
        this.problem = error;
    }

    public byte[] bytes() {
        return bytes.clone();
    }

    /** Category indicator (first historical byte), or -1 when there are none. */
    public int category() {
        return bytes.length == 0 ? -1 : bytes[0] & 0xFF;
    }

    /** COMPACT-TLV objects for category 80; empty otherwise. */
    public List<CompactTlv> objects() {
        return objects;
    }

    List<String> describe() {
        List<String> lines = new ArrayList<>();
        if (bytes.length == 0) {
            lines.add("Historical bytes: none");
            return lines;
        }
        lines.add("Historical bytes: " + Hex.spaced(bytes));
        switch (category()) {
            case 0x80 -> {
                lines.add("  category 80: COMPACT-TLV objects");
                objects.forEach(o -> lines.add("  " + o));
            }
            case 0x00 -> lines.add("  category 00: COMPACT-TLV objects followed by a 3-byte status indicator");
            case 0x10 -> lines.add("  category 10: DIR data reference");
            default -> lines.add("  category " + Hex.byteHex(category()) + ": proprietary");
        }
        if (problem != null) {
            lines.add("  " + problem);
        }
        return lines;
    }
}
