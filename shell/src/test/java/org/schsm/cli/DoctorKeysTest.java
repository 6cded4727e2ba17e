package org.schsm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.schsm.session.ExitCode;
import org.schsm.testkit.InProcessSchsm;
import org.schsm.testkit.SchsmRun;

/** {@code schsm doctor} tells how many keys a re-initialization would erase (issue 15 item 16). */
class DoctorKeysTest {
    @TempDir
    Path dir;

    private static SchsmRun ok(InProcessSchsm cli, String... args) {
        SchsmRun r = cli.run(args);
        assertEquals(ExitCode.OK, r.exitCode(), r::toString);
        return r;
    }

    @Test
    void doctorCountsTheKeysAReinitializationWouldErase() {
        InProcessSchsm cli = InProcessSchsm.onSimulator(dir.resolve("card.state"));
        ok(cli, "init", "--so-pin", "3537363231383830", "--pin", "648219");
        SchsmRun none = ok(cli, "doctor");
        assertTrue(none.out().contains("No keys on the device: a re-initialization would erase none"), none::toString);

        ok(cli, "key", "generate", "--type", "ec:secp256r1", "--label", "first", "--pin", "648219");
        ok(cli, "key", "generate", "--type", "ec:brainpoolP256r1", "--label", "second", "--pin", "648219");
        SchsmRun two = ok(cli, "doctor");
        assertTrue(two.out().contains("2 keys on the device: a re-initialization would erase all 2"), two::toString);
        assertTrue(two.out().contains("schsm keys"), two::toString);

        JsonObject json = JsonParser.parseString(ok(cli, "doctor", "--json").out()).getAsJsonObject();
        boolean found = false;
        for (JsonElement f : json.getAsJsonArray("findings")) {
            found |= "keys-on-device".equals(f.getAsJsonObject().get("code").getAsString());
        }
        assertTrue(found, json::toString);
    }
}
