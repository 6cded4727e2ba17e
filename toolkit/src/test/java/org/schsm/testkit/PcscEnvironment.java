package org.schsm.testkit;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Finds out what this machine offers for interop tests: pcscd, the vpcd driver and its reader,
 * OpenSC's tools and PKCS#11 module. As a JUnit extension (through {@link InteropTest}) it skips
 * the tests of a class whose requirements are missing, naming each missing piece and how to get it;
 * with {@code CI=true} in the environment it fails the class instead, so that a CI machine that
 * lost a tool cannot pass by skipping.
 */
public final class PcscEnvironment implements BeforeEachCallback {
    public static final Path PCSCD_SOCKET = Path.of("/run/pcscd/pcscd.comm");
    public static final Path VPCD_DRIVER = Path.of("/usr/lib/pcsc/drivers/serial/libifdvpcd.so");
    /** The vpcd port the interop tests put their card on; the stock /etc/reader.conf.d/vpcd starts at 35963. */
    public static final int VPCD_PORT = Integer.getInteger("schsm.interop.vpcdPort", 35963);
    /** The reader pcscd shows for {@link #VPCD_PORT}: "Virtual PCD 00 00" for the first port. */
    public static final String VPCD_READER = System.getProperty("schsm.interop.reader",
            String.format("Virtual PCD 00 %02d", VPCD_PORT - 35963));
    private static final List<Path> PKCS11_MODULE_CANDIDATES = List.of(
            Path.of("/usr/lib/x86_64-linux-gnu/opensc-pkcs11.so"),
            Path.of("/usr/lib/aarch64-linux-gnu/opensc-pkcs11.so"),
            Path.of("/usr/lib64/opensc-pkcs11.so"),
            Path.of("/usr/lib/opensc-pkcs11.so"),
            Path.of("/usr/local/lib/opensc-pkcs11.so"));

    private static Detection detection;

    /**
     * Checked before each test rather than once per class so that every skipped test is reported
     * as skipped, with the message, instead of the class vanishing from the counts.
     */
    @Override
    public void beforeEach(ExtensionContext context) {
        Requirement[] needed = AnnotationSupport.findAnnotation(context.getRequiredTestClass(), InteropTest.class)
                .map(InteropTest::value)
                .orElseThrow(() -> new IllegalStateException(
                        context.getRequiredTestClass().getName() + " uses PcscEnvironment without @InteropTest"));
        require(needed);
    }

    /** Skips (or, with CI=true, fails) unless everything in {@code needed} is available. */
    public static void require(Requirement... needed) {
        Detection d = detect();
        List<Requirement> missing = Arrays.stream(needed).filter(r -> !d.has(r)).toList();
        if (!missing.isEmpty()) {
            unavailable("interop test needs what this machine lacks:\n" + missing.stream()
                    .map(r -> "  - " + r.what() + ": " + d.detail(r) + " (" + r.hint() + ")")
                    .collect(Collectors.joining("\n")));
        }
    }

    /** Skips the test with {@code message}, or fails it when {@code CI=true}. */
    public static void unavailable(String message) {
        if (isCi()) {
            Assertions.fail("CI=true, so a missing interop environment is an error: " + message);
        }
        Assumptions.abort(message);
    }

    public static boolean isCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    /** The PKCS#11 module found on this machine; call after requiring {@link Requirement#PKCS11_MODULE}. */
    public static Path pkcs11Module() {
        return detect().pkcs11Module.orElseThrow(() -> new IllegalStateException("no PKCS#11 module detected"));
    }

    static synchronized Detection detect() {
        if (detection == null) {
            detection = new Detection();
        }
        return detection;
    }

    /** Runs {@code opensc-tool -l} and returns the lines that name readers. */
    public static List<String> listReaders() {
        ProcessResult result = ProcessRunner.run("opensc-tool", "-l");
        return result.stdout().lines().filter(l -> !l.startsWith("#") && !l.startsWith("Nr.")).toList();
    }

    /** What was found, once per test run. */
    static final class Detection {
        private final Map<Requirement, String> problems = new EnumMap<>(Requirement.class);
        private final Optional<Path> pkcs11Module;

        private Detection() {
            if (!Files.exists(PCSCD_SOCKET)) {
                problems.put(Requirement.PCSCD, PCSCD_SOCKET + " does not exist");
            }
            if (!Files.isRegularFile(VPCD_DRIVER)) {
                problems.put(Requirement.VPCD_DRIVER, VPCD_DRIVER + " does not exist");
            }
            checkTool(Requirement.OPENSC_TOOL, "opensc-tool");
            checkTool(Requirement.SC_HSM_TOOL, "sc-hsm-tool");
            checkTool(Requirement.PKCS11_TOOL, "pkcs11-tool");
            checkTool(Requirement.PKCS15_TOOL, "pkcs15-tool");
            checkTool(Requirement.OPENSSL, "openssl");
            checkVirtualReader();
            pkcs11Module = findPkcs11Module();
            if (pkcs11Module.isEmpty()) {
                problems.put(Requirement.PKCS11_MODULE, "not found in " + PKCS11_MODULE_CANDIDATES
                        + " nor by `dpkg -L opensc-pkcs11`");
            }
        }

        boolean has(Requirement r) {
            return !problems.containsKey(r);
        }

        String detail(Requirement r) {
            return problems.getOrDefault(r, "present");
        }

        private void checkTool(Requirement r, String name) {
            if (onPath(name).isEmpty()) {
                problems.put(r, name + " is not on PATH");
            }
        }

        private void checkVirtualReader() {
            if (!has(Requirement.OPENSC_TOOL)) {
                problems.put(Requirement.VPCD_READER, "cannot list readers without opensc-tool");
                return;
            }
            if (!has(Requirement.PCSCD)) {
                problems.put(Requirement.VPCD_READER, "cannot list readers without pcscd");
                return;
            }
            List<String> readers = listReaders();
            if (readers.stream().noneMatch(l -> l.trim().endsWith(VPCD_READER))) {
                problems.put(Requirement.VPCD_READER, "opensc-tool -l lists " + (readers.isEmpty()
                        ? "no readers" : "only " + readers));
            }
        }

        private static Optional<Path> findPkcs11Module() {
            String configured = System.getProperty("schsm.interop.pkcs11Module");
            if (configured != null) {
                Path p = Path.of(configured);
                return Files.isRegularFile(p) ? Optional.of(p) : Optional.empty();
            }
            Set<Path> candidates = new LinkedHashSet<>(PKCS11_MODULE_CANDIDATES);
            if (onPath("dpkg").isPresent()) {
                ProcessResult listed = ProcessRunner.run("dpkg", "-L", "opensc-pkcs11");
                if (listed.succeeded()) {
                    listed.stdout().lines().filter(l -> l.endsWith("/opensc-pkcs11.so")).map(Path::of)
                            .forEach(candidates::add);
                }
            }
            return candidates.stream().filter(Files::isRegularFile).findFirst();
        }

        private static Optional<Path> onPath(String name) {
            String path = System.getenv().getOrDefault("PATH", "");
            List<Path> dirs = new ArrayList<>();
            for (String dir : path.split(File.pathSeparator)) {
                if (!dir.isEmpty()) {
                    dirs.add(Path.of(dir));
                }
            }
            return dirs.stream().map(d -> d.resolve(name)).filter(Files::isExecutable).findFirst();
        }
    }
}
