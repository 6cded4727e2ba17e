package org.schsm.cli.hardening;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.schsm.simulator.EmbeddedSimulator;
import org.schsm.session.ExitCode;
import org.schsm.testkit.HsmConstants;
import org.schsm.testkit.InProcessSchsm;
import org.schsm.testkit.SchsmRun;

/**
 * The simulated card is one card (issue 14): one program holds a state file at a time, a try is
 * never free, and a state that cannot be written answers the same for right and wrong PINs.
 * Separate programs are real JVMs running {@code org.schsm.cli.Main}, as {@code bin/schsm} does.
 */
class StateFileHolderTest {
    private static final String SO_PIN = HsmConstants.DEFAULT_SO_PIN;
    private static final String USER_PIN = "64821933";     // 8 characters: 10 tries allowed
    private static final String WRONG_PIN = "00000000";
    private static final Pattern TRIES_LEFT = Pattern.compile("63C([0-9A-F])");

    @TempDir
    Path dir;

    private Path initialized() {
        Path state = dir.resolve("card.state");
        SchsmRun init = InProcessSchsm.capturingStrayOutput().run("init", "--so-pin", SO_PIN, "--pin", USER_PIN, "--pin-retry", "10",
                "-r", "sim", "--sim-state", state.toString());
        assertEquals(0, init.exitCode(), init::toString);
        return state;
    }

    private static int userTriesLeft(Path state) {
        SchsmRun status = InProcessSchsm.capturingStrayOutput().run("pin", "status", "-r", "sim", "--sim-state", state.toString());
        assertEquals(0, status.exitCode(), status::toString);
        Matcher m = Pattern.compile("User PIN : (\\d+) tries left").matcher(status.out());
        assertTrue(m.find(), status::toString);
        return Integer.parseInt(m.group(1));
    }

    @Test
    void parallelProgramsEachSpendTheirOwnTryOrAreRefusedAsBusy() throws Exception {
        Path state = initialized();
        int n = 5;
        List<Process> programs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            programs.add(schsm(Map.of("SCHSM_SIM_WAIT", "30"), List.of(),
                    "pin", "verify", "--pin", WRONG_PIN, "--force", "-r", "sim", "--sim-state", state.toString()));
        }
        Set<Integer> reported = new HashSet<>();
        int busy = 0;
        for (Process p : programs) {
            String output = finish(p);
            Matcher m = TRIES_LEFT.matcher(output);
            if (p.exitValue() == ExitCode.CARD_REFUSED && m.find()) {
                int left = Integer.parseInt(m.group(1), 16);
                assertTrue(reported.add(left), "two programs saw " + left + " tries left: one worked on a stale copy\n"
                        + output);
            } else {
                assertEquals(ExitCode.NO_CARD, p.exitValue(), output);
                assertTrue(output.contains("is in use by"), output);
                busy++;
            }
        }
        assertEquals(n, reported.size() + busy);
        assertEquals(10 - reported.size(), userTriesLeft(state), "tries left " + reported + ", busy " + busy);
        assertTrue(reported.size() >= 1);
    }

    @Test
    void aReadOnlyStateFileGivesTheSameAnswerForRightAndWrongPinsAndStillReads() throws IOException {
        Path state = initialized();
        Files.setPosixFilePermissions(state, PosixFilePermissions.fromString("r--r--r--"));
        byte[] image = Files.readAllBytes(state);

        SchsmRun right = InProcessSchsm.capturingStrayOutput().run("pin", "verify", "--pin", USER_PIN, "-r", "sim", "--sim-state", state.toString());
        SchsmRun wrong = InProcessSchsm.capturingStrayOutput().run("pin", "verify", "--pin", WRONG_PIN, "-r", "sim", "--sim-state", state.toString());
        assertEquals(ExitCode.NO_CARD, right.exitCode(), right::toString);
        assertEquals(right.exitCode(), wrong.exitCode());
        assertEquals(right.out() + right.err(), wrong.out() + wrong.err());
        assertTrue(right.err().contains("cannot record a spent try"), right::toString);

        SchsmRun status = InProcessSchsm.capturingStrayOutput().run("status", "-r", "sim", "--sim-state", state.toString());
        assertEquals(0, status.exitCode(), status::toString);
        assertTrue(status.err().contains("is read-only"), status::toString);
        assertArrayEquals(image, Files.readAllBytes(state));
    }

    /** A disk that cannot take the file (here: a file-size limit of 8 KiB, EFBIG) is no oracle either. */
    @Test
    void aStateThatCannotBeWrittenGivesTheSameAnswerForRightAndWrongPins() throws Exception {
        Path state = initialized();
        List<String> limited = List.of("bash", "-c", "ulimit -f 8 && exec \"$@\"", "schsm");
        Process right = schsm(Map.of(), limited, "pin", "verify", "--pin", USER_PIN, "-r", "sim", "--sim-state", state.toString());
        String rightOutput = finish(right);
        Process wrong = schsm(Map.of(), limited, "pin", "verify", "--pin", WRONG_PIN, "-r", "sim", "--sim-state", state.toString());
        String wrongOutput = finish(wrong);
        assertEquals(ExitCode.NO_CARD, right.exitValue(), rightOutput);
        assertEquals(right.exitValue(), wrong.exitValue());
        assertEquals(rightOutput, wrongOutput);
        assertTrue(rightOutput.contains("cannot record a spent try (File too large)"), rightOutput);
        assertEquals(10, userTriesLeft(state), "nothing was compared, nothing was spent");
    }

    @Test
    void simServeAndTheCommandLineExcludeEachOtherAndAKilledServerLeavesNoLock() throws Exception {
        Path state = initialized();
        String port = String.valueOf(freePort());  // nobody listens: serve keeps retrying, holding the card
        Process serve = schsm(Map.of(), List.of(), "sim", "serve", "--state", state.toString(), "--port", port, "--for", "60");
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(serve.getInputStream(), StandardCharsets.UTF_8));
            String first = out.readLine();
            assertTrue(first != null && first.startsWith("Serving"), "sim serve said: " + first);

            Process cli = schsm(Map.of("SCHSM_SIM_WAIT", "0.3"), List.of(), "pin", "status", "-r", "sim", "--sim-state", state.toString());
            String refused = finish(cli);
            assertEquals(ExitCode.NO_CARD, cli.exitValue(), refused);
            assertTrue(refused.contains("is in use by pid " + serve.pid() + " (schsm sim serve)"), refused);
            assertEquals(1, refused.lines().filter(l -> !l.isBlank()).count(), "one line: " + refused);

            serve.destroyForcibly();  // SIGKILL
            assertTrue(serve.waitFor(10, TimeUnit.SECONDS));
            Process after = schsm(Map.of("SCHSM_SIM_WAIT", "0"), List.of(), "pin", "status", "-r", "sim", "--sim-state", state.toString());
            String status = finish(after);
            assertEquals(0, after.exitValue(), "a killed holder must leave no lock:\n" + status);
        } finally {
            serve.destroyForcibly();
        }

        try (EmbeddedSimulator held = EmbeddedSimulator.open(state)) {   // as the shell holds it
            Process second = schsm(Map.of("SCHSM_SIM_WAIT", "0.3"), List.of(), "sim", "serve", "--state", state.toString(),
                    "--port", port, "--for", "5");
            String refused = finish(second);
            assertEquals(ExitCode.NO_CARD, second.exitValue(), refused);
            assertTrue(refused.contains("is in use by pid " + ProcessHandle.current().pid()), refused);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static Process schsm(Map<String, String> env, List<String> wrapper, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(wrapper);
        cmd.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                "org.schsm.cli.Main"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        p.getOutputStream().close();
        return p;
    }

    private static String finish(Process p) throws Exception {
        byte[] output = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "child program did not finish");
        return new String(output, StandardCharsets.UTF_8);
    }
}
