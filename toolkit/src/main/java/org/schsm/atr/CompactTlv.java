package org.schsm.atr;

import java.util.Arrays;
import org.schsm.apdu.Hex;

/**
 * One COMPACT-TLV object from the historical bytes: tag in the high nibble, length in the low
 * nibble of a single byte, then the value (ISO 7816-4, 8.1.1.2).
 */
public record CompactTlv(int tag, byte[] value) {
    public CompactTlv {
        value = value.clone();
    }

    @Override
    public byte[] value() {
        return value.clone();
    }

    /** ISO 7816-4 name of the tag. */
    public String name() {
        return switch (tag) {
            case 0x1 -> "country code";
            case 0x2 -> "issuer identification number";
            case 0x3 -> "card service data";
            case 0x4 -> "initial access data";
            case 0x5 -> "card issuer's data";
            case 0x6 -> "pre-issuing data";
            case 0x7 -> "card capabilities";
            case 0x8 -> "status indicator";
            case 0xF -> "application identifier";
            default -> "tag " + Integer.toHexString(tag).toUpperCase();
        };
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CompactTlv other && other.tag == tag && Arrays.equals(other.value, value);
    }

    @Override
    public int hashCode() {
        return 31 * tag + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return name() + ": " + Hex.spaced(value) + printable(value);
    }

    /** Issuer data is often ASCII ("HSM1"); show it when every byte is printable. */
    private static String printable(byte[] v) {
        if (v.length < 2) {
            return "";
        }
        for (byte b : v) {
            if (b < 0x20 || b > 0x7E) {
                return "";
            }
        }
        return " \"" + new String(v, java.nio.charset.StandardCharsets.US_ASCII) + "\"";
    }
}
