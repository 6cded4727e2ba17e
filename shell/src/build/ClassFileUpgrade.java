import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Opcodes;

/**
 * Build step (run by shell/pom.xml with the JDK's source launcher, not shipped): rewrites the
 * Java 5 class files of a jar in target/lib as Java 8 class files with stack-map frames, in
 * place, so that bin/schsm's class-data-sharing archive can hold them.
 *
 * <p>Why: picocli 4.7.6 is compiled for Java 5 (class file version 49). HotSpot's CDS refuses
 * classes older than version 50 ("Pre JDK 6 class not supported by CDS"), so picocli's ~175
 * classes were parsed and verified by the old inferencing verifier on every start, about 100 ms
 * of `schsm status` (docs/performance.md). The rewrite changes the version number and adds the
 * frames that version requires. ASM re-emits the code, so jumps may be re-encoded and unreachable
 * code becomes nop/athrow; a class with JSR/RET makes ASM fail, and the build with it. Each
 * rewritten class is then loaded and linked in a fresh class loader, so a frame the verifier
 * rejects fails the build, not a user's start-up. Classes already at version 50 or above are
 * copied as they are; of META-INF/versions/ only a module-info may be there, and it is dropped.
 *
 * <p>Usage: {@code java -cp asm.jar ClassFileUpgrade JAR...}
 */
public final class ClassFileUpgrade {
    private static final int JAVA_6 = 50;

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.println("usage: ClassFileUpgrade JAR...");
            System.exit(2);
        }
        for (String arg : args) {
            Path jar = Path.of(arg).toAbsolutePath();
            List<String> upgraded = upgrade(jar);
            verify(jar, upgraded);
            System.out.println("ClassFileUpgrade: " + jar.getFileName() + ": " + upgraded.size()
                    + " class files rewritten as version 52 with frames, all verified");
        }
    }

    /** Rewrites the jar in place; returns the binary names of the rewritten classes. */
    private static List<String> upgrade(Path jar) throws IOException {
        List<String> upgraded = new ArrayList<>();
        Path tmp = Files.createTempFile(jar.getParent(), jar.getFileName().toString(), ".tmp");
        try (URLClassLoader hierarchy = new URLClassLoader(new URL[] {jar.toUri().toURL()},
                ClassLoader.getPlatformClassLoader());
             JarInputStream in = new JarInputStream(Files.newInputStream(jar));
             JarOutputStream out = new JarOutputStream(Files.newOutputStream(tmp), manifestOf(in))) {
            for (JarEntry e = in.getNextJarEntry(); e != null; e = in.getNextJarEntry()) {
                String name = e.getName();
                if (name.startsWith("META-INF/versions/")) {
                    // The manifest no longer says Multi-Release, so a versioned class would be lost.
                    if (!e.isDirectory() && !name.endsWith("/module-info.class")) {
                        throw new IllegalStateException(jar.getFileName() + " has a versioned class " + name
                                + "; this step only knows how to drop a versioned module-info");
                    }
                    continue;
                }
                byte[] bytes = in.readAllBytes();
                if (name.endsWith(".class") && majorVersion(bytes) < JAVA_6) {
                    bytes = withFrames(bytes, hierarchy);
                    upgraded.add(name.substring(0, name.length() - ".class".length()).replace('/', '.'));
                }
                JarEntry copy = new JarEntry(name);
                copy.setTime(e.getTime());
                out.putNextEntry(copy);
                out.write(bytes);
                out.closeEntry();
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        // createTempFile made the copy readable by its owner only; the jar keeps the mode it had.
        PosixFileAttributeView mode = Files.getFileAttributeView(jar, PosixFileAttributeView.class);
        if (mode != null) {
            Files.setPosixFilePermissions(tmp, mode.readAttributes().permissions());
        }
        Files.move(tmp, jar, StandardCopyOption.REPLACE_EXISTING);
        return upgraded;
    }

    private static Manifest manifestOf(JarInputStream in) {
        Manifest m = in.getManifest() == null ? new Manifest() : new Manifest(in.getManifest());
        m.getMainAttributes().putIfAbsent(Attributes.Name.MANIFEST_VERSION, "1.0");
        m.getMainAttributes().remove(Attributes.Name.MULTI_RELEASE);
        return m;
    }

    private static int majorVersion(byte[] classFile) {
        return ((classFile[6] & 0xFF) << 8) | (classFile[7] & 0xFF);
    }

    private static byte[] withFrames(byte[] classFile, ClassLoader hierarchy) {
        ClassWriter w = new ClassWriter(ClassWriter.COMPUTE_FRAMES) {
            @Override
            protected ClassLoader getClassLoader() {
                // Frames merge types by their common superclass, which ASM finds by loading them.
                return hierarchy;
            }
        };
        new ClassReader(classFile).accept(new ClassVisitor(Opcodes.ASM9, w) {
            @Override
            public void visit(int version, int access, String name, String signature, String superName,
                    String[] interfaces) {
                super.visit(Opcodes.V1_8, access, name, signature, superName, interfaces);
            }
        }, 0);
        return w.toByteArray();
    }

    /** Loads and links every rewritten class: the JVM's type-checking verifier checks the frames. */
    private static void verify(Path jar, List<String> classes) throws IOException {
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()},
                ClassLoader.getPlatformClassLoader())) {
            for (String name : classes) {
                try {
                    // Initializing links the class first, and linking runs the verifier.
                    Class.forName(name, true, loader);
                } catch (VerifyError e) {
                    throw new IllegalStateException("rewritten " + name + " fails verification: " + e.getMessage(), e);
                } catch (ClassNotFoundException | LinkageError e) {
                    throw new IllegalStateException("rewritten " + name + " does not load: " + e, e);
                }
            }
        }
    }

    private ClassFileUpgrade() {
    }
}
