package org.schsm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.schsm.hsm.InitializeOptions;
import org.schsm.hsm.KeyGenerationRequest;
import org.schsm.hsm.KeySpec;
import org.schsm.hsm.Pin;
import org.schsm.hsm.SmartCardHsm;
import org.schsm.hsm.SoPin;
import org.schsm.session.EmbeddedSimulator;
import org.schsm.session.ExitCode;
import org.schsm.testkit.HsmConstants;
import org.schsm.testkit.InProcessSchsm;
import org.schsm.testkit.SchsmRun;

/**
 * {@code schsm keys --usage} and {@code schsm inspect} show each key's allowed algorithms (GAKP tag
 * 91) and uses left (tag 90) as the key's FCP reports them; {@code schsm keys} without
 * {@code --usage} stays at 1 + 2 APDUs per key and shows neither.
 */
class KeysUsageCliTest {
    @TempDir
    Path dir;
    InProcessSchsm cli;

    @BeforeEach
    void twoKeysOneRestricted() {
        Path state = dir.resolve("card.state");
        try (EmbeddedSimulator card = EmbeddedSimulator.open(state)) {
            SmartCardHsm hsm = SmartCardHsm.connect(card);
            hsm.initialize(InitializeOptions.builder(SoPin.fromHex(HsmConstants.DEFAULT_SO_PIN),
                    Pin.user(HsmConstants.USER_PIN)).build());
            hsm.verify(HsmConstants.USER_PIN);
            String serial = hsm.deviceIdentity().serialNumber().orElseThrow();
            KeyGenerationRequest plain = KeyGenerationRequest.openScStyle(KeySpec.ec("secp256r1"), serial);
            KeyGenerationRequest restricted = new KeyGenerationRequest(plain.spec(), plain.authorityReference(),
                    plain.holderReference(), Optional.of(3L), new byte[] {0x73}, Optional.empty());
            hsm.generateKeyPair(1, restricted, "counted");
            hsm.generateKeyPair(2, plain, "free");
            hsm.sign(1, "spend one use".getBytes(StandardCharsets.US_ASCII));
        }
        cli = InProcessSchsm.onSimulator(state);
    }

    private SchsmRun ok(String... args) {
        SchsmRun r = cli.run(args);
        assertEquals(ExitCode.OK, r.exitCode(), r::toString);
        return r;
    }

    @Test
    void theTableShowsUsesLeftAndAlgorithmsOnlyWithUsage() {
        String plain = ok("keys").out();
        assertFalse(plain.contains("USES"), plain);
        String table = ok("keys", "--usage").out();
        List<String> lines = table.lines().toList();
        assertTrue(lines.get(0).matches("ID +TYPE +BITS +CURVE +CE +LABEL +USES +ALGORITHMS"), table);
        assertTrue(lines.get(1).matches("01 +EC +256 +secp256r1 +request +counted +2 +ECDSA-SHA256 \\(73\\)"), table);
        assertTrue(lines.get(2).matches("02 +EC +256 +secp256r1 +request +free +unlimited +any"), table);
    }

    @Test
    void theJsonCarriesUsesLeftAlgorithmsAndDomainWithUsage() {
        JsonArray keys = JsonParser.parseString(ok("keys", "--json", "--usage").out()).getAsJsonArray();
        JsonObject counted = keys.get(0).getAsJsonObject();
        assertTrue(counted.get("usageReported").getAsBoolean());
        assertEquals(2, counted.get("usesLeft").getAsLong());
        assertEquals("[\"73\"]", counted.get("algorithms").toString());
        assertEquals(0, counted.get("keyDomain").getAsInt());
        JsonObject free = keys.get(1).getAsJsonObject();
        assertTrue(free.get("usesLeft").isJsonNull(), free::toString);
        assertTrue(free.get("algorithms").isJsonNull(), "no list: any algorithm the key type allows");

        JsonObject fast = JsonParser.parseString(ok("keys", "--json").out()).getAsJsonArray().get(0).getAsJsonObject();
        assertFalse(fast.has("usesLeft") || fast.has("algorithms"), fast::toString);
    }

    @Test
    void usageCostsOneSelectPerKey() {
        SchsmRun r = ok("keys", "--usage", "--trace");
        List<String> sent = r.err().lines().filter(l -> l.contains(">> ")).toList();
        List<String> keySelects = sent.stream().filter(l -> l.contains(">> 00 A4 00 00 02 CC ")).toList();
        assertEquals(2, keySelects.size(), () -> String.join("\n", sent));
        long applicationSelects = sent.stream().filter(l -> l.contains(">> 00 A4 04 ")).count();
        assertEquals(applicationSelects + 1 + 3 * 2, sent.size(), () -> String.join("\n", sent));
    }

    @Test
    void inspectShowsTheUsageOfEveryKey() {
        String text = ok("inspect").out();
        assertTrue(text.contains("USES"), text);
        assertTrue(text.lines().anyMatch(l -> l.matches("01 .*counted +2 +ECDSA-SHA256 \\(73\\)")), text);
        JsonObject json = JsonParser.parseString(ok("inspect", "--json").out()).getAsJsonObject();
        JsonObject counted = json.getAsJsonArray("keys").get(0).getAsJsonObject();
        assertEquals(2, counted.get("usesLeft").getAsLong(), json::toString);
    }
}
