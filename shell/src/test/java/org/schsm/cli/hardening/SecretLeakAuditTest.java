package org.schsm.cli.hardening;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.schsm.hsm.SmartCardHsm;
import org.schsm.testkit.InProcessSchsm;
import org.schsm.testkit.SchsmRun;

/**
 * Runs every card command of the CLI with the APDU trace on and known PINs and SO-PINs, given as
 * values, as {@code file:PATH} and (in a child JVM, whose environment can be set) as
 * {@code env:VAR}, and asserts that no PIN appears anywhere in what was printed: stdout, stderr,
 * {@code System.out}/{@code System.err} and log records, in ASCII, in hex (upper and lower case)
 * and in spaced hex.
 */
class SecretLeakAuditTest {
    // Distinctive values that nothing else in the output can contain by chance.
    static final String USER_PIN = "Tq7#pL2v";
    static final String USER_PIN_2 = "Zx9!mK4w";
    static final String USER_PIN_3 = "Hy3$rN8b";
    static final String SO_ASCII = "k9Qz4Wx2";
    static final String SO_ASCII_2 = "Pw5Ej7Rc";
    static final String SO_HEX = hex(SO_ASCII);
    static final String SO_HEX_2 = hex(SO_ASCII_2);
    static final List<String> SECRETS = List.of(USER_PIN, USER_PIN_2, USER_PIN_3, SO_ASCII, SO_ASCII_2);

    @TempDir
    Path dir;

    @Test
    void noCommandPrintsAPinInAnyFormWithTraceOn() throws IOException {
        Path state = dir.resolve("card.state");
        Path userFile = Files.writeString(dir.resolve("user.pin"), USER_PIN + "\n");
        Path soFile = Files.writeString(dir.resolve("so.pin"), SO_HEX + "\n");
        Map<String, String[]> script = new LinkedHashMap<>();
        script.put("init", args("init", "--so-pin", SO_HEX, "--pin", USER_PIN, "--pin-retry", "5"));
        script.put("status", args("status"));
        script.put("status --json", args("status", "--json"));
        script.put("pin status", args("pin", "status"));
        script.put("pin verify (value)", args("pin", "verify", "--pin", USER_PIN));
        script.put("pin verify (file)", args("pin", "verify", "--pin", "file:" + userFile));
        script.put("pin verify wrong", args("pin", "verify", "--pin", USER_PIN_3));
        script.put("pin verify --so (file)", args("pin", "verify", "--so", "--pin", "file:" + soFile));
        script.put("pin verify --so ascii", args("pin", "verify", "--so", "--so-pin-ascii", "--pin", SO_ASCII));
        script.put("pin change", args("pin", "change", "--old", USER_PIN, "--new", USER_PIN_2));
        script.put("pin change wrong old", args("pin", "change", "--old", USER_PIN_3, "--new", USER_PIN));
        script.put("pin unblock", args("pin", "unblock", "--so-pin", SO_HEX, "--new-pin", USER_PIN));
        script.put("pin unblock counter only", args("pin", "unblock", "--so-pin", "file:" + soFile));
        script.put("pin change --so", args("pin", "change", "--so", "--old", SO_HEX, "--new", SO_HEX_2));
        script.put("pin change --so back", args("pin", "change", "--so", "--old", SO_HEX_2.toLowerCase(Locale.ROOT),
                "--new", SO_HEX));
        script.put("doctor", args("doctor"));
        script.put("send VERIFY", args("send", "00 20 00 81 08 " + spaced(USER_PIN)));
        script.put("send VERIFY --json", args("send", "--json", "0020008108" + hex(USER_PIN)));
        script.put("send VERIFY --raw", args("send", "--raw", "0020008108" + hex(USER_PIN).toLowerCase(Locale.ROOT)));
        script.put("send CHANGE", args("send", "0024008110" + hex(USER_PIN) + hex(USER_PIN_2)));
        script.put("init --force (file)", args("init", "--force", "--so-pin", "file:" + soFile, "--pin", "file:" + userFile));
        script.put("init wrong SO-PIN", args("init", "--force", "--so-pin", SO_HEX_2, "--pin", USER_PIN));
        script.put("readers", args("readers"));
        int commands = 0;
        for (Map.Entry<String, String[]> step : script.entrySet()) {
            List<String> all = new ArrayList<>(List.of(step.getValue()));
            all.addAll(List.of("-v", "-r", "sim", "--sim-state", state.toString()));
            if (step.getKey().equals("readers")) {
                all = List.of("-v", "readers");
            }
            SchsmRun r = InProcessSchsm.capturingStrayOutput().run(all.toArray(String[]::new));
            assertNoSecret(step.getKey(), r.everything(), r.toString());
            if (!step.getKey().contains("wrong") && !step.getKey().equals("readers")) {
                assertTrue(r.exitCode() == 0 || step.getKey().startsWith("send"), () -> step.getKey() + " failed:\n" + r);
            }
            if (!step.getKey().equals("readers")) {
                assertTrue(r.err().contains("trace "), () -> step.getKey() + ": the trace was not on\n" + r);
            }
            commands++;
        }
        assertEquals(script.size(), commands);
    }

    /** env:VAR needs a real environment: the CLI runs in a child JVM with the test classpath. */
    @Test
    void pinsFromTheEnvironmentDoNotLeakEither() throws Exception {
        Path state = dir.resolve("env.state");
        Map<String, String> env = Map.of("SCHSM_T_SO", SO_HEX, "SCHSM_T_PIN", USER_PIN, "SCHSM_T_PIN2", USER_PIN_2);
        String[][] steps = {
            args("init", "--so-pin", "env:SCHSM_T_SO", "--pin", "env:SCHSM_T_PIN"),
            args("pin", "verify", "--pin", "env:SCHSM_T_PIN"),
            args("pin", "change", "--old", "env:SCHSM_T_PIN", "--new", "env:SCHSM_T_PIN2"),
            args("pin", "unblock", "--so-pin", "env:SCHSM_T_SO", "--new-pin", "env:SCHSM_T_PIN"),
            args("pin", "verify", "--so", "--pin", "env:SCHSM_T_SO"),
        };
        for (String[] step : steps) {
            List<String> cmd = new ArrayList<>(List.of(javaBinary(), "-cp", System.getProperty("java.class.path"),
                    "org.schsm.cli.Main"));
            cmd.addAll(List.of(step));
            cmd.addAll(List.of("-v", "-r", "sim", "--sim-state", state.toString()));
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
            pb.environment().putAll(env);
            Process p = pb.start();
            p.getOutputStream().close();
            byte[] output = p.getInputStream().readAllBytes();
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "child JVM did not finish");
            String text = new String(output, StandardCharsets.UTF_8);
            String name = String.join(" ", step);
            assertEquals(0, p.exitValue(), () -> name + ":\n" + text);
            assertTrue(text.contains("trace "), () -> name + ": trace was not on\n" + text);
            assertNoSecret(name, text, text);
        }
    }

    /**
     * Redaction follows the instruction, never the class byte or whether the command is well
     * formed (issue 20): INITIALIZE DEVICE in class 00, VERIFY in classes 0C and 80, a malformed
     * VERIFY and IMPORT DKEK SHARE in class 00 carry their secrets into a conformance run on
     * sim:fresh, whose -v trace, FAIL lines, differential table and JUnit XML must not show them.
     */
    @Test
    void commandsWithUnexpectedClassBytesLeakNowhereInAConformanceRun() throws IOException {
        String initData = "8002000181" + "08" + hex(USER_PIN) + "8208" + SO_HEX;
        String pin = hex(USER_PIN);
        Map<String, String> sends = new LinkedHashMap<>();
        sends.put("INITIALIZE in class 00", "00 50 00 00 " + lc(initData) + " " + initData);
        sends.put("VERIFY in class 0C", "0C 20 00 81 08 " + pin);
        sends.put("VERIFY in class 80", "80 20 00 81 08 " + spaced(USER_PIN_2));
        sends.put("malformed VERIFY in class 84", "84 20 00 81 0A " + pin);
        sends.put("CHANGE REFERENCE DATA in class E0", "E0 24 00 81 10 " + pin + hex(USER_PIN_3));
        sends.put("IMPORT DKEK SHARE in class 00", "00 52 00 00 08 " + hex(SO_ASCII_2));
        StringBuilder suite = new StringBuilder("suite('classes') {\n");
        for (Map.Entry<String, String> e : sends.entrySet()) {
            suite.append("    testcase('").append(e.getKey()).append("') { send '").append(e.getValue())
                    .append("', sw: 0x9000 }\n");
        }
        // One card takes a different secret command at the same step: the differential table shows both.
        suite.append("""
                    testcase('differs') {
                        def fcp = send '00 A4 04 00 0B %s 00'
                        if (fcp.data[21] == 0) { send '%s' } else { send '%s' }
                    }
                }
                """.formatted(SmartCardHsm.AID_HEX, sends.get("INITIALIZE in class 00"), sends.get("VERIFY in class 0C")));
        Path suiteFile = Files.writeString(dir.resolve("classes.groovy"), suite);
        Path initialized = dir.resolve("initialized.state");
        SchsmRun init = InProcessSchsm.capturingStrayOutput().run("init", "--so-pin", SO_HEX, "--pin", USER_PIN, "-r", "sim", "--sim-state",
                initialized.toString());
        assertEquals(0, init.exitCode(), init.toString());

        Path single = dir.resolve("single.xml");
        SchsmRun one = InProcessSchsm.capturingStrayOutput().run("-v", "test", "-r", "sim:fresh", "--junit-xml", single.toString(),
                suiteFile.toString());
        String report = one + "\n--- junit\n" + Files.readString(single);
        assertNoSecret("test on sim:fresh", report, report);
        assertTrue(one.err().contains("trace >> 00 50 00 00 18 **"), report);
        assertTrue(one.err().contains("sent 0C 20 00 81 08 **"), "the FAIL line names the command: " + report);
        assertTrue(one.err().contains("not a command APDU: 84 20 00 81 ** (malformed"), report);

        Path diff = dir.resolve("diff.xml");
        SchsmRun two = InProcessSchsm.capturingStrayOutput().run("-v", "test", "-r", "sim:fresh", "-r", "sim:" + initialized, "--sw-only",
                "--junit-xml", diff.toString(), suiteFile.toString());
        String diffReport = two + "\n--- junit\n" + Files.readString(diff);
        assertNoSecret("differential test", diffReport, diffReport);
        assertTrue(two.out().contains("[sent 0C 20 00 81 08 **]"), "the table shows the second card's command: "
                + diffReport);
        assertTrue(two.err().contains("trace[B] >> 0C 20 00 81 08 **"), diffReport);
    }

    private static String lc(String dataHex) {
        return HexFormat.of().withUpperCase().toHexDigits((byte) (dataHex.length() / 2));
    }

    /** The detector itself: each form of a PIN, in any case, is caught. */
    @Test
    void theAuditCatchesEveryFormOfAPin() {
        for (String secret : SECRETS) {
            for (String form : forms(secret)) {
                String line = "trace >> 00 20 00 81 08 " + form.toLowerCase(Locale.ROOT) + " 9000";
                String output = form.matches("[0-9A-Fa-f :]+") ? line : "x" + form + "y";
                org.junit.jupiter.api.Assertions.assertThrows(org.opentest4j.AssertionFailedError.class,
                        () -> assertNoSecret("self-test", output, output), form);
            }
        }
    }

    private static void assertNoSecret(String step, String output, String report) {
        for (String secret : SECRETS) {
            for (String form : forms(secret)) {
                assertFalse(output.contains(form) || output.toUpperCase(Locale.ROOT).contains(form.toUpperCase(Locale.ROOT))
                                && form.matches("[0-9A-Fa-f :]+"),
                        () -> step + " printed a PIN (" + form + "):\n" + report);
            }
        }
    }

    /** ASCII, hex, and spaced hex; hex compared case-insensitively by the caller. */
    static List<String> forms(String secret) {
        return List.of(secret, hex(secret), spaced(secret), hex(secret).toLowerCase(Locale.ROOT),
                spaced(secret).replace(' ', ':'));
    }

    static String hex(String ascii) {
        return HexFormat.of().withUpperCase().formatHex(ascii.getBytes(StandardCharsets.US_ASCII));
    }

    static String spaced(String ascii) {
        return HexFormat.ofDelimiter(" ").withUpperCase().formatHex(ascii.getBytes(StandardCharsets.US_ASCII));
    }

    private static String[] args(String... a) {
        return a;
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString() + (File.separatorChar == '\\' ? ".exe" : "");
    }
}
