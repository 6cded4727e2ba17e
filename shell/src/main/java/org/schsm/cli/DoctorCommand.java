package org.schsm.cli;

import java.util.concurrent.Callable;
import org.schsm.hsm.Diagnosis;
import org.schsm.hsm.Doctor;
import org.schsm.hsm.SmartCardHsm;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code schsm doctor}: explains the device's state and the recovery paths for exactly that state. */
@Command(name = "doctor", description = "Explain the device state and what to do (and not do); spends no try.")
public final class DoctorCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "Print the diagnosis as JSON.")
    boolean json;

    @Override
    public Integer call() {
        try (CardSession session = CardConnector.open(CardOptions.of(spec), spec.commandLine().getErr(), true)) {
            Diagnosis diagnosis = Doctor.diagnose(new SmartCardHsm(session.transport()));
            if (json) {
                spec.commandLine().getOut().println(Json.GSON.toJson(Json.GSON.toJsonTree(diagnosis)));
            } else {
                spec.commandLine().getOut().print(diagnosis.toText());
            }
            return ExitCode.OK;
        }
    }
}
