package org.schsm.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.schsm.apdu.CommandApdu;
import org.schsm.apdu.Hex;
import org.schsm.apdu.ResponseApdu;
import org.schsm.session.CardConnector;
import org.schsm.session.CardOptions;
import org.schsm.session.CardSession;
import org.schsm.session.ExitCode;
import org.schsm.session.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code schsm send APDU...}: raw APDUs in order. Every APDU is parsed before the first is sent,
 * so a typo in the third never leaves the first two applied.
 */
@Command(name = "send", description = "Send raw APDUs (hex); print data, SW and its meaning.")
public final class SendCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "APDU",
            description = "Command APDU in hex: 00A40400, '00 A4 04 00' or 00:A4:04:00; sent byte for byte.")
    List<String> apdus;

    @Option(names = "--raw", description = {"No automatic GET RESPONSE on 61xx or resend on 6Cxx; malformed"
            + " APDUs (3 bytes, an Lc that disagrees with the data) are sent as they are."})
    boolean raw;

    @Option(names = "--json", description = "Print the exchanges as JSON.")
    boolean json;

    @Override
    public Integer call() {
        // Every argument is checked before anything is sent; --raw lets malformed APDUs through as bytes.
        List<byte[]> commands = new ArrayList<>();
        for (int i = 0; i < apdus.size(); i++) {
            commands.add(raw ? Apdus.parseRawArgument(apdus.get(i), i + 1) : Apdus.parseArgument(apdus.get(i), i + 1).bytes());
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        boolean allOk = true;
        JsonArray exchanges = new JsonArray();
        try (CardSession session = CardConnector.open(CardOptions.of(spec), err, !raw)) {
            for (byte[] command : commands) {
                ResponseApdu response = ResponseApdu.decode(session.transport().transmit(command.clone()));
                String shown = CommandApdu.describe(command);
                boolean ok = response.isOk() || raw && response.statusWord().sw1() == 0x61;
                allOk &= ok;
                if (json) {
                    JsonObject o = new JsonObject();
                    o.addProperty("command", shown);
                    o.addProperty("data", Hex.encode(response.data()));
                    o.addProperty("sw", response.statusWord().hex());
                    o.addProperty("meaning", response.statusWord().meaning());
                    exchanges.add(o);
                } else {
                    out.println(">> " + shown);
                    if (response.dataLength() > 0) {
                        out.println("<< " + Hex.spaced(response.data()));
                    }
                    out.println("   " + response.statusWord());
                }
            }
        }
        if (json) {
            out.println(Json.GSON.toJson(exchanges));
        }
        return allOk ? ExitCode.OK : ExitCode.CARD_REFUSED;
    }
}
