package org.schsm.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.schsm.simulator.applet.SmartCardHsmApplet;

/**
 * The applet package must compile against the Java Card API alone: every class its bytecode
 * names is in javacard.* / javacardx.* or the Java Card java.lang subset, there are no invokedynamic sites
 * (string concatenation, lambdas) and no long or float constants.
 */
class AppletApiSubsetTest {
    /** The java.lang classes the Java Card platform has. */
    private static final java.util.Set<String> JAVA_CARD_LANG = java.util.Set.of(
            "java/lang/Object", "java/lang/Throwable", "java/lang/Exception", "java/lang/RuntimeException",
            "java/lang/ArithmeticException", "java/lang/ArrayIndexOutOfBoundsException",
            "java/lang/ArrayStoreException", "java/lang/ClassCastException", "java/lang/IndexOutOfBoundsException",
            "java/lang/NegativeArraySizeException", "java/lang/NullPointerException", "java/lang/SecurityException");
    private static final Pattern TYPE_IN_DESCRIPTOR = Pattern.compile("L([^;]+);");

    @Test
    void appletClassesReferenceOnlyTheJavaCardApi() throws IOException, URISyntaxException {
        Path dir = Path.of(SmartCardHsmApplet.class.getResource("SmartCardHsmApplet.class").toURI()).getParent();
        List<Path> classes = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            files.filter(p -> p.toString().endsWith(".class")).forEach(classes::add);
        }
        assertTrue(classes.size() >= 8, "applet classes found: " + classes);
        TreeSet<String> foreign = new TreeSet<>();
        for (Path file : classes) {
            try (InputStream in = Files.newInputStream(file)) {
                for (String type : referencedTypes(new DataInputStream(in), file)) {
                    boolean own = type.startsWith("org/schsm/simulator/applet/");
                    boolean api = type.startsWith("javacard/") || type.startsWith("javacardx/")
                            || JAVA_CARD_LANG.contains(type);
                    if (!own && !api) {
                        foreign.add(file.getFileName() + " -> " + type);
                    }
                }
            }
        }
        assertEquals(new TreeSet<String>(), foreign);
    }

    /** Class names from CONSTANT_Class entries and from descriptors; fails on forbidden constants. */
    private static List<String> referencedTypes(DataInputStream in, Path file) throws IOException {
        assertEquals(0xCAFEBABE, in.readInt());
        in.readUnsignedShort();
        in.readUnsignedShort();
        int count = in.readUnsignedShort();
        List<String> types = new ArrayList<>();
        for (int i = 1; i < count; i++) {
            int tag = in.readUnsignedByte();
            switch (tag) {
                case 1 -> {
                    String utf = in.readUTF();
                    Matcher m = TYPE_IN_DESCRIPTOR.matcher(utf);
                    while (m.find()) {
                        types.add(m.group(1));
                    }
                    if (!utf.contains("(") && !utf.contains(";") && utf.contains("/") && !utf.startsWith("[")) {
                        types.add(utf);
                    }
                }
                case 7, 8, 16, 19, 20 -> in.readUnsignedShort();
                case 3, 9, 10, 11, 12 -> in.readInt();
                case 4, 5, 6 -> throw new AssertionError(file.getFileName() + " has a float/long/double constant");
                case 15 -> {
                    in.readUnsignedByte();
                    in.readUnsignedShort();
                }
                case 17, 18 -> throw new AssertionError(file.getFileName() + " uses invokedynamic");
                default -> throw new AssertionError("unknown constant pool tag " + tag + " in " + file);
            }
        }
        assertFalse(types.isEmpty());
        return types;
    }
}
