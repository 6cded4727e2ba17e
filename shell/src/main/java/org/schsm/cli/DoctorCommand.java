package org.schsm.cli;

import com.google.gson.JsonObject;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import org.schsm.hsm.DeviceStatus;
import org.schsm.hsm.Diagnosis;
import org.schsm.hsm.Doctor;
import org.schsm.hsm.SmartCardHsm;
import org.schsm.session.FleetOptions;
import org.schsm.session.Json;
import org.schsm.transport.Readers;
import org.schsm.session.CardConnector;
import org.schsm.session.CardOptions;
import org.schsm.session.CardSession;
import org.schsm.session.ExitCode;
import org.schsm.session.CliRemedies;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code schsm doctor}: explains the device's state and the recovery paths for exactly that state.
 * When no card can be reached over PC/SC it diagnoses the PC/SC stack instead (service, reader,
 * card, another program holding it, driver) rather than falling back to the simulated card the
 * way the other commands do: a doctor that examines a stand-in would mislead.
 */
@Command(name = "doctor", description = {"Explain the device state and what to do (and not do); spends no try.",
        "Without a reachable card: what is wrong with PC/SC (pcscd, reader, card, another program, driver) and the fix."})
public final class DoctorCommand implements Callable<Integer> {
    /** --parallel, for a run over a reader set (org.schsm.fleet.FleetRun reads it). */
    @Mixin
    FleetOptions fleet;

    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "Print the diagnosis as JSON.")
    boolean json;

    @Override
    public Integer call() {
        CardOptions options = CardOptions.of(spec);
        String wanted = options.reader();
        Readers readers = options.readers();
        if (!readers.isPseudoReader(wanted)) {
            PcscDiagnosis.Finding pcsc = new PcscDiagnosis(readers.pcscSource(), PcscHost.system()).diagnose(wanted);
            if (pcsc.problem() != PcscDiagnosis.Problem.OK) {
                if (json) {
                    JsonObject o = new JsonObject();
                    o.add("pcsc", pcsc.toJson());
                    spec.commandLine().getOut().println(Json.GSON.toJson(o));
                } else {
                    spec.commandLine().getOut().print(pcsc.toText());
                }
                return ExitCode.NO_CARD;
            }
        }
        try (CardSession session = CardConnector.open(options, spec.commandLine().getErr(), true)) {
            SmartCardHsm hsm = new SmartCardHsm(session.transport());
            DeviceStatus status = hsm.status();
            OptionalInt keys = Doctor.keyCount(hsm, status);
            Diagnosis diagnosis = Doctor.examine(status, keys);
            // At risk (last user-PIN try, blocked for good, SO-PIN blocked): can the keys be backed up, and how.
            Optional<BackupAdvice> backup = BackupAdvice.of(status, keys);
            if (json) {
                JsonObject o = Json.GSON.toJsonTree(diagnosis.rendered(CliRemedies::command)).getAsJsonObject();
                backup.ifPresent(b -> o.add("backup", b.toJson()));
                spec.commandLine().getOut().println(Json.GSON.toJson(o));
            } else {
                spec.commandLine().getOut().print(diagnosis.toText(CliRemedies::command));
                backup.ifPresent(b -> spec.commandLine().getOut().print("\n" + b.toText()));
            }
            return ExitCode.OK;
        }
    }
}
