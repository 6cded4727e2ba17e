package org.schsm.cli.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.schsm.session.ExitCode;
import org.schsm.testkit.SchsmRun;

/** Reads {@code schsm status --json} and compares it with what sc-hsm-tool printed. */
final class StatusAgreement {
    private StatusAgreement() {
    }

    static JsonObject schsmStatus() {
        SchsmRun run = Tools.schsm("status", "--json");
        assertEquals(ExitCode.OK, run.exitCode(), run.toString());
        return JsonParser.parseString(run.out()).getAsJsonObject();
    }

    /** Every field both tools print must have the same value. */
    static void assertAgree(JsonObject schsm, ScHsmToolStatus tool) {
        String both = "schsm: " + schsm + "\nsc-hsm-tool: " + tool;
        assertEquals(tool.version(), schsm.get("version").getAsString(), "version\n" + both);
        assertEquals(!tool.neverInitialized(), schsm.get("initialized").getAsBoolean(), "initialized\n" + both);
        List<String> names = new ArrayList<>();
        JsonElement optionNames = schsm.get("optionNames");
        if (optionNames != null && optionNames.isJsonArray()) {
            optionNames.getAsJsonArray().forEach(e -> names.add(e.getAsString()));
        }
        assertEquals(tool.optionNames(), names, "config options\n" + both);
        // sc-hsm-tool prints "User PIN locked" instead of a count for a blocked PIN: that is 0 tries.
        assertEquals(tool.soLocked() ? Optional.of(0) : tool.soTriesLeft(), triesLeft(schsm, "soPin"),
                "SO-PIN tries left\n" + both);
        assertEquals(tool.userLocked() ? Optional.of(0) : tool.userTriesLeft(), triesLeft(schsm, "userPin"),
                "user PIN tries left\n" + both);
        assertEquals(tool.soLocked(), schsm.getAsJsonObject("soPin").get("blocked").getAsBoolean(), "SO-PIN locked\n" + both);
        assertEquals(tool.userLocked(), schsm.getAsJsonObject("userPin").get("blocked").getAsBoolean(),
                "user PIN locked\n" + both);
        JsonElement dkek = schsm.get("dkek");
        boolean schsmHasShares = dkek != null && dkek.isJsonObject() && dkek.getAsJsonObject().get("shares").getAsInt() > 0;
        if (tool.dkekShares().isPresent() || schsmHasShares) {
            assertTrue(dkek != null && dkek.isJsonObject(), "sc-hsm-tool prints DKEK shares, schsm none\n" + both);
            JsonObject d = dkek.getAsJsonObject();
            assertEquals(tool.dkekShares(), Optional.of(d.get("shares").getAsInt()), "DKEK shares\n" + both);
            assertEquals(tool.dkekOutstanding(), Optional.of(d.get("outstanding").getAsInt()), "DKEK outstanding\n" + both);
            tool.keyCheckValue().ifPresent(kcv ->
                    assertEquals(kcv, d.get("keyCheckValue").getAsString().toUpperCase(), "DKEK KCV\n" + both));
        }
    }

    private static Optional<Integer> triesLeft(JsonObject schsm, String pin) {
        JsonElement tries = schsm.getAsJsonObject(pin).get("triesLeft");
        return tries == null || tries.isJsonNull() ? Optional.empty() : Optional.of(tries.getAsInt());
    }
}
