package org.schsm.secrets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.schsm.InvalidInputException;
import org.schsm.hsm.PinFormatException;

class SecretStoreTest {
    static final String PIN = "Tq7#pL2v";
    static final String SO = "6B39517A34577832";
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T03:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    private StoreLocation location() {
        return new StoreLocation(dir.resolve("data/schsm/secrets.json"), dir.resolve("config/schsm/secrets.key"));
    }

    private SecretStore store(Map<String, String> env) {
        return new SecretStore(location(), env, CLOCK, PrivateFiles::writeAtomically, 1000);
    }

    private SecretStore store() {
        return store(Map.of());
    }

    private String fileText() throws IOException {
        return Files.readString(location().store(), StandardCharsets.UTF_8);
    }

    @Test
    void aValueComesBackAndIsNotInTheFileInAnyForm() throws IOException {
        store().add("lab", SecretKind.USER_PIN, PIN.toCharArray());
        store().add("lab-so", SecretKind.SO_PIN, SO.toCharArray());
        assertArrayEquals(PIN.toCharArray(), store().reveal("lab"));
        assertArrayEquals(SO.toCharArray(), store().reveal("lab-so"));
        String text = fileText();
        assertFalse(text.contains(PIN) || text.contains(SO) || text.toUpperCase().contains("54713723704C3276"), text);
        assertTrue(text.contains("\"lab\"") && text.contains("AES-256-GCM"), text);
    }

    @Test
    void storeAndKeyAreOwnerOnlyFilesInTheirOwnDirectories() throws IOException {
        store().add("lab", SecretKind.USER_PIN, PIN.toCharArray());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(location().store())));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(location().keyFile())));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(location().keyFile().getParent())));
        assertEquals(32, Files.size(location().keyFile()));
        try (var stream = Files.list(location().store().getParent())) {
            assertTrue(stream.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")), "no temporary file is left");
        }
    }

    @Test
    void aStoreOthersCanReadIsRefused() throws IOException {
        store().add("lab", SecretKind.USER_PIN, PIN.toCharArray());
        Files.setPosixFilePermissions(location().store(), PosixFilePermissions.fromString("rw-r-----"));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> store().reveal("lab"));
        assertTrue(e.getMessage().contains("open to group or others") && e.getMessage().contains("chmod 600"), e.getMessage());
        assertThrows(InvalidInputException.class, () -> store().list());
        Files.setPosixFilePermissions(location().store(), PosixFilePermissions.fromString("rw-------"));
        Files.setPosixFilePermissions(location().keyFile(), PosixFilePermissions.fromString("rw----r--"));
        assertThrows(InvalidInputException.class, () -> store().reveal("lab"));
    }

    @Test
    void anotherKeyFileDoesNotOpenTheStore() throws IOException {
        store().add("lab", SecretKind.USER_PIN, PIN.toCharArray());
        Files.write(location().keyFile(), new byte[32]);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> store().reveal("lab"));
        assertTrue(e.getMessage().contains("the key does not open"), e.getMessage());
    }

    @Test
    void aValueMovedToAnotherNameDoesNotDecrypt() throws IOException {
        store().add("a", SecretKind.USER_PIN, PIN.toCharArray());
        store().add("b", SecretKind.USER_PIN, "Zx9!mK4w".toCharArray());
        com.google.gson.JsonObject root = com.google.gson.JsonParser.parseString(fileText()).getAsJsonObject();
        var secrets = root.getAsJsonObject("secrets");
        var a = secrets.getAsJsonObject("a");
        secrets.getAsJsonObject("b").add("value", a.get("value"));
        secrets.getAsJsonObject("b").add("nonce", a.get("nonce"));
        Files.writeString(location().store(), root.toString());
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> store().reveal("b"));
        assertTrue(e.getMessage().contains("changed or damaged"), e.getMessage());
        assertArrayEquals(PIN.toCharArray(), store().reveal("a"));
    }

    @Test
    void aPassphraseStoreNeedsThePassphrase() {
        Map<String, String> env = new HashMap<>(Map.of(StoreKey.PASSPHRASE_VARIABLE, "correct horse battery staple"));
        store(env).add("ci", SecretKind.USER_PIN, PIN.toCharArray());
        assertFalse(Files.exists(location().keyFile()), "no key file in passphrase mode");
        assertArrayEquals(PIN.toCharArray(), store(env).reveal("ci"));
        InvalidInputException missing = assertThrows(InvalidInputException.class, () -> store().reveal("ci"));
        assertTrue(missing.getMessage().contains("SCHSM_SECRET_PASSPHRASE"), missing.getMessage());
        env.put(StoreKey.PASSPHRASE_VARIABLE, "wrong horse");
        assertThrows(InvalidInputException.class, () -> store(env).reveal("ci"));
    }

    @Test
    void valuesAreCheckedAgainstTheirKindBeforeStoring() {
        assertThrows(PinFormatException.class, () -> store().add("short", SecretKind.USER_PIN, "12345".toCharArray()));
        assertThrows(PinFormatException.class, () -> store().add("so", SecretKind.SO_PIN, "57621880".toCharArray()));
        assertThrows(InvalidInputException.class, () -> store().add("bad name", SecretKind.USER_PIN, PIN.toCharArray()));
        assertTrue(store().list().isEmpty());
    }

    @Test
    void updateThatFailsKeepsThePreviousValue() {
        store().add("lab", SecretKind.USER_PIN, PIN.toCharArray());
        // a value the kind refuses
        assertThrows(PinFormatException.class, () -> store().update("lab", "123".toCharArray()));
        assertArrayEquals(PIN.toCharArray(), store().reveal("lab"));
        // a write that fails (disk full, read-only file system)
        SecretStore failing = new SecretStore(location(), Map.of(), CLOCK, (file, content) -> {
            throw new IOException("No space left on device");
        }, 1000);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> failing.update("lab", "Zx9!mK4w".toCharArray()));
        assertTrue(e.getMessage().contains("No space left on device"), e.getMessage());
        assertArrayEquals(PIN.toCharArray(), store().reveal("lab"));
    }

    @Test
    void refusalsAreRecordedWithoutTheKeyAndClearedByUpdate() {
        store().add("lab", SecretKind.USER_PIN, PIN.toCharArray());
        store().markRefused("lab", "63C2 (wrong PIN, 2 tries left)");
        SecretStore.Entry e = store().find("lab").orElseThrow();
        assertEquals(Instant.parse("2026-12-01T03:00:00Z"), e.refused().orElseThrow());
        assertTrue(e.refusedWith().orElseThrow().startsWith("63C2"));
        store().update("lab", "Zx9!mK4w".toCharArray());
        assertTrue(store().find("lab").orElseThrow().refused().isEmpty());
        store().remove("lab");
        assertTrue(store().list().isEmpty());
    }
}
