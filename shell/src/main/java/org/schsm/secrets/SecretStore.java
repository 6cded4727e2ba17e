package org.schsm.secrets;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.schsm.InvalidInputException;

/**
 * Named secrets (PINs, SO-PINs, passwords) for unattended use, in one JSON file: the names, kinds
 * and dates in clear, each value encrypted with AES-256-GCM under the store's key (see
 * {@link StoreKey}) with the name and kind as associated data, so a value cannot be moved to
 * another name or kind without the decryption failing. A check value encrypted under the same
 * key tells a wrong key from a damaged entry.
 *
 * <p>Every change is a read-modify-write under an exclusive lock on {@code FILE.lock} (two cron
 * jobs may mark refusals at the same time) and ends with an atomic replacement of the file
 * ({@link PrivateFiles#writeAtomically}): until the rename, the previous content is in force.
 */
public final class SecretStore {
    static final String FORMAT = "schsm-secrets-1";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final byte[] CHECK = "schsm secret store".getBytes(StandardCharsets.US_ASCII);
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();

    /** How the store file is replaced; a seam so tests can make the write fail. */
    interface Writer {
        void write(Path file, byte[] content) throws IOException;
    }

    /** What {@code list} shows of an entry: never its value. */
    public record Entry(String name, SecretKind kind, Instant added, Instant updated, Optional<Instant> refused,
            Optional<String> refusedWith) {
    }

    private final StoreLocation location;
    private final Map<String, String> environment;
    private final Clock clock;
    private final Writer writer;
    private final int iterations;

    SecretStore(StoreLocation location, Map<String, String> environment, Clock clock, Writer writer, int iterations) {
        this.location = location;
        this.environment = environment;
        this.clock = clock;
        this.writer = writer;
        this.iterations = iterations;
    }

    public SecretStore(StoreLocation location, Map<String, String> environment) {
        this(location, environment, Clock.systemUTC(), PrivateFiles::writeAtomically, StoreKey.ITERATIONS);
    }

    /** The store of this user, as the environment and XDG directories place it. */
    public static SecretStore system() {
        return new SecretStore(StoreLocation.system(), System.getenv());
    }

    public StoreLocation location() {
        return location;
    }

    /** A name may be shown anywhere, so it is checked to look like one (and it cannot inject anything into messages). */
    public static String checkName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new InvalidInputException("a secret name is 1 to 64 letters, digits, '.', '_' or '-', starting with"
                    + " a letter or digit");
        }
        return name;
    }

    // ---- reading ----

    /** Every entry, sorted by name; no key is needed. */
    public List<Entry> list() {
        JsonObject root = read().orElse(null);
        List<Entry> out = new ArrayList<>();
        if (root == null) {
            return out;
        }
        for (Map.Entry<String, com.google.gson.JsonElement> e : secrets(root).entrySet()) {
            out.add(entry(e.getKey(), e.getValue().getAsJsonObject()));
        }
        out.sort((a, b) -> a.name().compareTo(b.name()));
        return out;
    }

    /** The entry named {@code name}; refuses a name the store does not hold. */
    public Entry entry(String name) {
        return find(checkName(name)).orElseThrow(() -> noSuchSecret(name));
    }

    public Optional<Entry> find(String name) {
        return read().map(root -> secrets(root).get(name)).map(e -> entry(name, e.getAsJsonObject()));
    }

    /** The value of {@code name}; the caller clears the array. */
    public char[] reveal(String name) {
        checkName(name);
        JsonObject root = read().orElseThrow(() -> new InvalidInputException("no secret store at " + location.store()
                + "; add one with: schsm secret add " + name));
        JsonObject entry = entryOrThrow(root, name);
        SecretKeySpec key = openKey(root, false);
        byte[] plain = decrypt(key, entry, aad(name, SecretKind.of(entry.get("kind").getAsString())), "secret '" + name + "'");
        try {
            CharBuffer chars = StandardCharsets.UTF_8.decode(ByteBuffer.wrap(plain));
            char[] out = Arrays.copyOfRange(chars.array(), chars.position(), chars.limit());
            Arrays.fill(chars.array(), '\0');
            return out;
        } finally {
            Arrays.fill(plain, (byte) 0);
        }
    }

    // ---- changing ----

    /** Stores a new secret; refuses an existing name. The value is checked against its kind first. */
    public void add(String name, SecretKind kind, char[] value) {
        checkName(name);
        kind.check(value);
        change(root -> {
            if (secrets(root).has(name)) {
                throw new InvalidInputException("secret '" + name + "' exists already; use: schsm secret update " + name);
            }
            SecretKeySpec key = openKey(root, true);
            JsonObject entry = new JsonObject();
            String now = clock.instant().toString();
            entry.addProperty("kind", kind.label());
            entry.addProperty("added", now);
            entry.addProperty("updated", now);
            encryptInto(entry, key, value, aad(name, kind));
            secrets(root).add(name, entry);
        });
    }

    /**
     * Replaces the value of {@code name} (same kind) and forgets an earlier refusal. On any failure
     * the previous value stays in force: nothing is written before the new value is encrypted, and
     * the file is replaced atomically.
     */
    public void update(String name, char[] value) {
        checkName(name);
        change(root -> {
            JsonObject entry = entryOrThrow(root, name);
            SecretKind kind = SecretKind.of(entry.get("kind").getAsString());
            kind.check(value);
            SecretKeySpec key = openKey(root, false);
            encryptInto(entry, key, value, aad(name, kind));
            entry.addProperty("updated", clock.instant().toString());
            entry.remove("refused");
            entry.remove("refusedWith");
        });
    }

    public void remove(String name) {
        checkName(name);
        change(root -> {
            entryOrThrow(root, name);
            secrets(root).remove(name);
        });
    }

    /** The card refused the value of {@code name} with {@code statusWord} (63Cx or 6983). */
    public void markRefused(String name, String statusWord) {
        change(root -> {
            JsonObject entry = secrets(root).getAsJsonObject(name);
            if (entry != null) {
                entry.addProperty("refused", clock.instant().toString());
                entry.addProperty("refusedWith", statusWord);
            }
        });
    }

    /** The card accepted the value of {@code name}: an earlier refusal no longer holds. */
    public void clearRefused(String name) {
        change(root -> {
            JsonObject entry = secrets(root).getAsJsonObject(name);
            if (entry != null) {
                entry.remove("refused");
                entry.remove("refusedWith");
            }
        });
    }

    private interface Change {
        void apply(JsonObject root);
    }

    private void change(Change change) {
        Path lockFile = location.store().resolveSibling(location.store().getFileName() + ".lock");
        try {
            if (!Files.exists(lockFile)) {
                PrivateFiles.writeAtomically(lockFile, new byte[0]);
            }
            try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE);
                 FileLock lock = channel.lock()) {
                JsonObject root = read().orElseGet(this::newRoot);
                change.apply(root);
                writer.write(location.store(), GSON.toJson(root).getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new InvalidInputException("cannot write the secret store " + location.store() + ": "
                    + PrivateFiles.reason(e));
        }
    }

    private JsonObject newRoot() {
        JsonObject root = new JsonObject();
        root.addProperty("format", FORMAT);
        root.addProperty("cipher", "AES-256-GCM");
        root.add("key", StoreKey.newHeader(environment, iterations));
        root.add("secrets", new JsonObject());
        return root;
    }

    private Optional<JsonObject> read() {
        Path file = location.store();
        byte[] bytes;
        try {
            if (!Files.exists(file)) {
                return Optional.empty();
            }
            PrivateFiles.checkPrivate(file, "the secret store");
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new InvalidInputException("cannot read the secret store " + file + ": " + PrivateFiles.reason(e));
        }
        try {
            JsonObject root = JsonParser.parseString(new String(bytes, StandardCharsets.UTF_8)).getAsJsonObject();
            if (!root.has("format") || !FORMAT.equals(root.get("format").getAsString())) {
                throw new InvalidInputException("the secret store " + file + " is not in the format " + FORMAT);
            }
            return Optional.of(root);
        } catch (JsonParseException | IllegalStateException | UnsupportedOperationException e) {
            throw new InvalidInputException("the secret store " + file + " is damaged (not valid JSON)");
        }
    }

    /** The store's key, checked against the check value (written with the first key use). */
    private SecretKeySpec openKey(JsonObject root, boolean create) {
        SecretKeySpec key = StoreKey.load(root.getAsJsonObject("key"), location, environment, create);
        JsonObject check = root.getAsJsonObject("check");
        if (check == null) {
            check = new JsonObject();
            char[] text = new String(CHECK, StandardCharsets.US_ASCII).toCharArray();
            encryptInto(check, key, text, "check".getBytes(StandardCharsets.US_ASCII));
            root.add("check", check);
        } else {
            try {
                Arrays.fill(decrypt(key, check, "check".getBytes(StandardCharsets.US_ASCII), "the check value"), (byte) 0);
            } catch (InvalidInputException e) {
                throw new InvalidInputException("the key does not open the secret store " + location.store()
                        + " (a different key file or passphrase than the one it was made with)");
            }
        }
        return key;
    }

    private static void encryptInto(JsonObject entry, SecretKeySpec key, char[] value, byte[] aad) {
        ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(value));
        byte[] plain = Arrays.copyOfRange(encoded.array(), encoded.position(), encoded.limit());
        Arrays.fill(encoded.array(), (byte) 0);
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(aad);
            byte[] sealed = cipher.doFinal(plain);
            entry.addProperty("nonce", Base64.getEncoder().encodeToString(nonce));
            entry.addProperty("value", Base64.getEncoder().encodeToString(sealed));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/GCM is missing from this Java runtime", e);
        } finally {
            Arrays.fill(plain, (byte) 0);
        }
    }

    private static byte[] decrypt(SecretKeySpec key, JsonObject entry, byte[] aad, String what) {
        try {
            byte[] nonce = Base64.getDecoder().decode(entry.get("nonce").getAsString());
            byte[] sealed = Base64.getDecoder().decode(entry.get("value").getAsString());
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(aad);
            return cipher.doFinal(sealed);
        } catch (AEADBadTagException | IllegalArgumentException | NullPointerException | IllegalStateException e) {
            throw new InvalidInputException(what + " in the secret store does not decrypt: it was changed or damaged");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/GCM is missing from this Java runtime", e);
        }
    }

    private static byte[] aad(String name, SecretKind kind) {
        return (FORMAT + "\0" + name + "\0" + kind.label()).getBytes(StandardCharsets.UTF_8);
    }

    private static JsonObject secrets(JsonObject root) {
        JsonObject secrets = root.getAsJsonObject("secrets");
        if (secrets == null) {
            secrets = new JsonObject();
            root.add("secrets", secrets);
        }
        return secrets;
    }

    private JsonObject entryOrThrow(JsonObject root, String name) {
        JsonObject entry = secrets(root).getAsJsonObject(name);
        if (entry == null) {
            throw noSuchSecret(name);
        }
        return entry;
    }

    private InvalidInputException noSuchSecret(String name) {
        return new InvalidInputException("no secret named '" + name + "' in " + location.store()
                + " (schsm secret list shows the names)");
    }

    private static Entry entry(String name, JsonObject e) {
        return new Entry(name, SecretKind.of(e.get("kind").getAsString()), Instant.parse(e.get("added").getAsString()),
                Instant.parse(e.get("updated").getAsString()),
                e.has("refused") ? Optional.of(Instant.parse(e.get("refused").getAsString())) : Optional.empty(),
                e.has("refusedWith") ? Optional.of(e.get("refusedWith").getAsString()) : Optional.empty());
    }
}
