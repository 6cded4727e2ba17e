package org.schsm.shell;

import java.util.List;
import org.schsm.apdu.Hex;
import org.schsm.tlv.Tlv;

/**
 * Groovy extension methods for the toolkit's {@link Tlv} (registered with {@link ApduExtensions}):
 * {@code t.tag}, {@code t.tagHex}, {@code t.value}, {@code t.length}, {@code t.children},
 * {@code t.find(0x85)} (first descendant with that tag, or null) next to the toolkit's own
 * {@code t.find("62/85")} path (an {@code Optional}), and {@code t.tree}, an indented dump.
 */
public final class TlvExtensions {
    private TlvExtensions() {
    }

    /** {@code t.tag}: the tag as a number, e.g. {@code 0x85}, {@code 0x7F21}. */
    public static int getTag(Tlv self) {
        return self.tag();
    }

    /** {@code t.tagHex}: {@code "85"}, {@code "7F21"}. */
    public static String getTagHex(Tlv self) {
        return Tlv.tagHex(self.tag());
    }

    /** {@code t.value}: a copy of the value field. */
    public static byte[] getValue(Tlv self) {
        return self.value();
    }

    /** {@code t.length}: number of value bytes. */
    public static int getLength(Tlv self) {
        return self.length();
    }

    /** {@code t.children}: the nested data objects (empty for a primitive tag). */
    public static List<Tlv> getChildren(Tlv self) {
        return self.children();
    }

    /** {@code t.find(0x85)}: the first descendant (depth first) with {@code tag}, or null. */
    public static Tlv find(Tlv self, int tag) {
        for (Tlv child : self.children()) {
            if (child.tag() == tag) {
                return child;
            }
            Tlv deeper = find(child, tag);
            if (deeper != null) {
                return deeper;
            }
        }
        return null;
    }

    /** {@code t.tree}: one line per data object, {@code TAG [length] value}, children indented. */
    public static String getTree(Tlv self) {
        StringBuilder sb = new StringBuilder();
        tree(self, "", sb);
        return sb.toString().stripTrailing();
    }

    private static void tree(Tlv t, String indent, StringBuilder sb) {
        sb.append(indent).append(Tlv.tagHex(t.tag())).append(" [").append(t.length()).append(']');
        if (t.isConstructed()) {
            sb.append('\n');
            for (Tlv child : t.children()) {
                tree(child, indent + "  ", sb);
            }
        } else {
            if (t.length() > 0) {
                sb.append(' ').append(Hex.spaced(t.value()));
            }
            sb.append('\n');
        }
    }
}
