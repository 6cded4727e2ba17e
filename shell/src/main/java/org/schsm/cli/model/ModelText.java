package org.schsm.cli.model;

import java.util.ArrayList;
import java.util.List;

/**
 * The line format of a recorded command model: one item per line, fields separated by tabs, each
 * field {@code key=value}. Values escape backslash, tab and line end; {@code \0} is null; a list is
 * its length and its items, separated by the unit separator (U+001F), so that an empty list and a
 * list of one empty string stay apart.
 */
final class ModelText {
    static final char SEP = '\t';
    static final char ITEM = '\u001f';
    static final String NULL = "\\0";

    private ModelText() {
    }

    static String escape(String s) {
        if (s == null) {
            return NULL;
        }
        StringBuilder b = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> b.append("\\\\");
                case '\t' -> b.append("\\t");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case ITEM -> b.append("\\u");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    static String unescape(String s) {
        if (s.equals(NULL)) {
            return null;
        }
        if (s.indexOf('\\') < 0) {
            return s;
        }
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\') {
                b.append(c);
                continue;
            }
            char n = s.charAt(++i);
            b.append(switch (n) {
                case 't' -> '\t';
                case 'n' -> '\n';
                case 'r' -> '\r';
                case 'u' -> ITEM;
                default -> n;
            });
        }
        return b.toString();
    }

    static String encodeList(String... items) {
        if (items == null) {
            return NULL;
        }
        StringBuilder b = new StringBuilder().append(items.length);
        for (String item : items) {
            b.append(ITEM).append(escape(item));
        }
        return b.toString();
    }

    static String[] decodeList(String encoded) {
        if (encoded.equals(NULL)) {
            return null;
        }
        int first = encoded.indexOf(ITEM);
        int n = Integer.parseInt(first < 0 ? encoded : encoded.substring(0, first));
        String[] items = new String[n];
        int start = first + 1;
        for (int i = 0; i < n; i++) {
            int end = encoded.indexOf(ITEM, start);
            if (end < 0) {
                end = encoded.length();
            }
            items[i] = unescape(encoded.substring(start, end));
            start = end + 1;
        }
        return items;
    }

    /** The fields of one line, unsplit values. */
    static List<String> fields(String line) {
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int i = line.indexOf(SEP); i >= 0; i = line.indexOf(SEP, start)) {
            out.add(line.substring(start, i));
            start = i + 1;
        }
        out.add(line.substring(start));
        return out;
    }
}
