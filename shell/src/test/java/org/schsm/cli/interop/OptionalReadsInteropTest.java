package org.schsm.cli.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.schsm.apdu.Hex;
import org.schsm.apdu.StatusWord;
import org.schsm.session.ExitCode;
import org.schsm.testkit.InteropTest;
import org.schsm.testkit.Requirement;
import org.schsm.testkit.SchsmRun;

/**
 * A served card that refuses the DKEK status query ({@code 80 52 00 00 00}) with one status word
 * after another, as cards of other makes do (6B00 on one, 6D00 on a fresh simulator): status and
 * doctor still print everything else, and show the DKEK as not available with that status word.
 */
@InteropTest({Requirement.PCSCD, Requirement.VPCD_DRIVER, Requirement.OPENSC_TOOL, Requirement.VPCD_READER,
        Requirement.SC_HSM_TOOL})
@Timeout(240)
class OptionalReadsInteropTest extends CardInReaderTest {
    @Test
    void aRefusedDkekQueryLeavesStatusAndDoctorComplete() throws Exception {
        reader = CardInReader.insertFresh(dir.resolve("card.state"));
        Tools.initialize();
        for (String sw : List.of("6B00", "6D00", "6A88", "6982", "6F00")) {
            reader.answerInstead(command -> Hex.encode(command).startsWith("8052") ? Hex.decode(sw) : null);
            String meaning = StatusWord.parse(sw).toString();

            SchsmRun status = Tools.schsm("status");
            assertEquals(ExitCode.OK, status.exitCode(), status.toString());
            String out = status.out();
            assertTrue(out.contains("Version              : 3.6"), out);
            assertTrue(out.contains("SO-PIN               : 15 tries left"), out);
            assertTrue(out.contains("User PIN             : 3 tries left"), out);
            assertTrue(out.contains("DKEK                 : not available: card answered " + meaning), out);
            assertTrue(out.contains("ATR                  : "), out);

            SchsmRun json = Tools.schsm("status", "--json");
            assertEquals(ExitCode.OK, json.exitCode(), json.toString());
            JsonObject o = JsonParser.parseString(json.out()).getAsJsonObject();
            assertTrue(o.get("dkek").isJsonNull(), json.out());
            assertEquals(sw, o.getAsJsonObject("dkekNotAvailable").get("sw").getAsString());
            assertEquals(15, o.getAsJsonObject("soPin").get("triesLeft").getAsInt());

            SchsmRun doctor = Tools.schsm("doctor");
            assertEquals(ExitCode.OK, doctor.exitCode(), doctor.toString());
            assertTrue(doctor.out().contains("SO-PIN tries left: 15"), doctor.out());
            assertTrue(doctor.out().contains("DKEK status not available"), doctor.out());
            assertTrue(doctor.out().contains("card answered " + meaning), doctor.out());
        }
    }
}
