package org.schsm.tlv;

import java.util.List;
import java.util.Optional;
import org.schsm.InvalidInputException;
import org.schsm.apdu.ApduFormatException;
import org.schsm.apdu.Hex;

/** A tag path such as {@code 62/85} or {@code 7F21/5F20}, walked through nested data objects. */
final class TlvPath {
    private TlvPath() {
    }

    static Optional<Tlv> follow(List<Tlv> level, String path) {
        int[] tags = parse(path);
        List<Tlv> current = level;
        Tlv found = null;
        for (int tag : tags) {
            found = current.stream().filter(t -> t.tag() == tag).findFirst().orElse(null);
            if (found == null) {
                return Optional.empty();
            }
            current = found.children();
        }
        return Optional.ofNullable(found);
    }

    static int[] parse(String path) {
        String[] parts = path.trim().split("/");
        int[] tags = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            byte[] b;
            try {
                b = Hex.decode(parts[i].trim());
            } catch (ApduFormatException e) {
                throw new InvalidInputException("tag path '" + path + "': '" + parts[i] + "' is not a hex tag: " + e.getMessage());
            }
            if (b.length == 0 || b.length > 4) {
                throw new InvalidInputException("tag path '" + path + "': '" + parts[i] + "' is not a tag of 1 to 4 bytes");
            }
            int tag = 0;
            for (byte x : b) {
                tag = (tag << 8) | (x & 0xFF);
            }
            tags[i] = tag;
        }
        return tags;
    }
}
