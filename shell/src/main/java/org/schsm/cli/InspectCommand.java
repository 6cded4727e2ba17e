package org.schsm.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.schsm.apdu.StatusWordException;
import org.schsm.hsm.DeviceStatus;
import org.schsm.hsm.FileKind;
import org.schsm.hsm.KeyInfo;
import org.schsm.hsm.SmartCardHsm;
import org.schsm.hsm.cvc.DeviceIdentity;
import org.schsm.session.CardConnector;
import org.schsm.session.CardOptions;
import org.schsm.session.CardSession;
import org.schsm.session.ExitCode;
import org.schsm.session.FleetOptions;
import org.schsm.session.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code schsm inspect}: everything the card tells without a PIN, in one view, as a device
 * console's "Inspect" screen shows it: ATR, applet version and options, serial and certificate
 * chain, PIN counters, DKEK, the files and the keys with their allowed algorithms and uses left.
 * Reads only; spends no try.
 */
@Command(name = "inspect", description = "Everything readable without a PIN in one view: ATR, applet, serial,"
        + " device certificate chain, PIN counters, DKEK, files and keys.")
public final class InspectCommand implements Callable<Integer> {
    /** --parallel, for a run over a reader set (org.schsm.fleet.FleetRun reads it). */
    @Mixin
    FleetOptions fleet;

    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "Print as JSON.")
    boolean json;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (CardSession session = CardConnector.open(CardOptions.of(spec), spec.commandLine().getErr(), true)) {
            SmartCardHsm hsm = new SmartCardHsm(session.transport());
            DeviceStatus status = hsm.status();
            DeviceIdentity identity = hsm.deviceIdentity();
            List<Integer> files;
            String filesError = null;
            try {
                files = hsm.enumerateObjects();
            } catch (StatusWordException e) {
                files = List.of();
                filesError = "ENUMERATE OBJECTS refused: " + e.statusWord();
            }
            List<KeyInfo> keys = hsm.keysWithUsage(files);
            if (json) {
                JsonObject o = StatusJson.of(status, session);
                o.addProperty("serial", identity.serialNumber().orElse(null));
                o.add("certificate", IdentityReport.json(identity));
                JsonArray fileArray = new JsonArray();
                for (int fid : files) {
                    JsonObject f = new JsonObject();
                    f.addProperty("fid", String.format("%04X", fid));
                    f.addProperty("kind", FileKind.of(fid).word());
                    fileArray.add(f);
                }
                o.add("files", fileArray);
                o.addProperty("filesError", filesError);
                o.add("keys", KeysCommand.json(keys));
                out.println(Json.GSON.toJson(o));
                return ExitCode.OK;
            }
            StatusCommand.printStatus(out, session, status, identity);
            out.println("Files                : " + (filesError != null ? filesError : files.size() + " listed"));
            for (int fid : files) {
                out.println(String.format("  %04X  %s", fid, FileKind.of(fid).word()));
            }
            out.println("Keys                 : " + keys.size());
            KeysCommand.print(out, keys);
            return ExitCode.OK;
        }
    }
}
