package org.schsm.session;

import java.io.Console;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.schsm.InvalidInputException;
import org.schsm.Secret;
import org.schsm.secrets.PrivateFiles;
import org.schsm.secrets.SecretKind;
import org.schsm.secrets.SecretStore;
import org.schsm.secrets.StoredSecrets;

/**
 * Where a PIN comes from: a literal value, {@code env:VAR}, {@code file:PATH}, {@code secret:NAME}
 * (the encrypted store, docs/secrets.md), or a no-echo prompt on the console. The value never
 * appears in messages; errors name the source, not the secret.
 */
public final class PinSource {
    private final Map<String, String> environment;
    private final Console console;

    public PinSource(Map<String, String> environment, Console console) {
        this.environment = environment;
        this.console = console;
    }

    public static PinSource system() {
        return new PinSource(System.getenv(), System.console());
    }

    /**
     * Resolves {@code spec} (may be null) to the PIN characters. The caller owns the returned
     * array and should clear it once the PIN object is built.
     *
     * @param what   what the PIN is for, used in the prompt and errors ("user PIN", "SO-PIN")
     * @param option the command-line option that could have supplied it, for the error message
     */
    public char[] resolve(@Secret String spec, String what, String option) {
        return resolve(spec, what, option, null);
    }

    /**
     * As {@link #resolve(String, String, String)}; {@code expected}, when not null, is the kind a
     * {@code secret:NAME} must have (a stored SO-PIN is never sent as a user PIN).
     */
    public char[] resolve(@Secret String spec, String what, String option, SecretKind expected) {
        SecretCache cache = SecretCache.active();
        if (cache != null) {
            // A run over many devices: each secret is read (prompted, decrypted) once for all of them.
            return cache.get(spec + '\0' + what + '\0' + option + '\0' + expected, () -> read(spec, what, option, expected));
        }
        return read(spec, what, option, expected);
    }

    private char[] read(@Secret String spec, String what, String option, SecretKind expected) {
        if (spec == null) {
            return prompt(what, option);
        }
        if (StoredSecrets.isReference(spec)) {
            return StoredSecrets.resolve(SecretStore.system(), spec, expected, new PrintWriter(System.err, true));
        }
        if (spec.startsWith("env:")) {
            String name = spec.substring(4);
            String value = environment.get(name);
            if (value == null || value.isEmpty()) {
                throw new InvalidInputException("environment variable " + name + " for the " + what
                        + " is not set or empty");
            }
            return value.toCharArray();
        }
        if (spec.startsWith("file:")) {
            return readFile(Path.of(spec.substring(5)), what);
        }
        return spec.toCharArray();
    }

    private char[] prompt(String what, String option) {
        if (console == null) {
            throw new InvalidInputException("no " + what + " given and no console to prompt on: use "
                    + option + " VALUE, " + option + " env:VAR or " + option + " file:PATH");
        }
        char[] typed = console.readPassword("%s: ", capitalise(what));
        if (typed == null || typed.length == 0) {
            throw new InvalidInputException("no " + what + " entered");
        }
        return typed;
    }

    private static char[] readFile(Path path, String what) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path);
        } catch (IOException e) {
            throw new InvalidInputException("cannot read the " + what + " from " + path + ": " + PrivateFiles.reason(e));
        }
        try {
            // A trailing newline is how editors and `echo` write files; it is never part of a PIN.
            int end = bytes.length;
            while (end > 0 && (bytes[end - 1] == '\n' || bytes[end - 1] == '\r')) {
                end--;
            }
            if (end == 0) {
                throw new InvalidInputException("the " + what + " file " + path + " is empty");
            }
            return decode(bytes, end);
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    private static char[] decode(byte[] bytes, int end) {
        CharBuffer chars = StandardCharsets.UTF_8.decode(ByteBuffer.wrap(bytes, 0, end));
        char[] out = Arrays.copyOfRange(chars.array(), chars.position(), chars.limit());
        Arrays.fill(chars.array(), '\0');
        return out;
    }

    private static String capitalise(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
