package org.schsm.hsm;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.schsm.apdu.Hex;

/** Real-device vectors from the reference (sc-hsm-keys.md appendix A); see the resource's comments. */
public final class RealData {
    private static final Map<String, String> VALUES = load();

    /** The DKEK the real wrap file was made with. */
    public static byte[] dkek() {
        return Hex.decode(VALUES.get("dkek"));
    }

    /** The whole sc-hsm-tool wrap file (blob, PrKD, authenticated request). */
    public static byte[] wrapFile() {
        return Hex.decode(VALUES.get("wrap"));
    }

    /** The 363-byte key blob inside the wrap file (after {@code 30 82 039A 04 82 016B}). */
    public static byte[] keyBlob() {
        return java.util.Arrays.copyOfRange(wrapFile(), 8, 8 + 363);
    }

    /** The PrKD OpenSC wrote to C401 on that device ({@code A0 3F ...}). */
    public static byte[] prkd() {
        return java.util.Arrays.copyOfRange(wrapFile(), 8 + 363, 8 + 363 + 0x41);
    }

    /** The content of CE01: the authenticated CV request GENERATE ASYMMETRIC KEY PAIR answered. */
    public static byte[] authenticatedRequest() {
        byte[] wrap = wrapFile();
        return java.util.Arrays.copyOfRange(wrap, 8 + 363 + 0x41, wrap.length);
    }

    public static byte[] shareFile() {
        return Base64.getDecoder().decode(VALUES.get("share-file-base64"));
    }

    public static String shareKcv() {
        return VALUES.get("share-kcv");
    }

    private static Map<String, String> load() {
        try (InputStream in = RealData.class.getResourceAsStream("dkek/real-nitrokey-wrap.txt")) {
            Map<String, String> map = new LinkedHashMap<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.US_ASCII).split("\n")) {
                if (!line.startsWith("#") && line.contains("=")) {
                    int eq = line.indexOf('=');
                    map.put(line.substring(0, eq), line.substring(eq + 1).trim());
                }
            }
            return map;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private RealData() {
    }
}
