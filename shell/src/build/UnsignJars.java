import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Enumeration;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * Build step (run by shell/pom.xml with the JDK's source launcher, not shipped): removes the jar
 * signature from Bouncy Castle's jars in target/lib, in place: the signature files
 * (META-INF/*.SF, *.DSA, *.RSA, *.EC) and the per-entry digests of the manifest, whose main
 * attributes (Multi-Release among them) stay.
 *
 * <p>Why: bcprov's manifest carries a SHA-256 digest for each of its ~4,000 entries (769 KB).
 * The JDK reads that manifest in full whenever the jar is first searched (to learn whether it is
 * a multi-release jar), and verifies the signature when the first class is loaded from it. The
 * first happens on every start of every command: initialising java.util.logging (JNA does, for
 * every PC/SC command) looks for a logging service in every jar of the class path. The second
 * on every command that uses Bouncy Castle. OpenJDK does not require a JCE provider to be
 * signed, so nothing depends on the signature (docs/performance.md, "Start-up").
 *
 * <p>Usage: {@code java UnsignJars.java JAR...}; a jar without a signature is left as it is.
 */
public final class UnsignJars {
    public static void main(String[] args) throws IOException {
        if (args.length == 0) {
            System.err.println("usage: UnsignJars JAR...");
            System.exit(2);
        }
        for (String arg : args) {
            Path jar = Path.of(arg).toAbsolutePath();
            int dropped = unsign(jar);
            System.out.println("UnsignJars: " + jar.getFileName() + ": "
                    + (dropped == 0 ? "not signed, unchanged" : dropped + " signature files and the entry digests removed"));
        }
    }

    private static boolean isSignatureFile(String name) {
        String upper = name.toUpperCase(java.util.Locale.ROOT);
        return upper.startsWith("META-INF/") && upper.indexOf('/', "META-INF/".length()) < 0
                && (upper.endsWith(".SF") || upper.endsWith(".DSA") || upper.endsWith(".RSA") || upper.endsWith(".EC"));
    }

    private static int unsign(Path jar) throws IOException {
        Path tmp = Files.createTempFile(jar.getParent(), jar.getFileName().toString(), ".tmp");
        int dropped = 0;
        try (JarFile in = new JarFile(jar.toFile(), false)) {
            for (Enumeration<JarEntry> e = in.entries(); e.hasMoreElements(); ) {
                if (isSignatureFile(e.nextElement().getName())) {
                    dropped++;
                }
            }
            if (dropped == 0) {
                Files.delete(tmp);
                return 0;
            }
            Manifest manifest = in.getManifest();
            Manifest main = new Manifest();
            main.getMainAttributes().putAll(manifest.getMainAttributes());
            try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(tmp), main)) {
                for (Enumeration<JarEntry> e = in.entries(); e.hasMoreElements(); ) {
                    JarEntry entry = e.nextElement();
                    String name = entry.getName();
                    if (isSignatureFile(name) || name.equalsIgnoreCase(JarFile.MANIFEST_NAME)) {
                        continue;
                    }
                    JarEntry copy = new JarEntry(name);
                    copy.setTime(entry.getTime());
                    out.putNextEntry(copy);
                    try (InputStream data = in.getInputStream(entry)) {
                        data.transferTo(out);
                    }
                    out.closeEntry();
                }
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        if (Files.getFileAttributeView(jar, java.nio.file.attribute.PosixFileAttributeView.class) != null) {
            // the temporary file is private (0600); the distribution ships the jar as it was
            Files.setPosixFilePermissions(tmp, Files.getPosixFilePermissions(jar));
        }
        Files.move(tmp, jar, StandardCopyOption.REPLACE_EXISTING);
        return dropped;
    }
}
