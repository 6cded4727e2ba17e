package org.schsm.hsm;

import java.util.Arrays;
import org.schsm.apdu.Hex;

/**
 * A minimal walk over the FCP template {@code 62 L ...} returned by SELECT, enough to find tag
 * {@code 85}. Deliberately tiny: one-byte tags inside the template, lengths in one byte or
 * {@code 81 xx} / {@code 82 xxxx}.
 */
final class Fcp {
    private Fcp() {
    }

    static AppletInfo parse(byte[] fcp) {
        byte[] prop = findTag85(fcp);
        int n = prop.length;
        if (n < 2) {
            throw new UnexpectedResponseException("FCP tag 85 has " + n + " bytes; at least 2 (major, minor) are needed");
        }
        int major = prop[n - 2] & 0xFF;
        int minor = prop[n - 1] & 0xFF;
        int build = n >= 3 ? prop[n - 3] & 0xFF : -1;
        DeviceOptions options = null;
        if (n >= 5) {
            options = new DeviceOptions(((prop[n - 5] & 0xFF) << 8) | (prop[n - 4] & 0xFF));
        } else if (n == 4) {
            options = new DeviceOptions(prop[n - 4] & 0xFF);
        }
        return new AppletInfo(major, minor, build, options);
    }

    static byte[] findTag85(byte[] fcp) {
        if (fcp.length < 2 || (fcp[0] & 0xFF) != 0x62) {
            throw malformed(fcp, "it does not start with tag 62");
        }
        int[] pos = {1};
        int templateLength = length(fcp, pos);
        int end = pos[0] + templateLength;
        if (end > fcp.length) {
            throw malformed(fcp, "template length " + templateLength + " runs past the end");
        }
        while (pos[0] < end) {
            int tag = fcp[pos[0]++] & 0xFF;
            int len = length(fcp, pos);
            if (pos[0] + len > end) {
                throw malformed(fcp, "tag " + Hex.byteHex(tag) + " runs past the end of the template");
            }
            if (tag == 0x85) {
                return Arrays.copyOfRange(fcp, pos[0], pos[0] + len);
            }
            pos[0] += len;
        }
        throw malformed(fcp, "it has no tag 85 (proprietary information with the applet version)");
    }

    private static int length(byte[] b, int[] pos) {
        if (pos[0] >= b.length) {
            throw malformed(b, "a length field is missing");
        }
        int first = b[pos[0]++] & 0xFF;
        if (first < 0x80) {
            return first;
        }
        int count = first & 0x7F;
        if (count == 0 || count > 2 || pos[0] + count > b.length) {
            throw malformed(b, "length byte " + Hex.byteHex(first) + " is not supported or truncated");
        }
        int len = 0;
        for (int i = 0; i < count; i++) {
            len = (len << 8) | (b[pos[0]++] & 0xFF);
        }
        return len;
    }

    private static UnexpectedResponseException malformed(byte[] fcp, String why) {
        return new UnexpectedResponseException("SELECT answered an FCP that cannot be read (" + why + "): "
                + Hex.spaced(fcp));
    }
}
