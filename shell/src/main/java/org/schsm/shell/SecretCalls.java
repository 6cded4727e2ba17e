package org.schsm.shell;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Executable;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.lang.reflect.RecordComponent;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.schsm.Secret;
import org.schsm.hsm.PinValue;

/**
 * The names of the API's methods and constructors that take a secret, derived by reflection so
 * that the history mask cannot miss a new one: a parameter of a secret value type
 * ({@link PinValue} and its subtypes), of a record that holds one (the options of INITIALIZE
 * DEVICE), or annotated {@link Secret}. The API is every public class in the {@code org.schsm}
 * packages a script can reach (toolkit, shell, CLI); the simulator is left out.
 */
final class SecretCalls {
    private static final String ROOT = "org/schsm/";
    private static final String SIMULATOR = "org/schsm/simulator/";

    private SecretCalls() {
    }

    /**
     * Computed once, on first use (the first history line with a string literal): loading every
     * API class costs about a second on a cold JVM, most of it Bouncy Castle behind the CV
     * certificate classes.
     */
    private static final class Holder {
        static final Set<String> NAMES = Collections.unmodifiableSet(namesIn(apiClasses()));
    }

    static Set<String> names() {
        return Holder.NAMES;
    }

    /** Names of the public methods and constructors (by class name) of {@code classes} that take a secret. */
    static Set<String> namesIn(List<Class<?>> classes) {
        Set<String> names = new TreeSet<>();
        for (Class<?> c : classes) {
            for (Executable e : c.getMethods()) {
                if (takesSecret(e)) {
                    names.add(e.getName());
                }
            }
            for (Executable e : c.getConstructors()) {
                if (takesSecret(e)) {
                    names.add(c.getSimpleName());
                }
            }
        }
        return names;
    }

    static boolean takesSecret(Executable e) {
        for (Parameter p : e.getParameters()) {
            if (p.isAnnotationPresent(Secret.class) || isSecretType(p.getType())) {
                return true;
            }
        }
        return false;
    }

    private static boolean isSecretType(Class<?> type) {
        if (PinValue.class.isAssignableFrom(type)) {
            return true;
        }
        if (type.isRecord()) {
            for (RecordComponent rc : type.getRecordComponents()) {
                if (PinValue.class.isAssignableFrom(rc.getType())) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Every public class under {@code org/schsm/} on the class path, directories and jars alike. */
    static List<Class<?>> apiClasses() {
        ClassLoader loader = SecretCalls.class.getClassLoader();
        Set<String> names = new TreeSet<>();
        try {
            Enumeration<URL> roots = loader.getResources(ROOT);
            while (roots.hasMoreElements()) {
                URL root = roots.nextElement();
                if (root.getProtocol().equals("jar")) {
                    classesInJar(root, names);
                } else if (root.getProtocol().equals("file")) {
                    classesInDirectory(Path.of(root.toURI()), names);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the schsm classes to find the methods that take a secret", e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        List<Class<?>> out = new ArrayList<>();
        for (String name : names) {
            try {
                Class<?> c = Class.forName(name, false, loader);
                if (Modifier.isPublic(c.getModifiers())) {
                    out.add(c);
                }
            } catch (ClassNotFoundException | LinkageError e) {
                // a class whose dependencies are absent cannot be called from a script either
            }
        }
        return out;
    }

    private static void classesInJar(URL root, Set<String> out) throws IOException {
        JarURLConnection connection = (JarURLConnection) root.openConnection();
        connection.setUseCaches(false);
        try (JarFile jar = connection.getJarFile()) {
            jar.stream().map(e -> e.getName()).forEach(entry -> addClass(entry, out));
        }
    }

    private static void classesInDirectory(Path rootDir, Set<String> out) throws IOException {
        Path base = rootDir.getParent().getParent(); // the class path entry: above org/schsm/
        try (Stream<Path> files = Files.walk(rootDir)) {
            files.forEach(f -> addClass(base.relativize(f).toString().replace('\\', '/'), out));
        }
    }

    private static void addClass(String entry, Set<String> out) {
        if (entry.startsWith(ROOT) && !entry.startsWith(SIMULATOR) && entry.endsWith(".class")
                && !entry.matches(".*\\$\\d.*") && !entry.endsWith("-info.class")) {
            out.add(entry.substring(0, entry.length() - ".class".length()).replace('/', '.'));
        }
    }
}
