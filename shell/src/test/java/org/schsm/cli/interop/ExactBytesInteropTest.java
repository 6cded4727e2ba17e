package org.schsm.cli.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.schsm.apdu.Hex;
import org.schsm.testkit.InteropTest;
import org.schsm.testkit.Requirement;
import org.schsm.testkit.SchsmRun;

/**
 * {@code schsm -v send --raw} over pcscd and vpcd: what the served card receives is what the
 * trace shows, byte for byte, for every class byte and for malformed commands. The issue this
 * answers: {@code send 01200081} was traced as {@code 01 20 00 81} and reached the card as
 * {@code 00 20 00 81}.
 */
@InteropTest({Requirement.PCSCD, Requirement.VPCD_DRIVER, Requirement.OPENSC_TOOL, Requirement.VPCD_READER})
@Timeout(240)
class ExactBytesInteropTest extends CardInReaderTest {
    @Test
    void theServedCardReceivesExactlyWhatTheTraceShows() throws Exception {
        reader = CardInReader.insertFresh(dir.resolve("card.state"));
        List<String> received = new CopyOnWriteArrayList<>();
        reader.answerInstead(command -> {
            received.add(Hex.encode(command));
            return null; // the simulated card answers
        });
        List<String> sent = new ArrayList<>();
        for (int cla = 0; cla <= 0xFF; cla++) {
            sent.add(Hex.byteHex(cla) + "200081");          // VERIFY status query in every class
        }
        sent.addAll(List.of("002000", "0020", "00A40000063132", "00B000000A0102", "80CA00000000"));
        List<String> args = new ArrayList<>(List.of("-v", "send", "--raw"));
        args.addAll(sent);

        SchsmRun run = Tools.schsm(args.toArray(String[]::new));

        List<String> traced = run.err().lines().filter(l -> l.startsWith("trace >> "))
                .map(l -> l.substring("trace >> ".length()))
                .map(l -> l.contains(" (") ? l.substring(0, l.indexOf(" (")) : l)
                .map(l -> l.replace(" ", "")).toList();
        assertEquals(sent, traced, run.toString());
        Set<String> ours = new HashSet<>(sent);
        assertEquals(sent, received.stream().filter(ours::contains).toList(), "what the card received");
    }
}
