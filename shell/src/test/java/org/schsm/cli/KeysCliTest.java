package org.schsm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.schsm.session.ExitCode;
import org.schsm.testkit.InProcessSchsm;
import org.schsm.testkit.SchsmRun;

/** {@code schsm keys}, {@code inspect} and the identity lines of {@code status} on the embedded simulator. */
class KeysCliTest {
    @TempDir
    Path dir;
    InProcessSchsm cli;

    @BeforeEach
    void setUp() {
        cli = InProcessSchsm.onSimulator(dir.resolve("card.state"));
    }

    private SchsmRun ok(String... args) {
        SchsmRun r = cli.run(args);
        assertEquals(ExitCode.OK, r.exitCode(), r::toString);
        return r;
    }

    @Test
    void statusShowsSerialAndTheSimulatorsCertificateVerdict() {
        SchsmRun r = ok("status");
        assertTrue(r.out().matches("(?s).*Serial               : \\S+\n.*"), r::toString);
        assertTrue(r.out().contains("Device certificate   : simulated SmartCard-HSM (root "), r::toString);
        assertTrue(r.out().contains("  device "), r::toString);

        JsonObject json = JsonParser.parseString(ok("status", "--json").out()).getAsJsonObject();
        JsonObject certificate = json.getAsJsonObject("certificate");
        assertEquals("simulated", certificate.get("verdict").getAsString());
        String device = certificate.get("device").getAsString();
        assertEquals(device.substring(0, device.length() - 5), json.get("serial").getAsString(),
                "serial = device CHR without its 5-character sequence number");
    }

    @Test
    void statusChecksAChainOnceAndInspectOnEveryRun() {
        ok("status");
        SchsmRun again = ok("status");
        assertTrue(again.out().contains("(signatures verified on an earlier run; schsm inspect checks them again)"),
                again::toString);
        JsonObject status = JsonParser.parseString(ok("status", "--json").out()).getAsJsonObject();
        assertTrue(status.getAsJsonObject("certificate").get("checkedBefore").getAsBoolean(), status::toString);
        assertEquals("simulated", status.getAsJsonObject("certificate").get("verdict").getAsString());

        JsonObject inspect = JsonParser.parseString(ok("inspect", "--json").out()).getAsJsonObject();
        assertFalse(inspect.getAsJsonObject("certificate").get("checkedBefore").getAsBoolean(), inspect::toString);
        assertEquals("simulated", inspect.getAsJsonObject("certificate").get("verdict").getAsString());
    }

    @Test
    void keysOnAFreshCardIsAnEmptyList() {
        assertTrue(ok("keys").out().contains("No keys on the card"));
        JsonArray keys = JsonParser.parseString(ok("keys", "--json").out()).getAsJsonArray();
        assertEquals(0, keys.size());
    }

    @Test
    void inspectShowsStatusIdentityFilesAndKeysInOneView() {
        SchsmRun text = ok("inspect");
        assertTrue(text.out().contains("Device certificate   : simulated"), text::toString);
        assertTrue(text.out().contains("Files                : "), text::toString);
        assertTrue(text.out().contains("Keys                 : 0"), text::toString);
        JsonObject json = JsonParser.parseString(ok("inspect", "--json").out()).getAsJsonObject();
        assertEquals("simulated", json.getAsJsonObject("certificate").get("verdict").getAsString());
        assertTrue(json.has("files") && json.get("files").isJsonArray(), json::toString);
        assertEquals(0, json.getAsJsonArray("keys").size());
        assertTrue(json.has("soPin") && json.has("atr"), json::toString);
    }
}
