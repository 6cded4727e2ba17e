package org.schsm.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The distribution archive made by {@code mvn package}, unpacked into an empty directory far from
 * the repository, runs with nothing but Java: {@code bin/schsm --version} and {@code bin/schsm
 * status}, its class-data-sharing archive made for this machine at the first run and used after.
 * Run in the integration-test phase (after package), see shell/pom.xml.
 */
@Timeout(300)
class DistributionIT {
    private static final Path TARGET = Path.of("target").toAbsolutePath();

    @TempDir
    Path dir;

    record Run(int exitCode, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- out\n" + out + "--- err\n" + err;
        }
    }

    private Run run(Path cwd, Map<String, String> env, String... command) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).directory(cwd.toFile());
        // nothing of the build's environment: no Maven, no repository on any path
        pb.environment().keySet().removeIf(k -> k.startsWith("MAVEN") || k.startsWith("M2") || k.equals("CLASSPATH"));
        pb.environment().put("HOME", dir.resolve("home").toString());
        pb.environment().put("XDG_DATA_HOME", dir.resolve("home/data").toString());
        pb.environment().put("XDG_CACHE_HOME", dir.resolve("home/cache").toString());
        pb.environment().putAll(env);
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p = pb.start();
        assertTrue(p.waitFor(240, TimeUnit.SECONDS), "timed out: " + String.join(" ", command));
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    private static Path archive(String extension) throws IOException {
        try (Stream<Path> files = Files.list(TARGET)) {
            List<Path> found = files.filter(p -> p.getFileName().toString().matches("schsm-\\d.*\\." + extension.replace(".", "\\.")))
                    .toList();
            assertEquals(1, found.size(), () -> "one schsm-VERSION." + extension + " in target/: " + found);
            return found.get(0);
        }
    }

    private Path unpackTarGz() throws Exception {
        Path where = Files.createDirectories(dir.resolve("unpacked"));
        Run tar = run(where, Map.of(), "tar", "xzf", archive("tar.gz").toString());
        assertEquals(0, tar.exitCode(), tar::toString);
        try (Stream<Path> top = Files.list(where)) {
            List<Path> dirs = top.toList();
            assertEquals(1, dirs.size(), dirs::toString);
            return dirs.get(0);
        }
    }

    @Test
    void unpackedArchiveRunsVersionAndStatusAndMakesItsStartUpArchiveOnce() throws Exception {
        Path home = unpackTarGz();
        for (String part : List.of("bin/schsm", "README.md", "docs/user-guide.md", "docs/protocol.md",
                "scripts/change-pins.groovy", "share/bash-completion/completions/schsm", "share/zsh/schsm.zsh",
                "share/man/man1/schsm.1", "share/man/man1/schsm-pin-change.1")) {
            assertTrue(Files.exists(home.resolve(part)), part + " missing in " + home);
        }
        assertTrue(Files.isExecutable(home.resolve("bin/schsm")));
        Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
        String schsm = home.resolve("bin/schsm").toString();

        Run version = run(elsewhere, Map.of(), schsm, "--version");
        assertEquals(0, version.exitCode(), version::toString);
        assertTrue(version.out().startsWith("schsm " + home.getFileName().toString().substring("schsm-".length())),
                version::toString);
        assertTrue(version.out().contains("jCardSim "), version::toString);
        assertTrue(version.err().contains("making the start-up archive"), version::toString);
        List<Path> jsa = new ArrayList<>();
        try (Stream<Path> cds = Files.list(home.resolve("lib/cds"))) {
            cds.filter(p -> p.toString().endsWith(".jsa")).forEach(jsa::add);
        }
        assertEquals(1, jsa.size(), jsa::toString);

        // -Xshare:on fails the start when the archive does not fit this JVM and class path
        Run status = run(elsewhere, Map.of("SCHSM_JAVA_OPTS", "-Xshare:on"), schsm, "status");
        assertEquals(0, status.exitCode(), status::toString);
        assertTrue(status.out().contains("Card                 : SmartCard-HSM"), status::toString);
        assertTrue(!status.err().contains("making the start-up archive"), status::toString);
    }

    @Test
    void zipHoldsTheSameLayout() throws Exception {
        Path where = Files.createDirectories(dir.resolve("zip"));
        Run unzip = run(where, Map.of(), Path.of(System.getProperty("java.home"), "bin", "jar").toString(), "xf",
                archive("zip").toString());
        assertEquals(0, unzip.exitCode(), unzip::toString);
        try (Stream<Path> top = Files.list(where)) {
            Path home = top.findFirst().orElseThrow();
            assertTrue(Files.exists(home.resolve("bin/schsm")));
            assertTrue(Files.exists(home.resolve("share/man/man1/schsm.1")));
            try (Stream<Path> lib = Files.list(home.resolve("lib"))) {
                assertTrue(lib.anyMatch(p -> p.getFileName().toString().startsWith("schsm-shell-")));
            }
        }
    }
}
