package org.schsm.cli;

import com.google.gson.JsonParseException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.schsm.InvalidInputException;
import org.schsm.session.Json;

/**
 * {@code manifest.json} of a {@code schsm backup} directory: which device and DKEK the keys came
 * from, and per key what a restore must check (id, label, type, size, the SHA-256 of its public
 * key). Keys the card would not wrap are listed with the card's reason. No secret is in it: the
 * wrap files hold the keys under the DKEK, and the DKEK is only named by its KCV.
 */
final class BackupManifest {
    static final String FILE_NAME = "manifest.json";
    static final String FORMAT = "schsm-backup/1";

    String format = FORMAT;
    String created;
    String deviceSerial;
    String dkekKcv;
    int dkekShares;
    List<Key> keys = new ArrayList<>();
    List<NotExported> notExported = new ArrayList<>();

    /** One wrapped key: its file in the directory and what the card listed for it. */
    static final class Key {
        int id;
        String file;
        String label;
        String type;
        Integer size;
        String curve;
        /** SHA-256 of the DER SubjectPublicKeyInfo; null when the card holds no public key for it. */
        String publicKeySha256;
    }

    /** A key the card would not wrap, with the card's answer. */
    static final class NotExported {
        int id;
        String label;
        String type;
        Integer size;
        String reason;
    }

    static String wrapFileName(int id) {
        return String.format("key-%02X.wrap", id);
    }

    byte[] encode() {
        return (Json.GSON.toJson(this) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    /** Reads and checks a manifest; every problem is one line of bad input, before any card is touched. */
    static BackupManifest read(Path dir) {
        Path file = dir.resolve(FILE_NAME);
        BackupManifest m;
        try {
            m = Json.GSON.fromJson(new String(DkekCommand.read(file), StandardCharsets.UTF_8), BackupManifest.class);
        } catch (JsonParseException e) {
            throw new InvalidInputException(file + " is not a schsm backup manifest (not JSON)");
        }
        if (m == null || !FORMAT.equals(m.format)) {
            throw new InvalidInputException(file + " is not a schsm backup manifest (format " + (m == null ? "missing"
                    : m.format) + ", expected " + FORMAT + ")");
        }
        if (m.dkekKcv == null || !m.dkekKcv.matches("[0-9A-Fa-f]{16}")) {
            throw new InvalidInputException(file + " names no DKEK key check value");
        }
        if (m.keys == null) {
            m.keys = new ArrayList<>();
        }
        for (Key k : m.keys) {
            if (k.id < 1 || k.id > 0xFF || k.file == null || Path.of(k.file).getNameCount() != 1) {
                throw new InvalidInputException(file + " has a key entry without a valid id and file name");
            }
        }
        return m;
    }
}
