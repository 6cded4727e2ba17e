package org.schsm.cli.interop;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.System.Logger.Level;
import java.lang.System.Logger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.schsm.cli.Main;
import org.schsm.testkit.HsmConstants;
import org.schsm.testkit.InProcessSchsm;
import org.schsm.testkit.PcscEnvironment;
import org.schsm.testkit.ProcessResult;
import org.schsm.testkit.ProcessRunner;
import org.schsm.testkit.SchsmRun;

/** The programs the interop tests drive: OpenSC's tools as processes, schsm in-process. */
final class Tools {
    static final String SO_PIN = HsmConstants.DEFAULT_SO_PIN;
    static final String USER_PIN = HsmConstants.USER_PIN;
    private static final Logger LOG = System.getLogger(Tools.class.getName());

    private Tools() {
    }

    /** {@code sc-hsm-tool -r <reader> args...} */
    static ProcessResult scHsmTool(String... args) {
        List<String> cmd = new ArrayList<>(List.of("sc-hsm-tool", "-r", CardInReader.NAME));
        cmd.addAll(Arrays.asList(args));
        ProcessResult r = ProcessRunner.run(ProcessRunner.DEFAULT_TIMEOUT, Map.of(), cmd.toArray(String[]::new));
        LOG.log(Level.DEBUG, () -> r.describe().lines().findFirst().orElse(""));
        return r;
    }

    /**
     * {@code sc-hsm-tool --initialize --so-pin 3537363231383830 --pin 648219 extra...}, asserted to
     * have worked. sc-hsm-tool 0.23 exits 0 even when INITIALIZE is refused, so its stderr is checked
     * for "failed" as well.
     */
    static void initialize(String... extra) {
        List<String> args = new ArrayList<>(List.of("--initialize", "--so-pin", SO_PIN, "--pin", USER_PIN));
        args.addAll(Arrays.asList(extra));
        ProcessResult init = scHsmTool(args.toArray(String[]::new));
        assertTrue(init.succeeded() && !init.stderr().contains("failed"), init.describe());
    }

    /** {@code pkcs11-tool --module <opensc-pkcs11.so> args...}; the vpcd reader is the only one with a card. */
    static ProcessResult pkcs11Tool(String... args) {
        List<String> cmd = new ArrayList<>(List.of("pkcs11-tool", "--module",
                PcscEnvironment.pkcs11Module().toString()));
        cmd.addAll(Arrays.asList(args));
        ProcessResult r = ProcessRunner.run(ProcessRunner.DEFAULT_TIMEOUT, Map.of(), cmd.toArray(String[]::new));
        LOG.log(Level.DEBUG, () -> r.describe().lines().findFirst().orElse(""));
        return r;
    }

    /** {@code opensc-tool -r <reader> args...} */
    static ProcessResult openscTool(String... args) {
        List<String> cmd = new ArrayList<>(List.of("opensc-tool", "-r", CardInReader.NAME));
        cmd.addAll(Arrays.asList(args));
        ProcessResult r = ProcessRunner.run(ProcessRunner.DEFAULT_TIMEOUT, Map.of(), cmd.toArray(String[]::new));
        LOG.log(Level.DEBUG, () -> r.describe().lines().findFirst().orElse(""));
        return r;
    }

    /** {@code schsm -r <reader> args...}, in this JVM, over real PC/SC (jnasmartcardio). */
    static SchsmRun schsm(String... args) {
        return logged(InProcessSchsm.onReader(CardInReader.NAME).run(args));
    }

    /** {@code schsm args...} exactly as given. */
    static SchsmRun schsmBare(String... args) {
        return logged(InProcessSchsm.schsm(args));
    }

    private static SchsmRun logged(SchsmRun r) {
        LOG.log(Level.DEBUG, () -> r.toString().lines().findFirst().orElse(""));
        return r;
    }

    /**
     * {@code schsm args...} as a separate JVM on this test's class path, with {@code environment}
     * added: for what only a process shows (environment variables, exit with a PC/SC call still blocked).
     */
    static ProcessResult schsmProcess(Map<String, String> environment, String... args) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(Arrays.asList(args));
        ProcessResult r = ProcessRunner.run(ProcessRunner.DEFAULT_TIMEOUT, environment, cmd.toArray(String[]::new));
        LOG.log(Level.DEBUG, () -> r.describe().lines().findFirst().orElse(""));
        return r;
    }
}
