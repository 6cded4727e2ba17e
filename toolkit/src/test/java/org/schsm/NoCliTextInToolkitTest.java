package org.schsm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The toolkit speaks in types, not in CLI text: no string in its main code tells users to run
 * {@code schsm ...}. Its advice carries {@link Remedy} values, which each front end says in its
 * own words, so a program that embeds the toolkit never sends its users to a tool they lack.
 */
class NoCliTextInToolkitTest {
    private static final Path MAIN = Path.of("src/main/java");

    @Test
    void noStringLiteralInTheToolkitNamesASchsmCommand() throws IOException {
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(MAIN)) {
            files.filter(p -> p.toString().endsWith(".java")).sorted().forEach(p -> {
                for (String literal : stringLiterals(read(p))) {
                    if (literal.contains("schsm ") || literal.contains("--force")) {
                        found.add(MAIN.relativize(p) + ": \"" + literal + "\"");
                    }
                }
            });
        }
        assertEquals(List.of(), found, "CLI text in the toolkit; give the advice a Remedy instead");
    }

    @Test
    void theScannerSeesLiteralsAndSkipsComments() {
        List<String> literals = stringLiterals("""
                // "schsm init" in a comment
                /* "schsm doctor" */ String a = "run \\"schsm\\" " + 'x' + "schsm init";
                String b = \"""
                    schsm keys
                    \""";
                """);
        assertEquals(3, literals.size(), literals::toString);
        assertTrue(literals.get(1).contains("schsm init"), literals::toString);
        assertTrue(literals.get(2).contains("schsm keys"), literals::toString);
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The contents of the string literals and text blocks of Java source {@code src}, comments skipped. */
    static List<String> stringLiterals(String src) {
        List<String> out = new ArrayList<>();
        int i = 0;
        int n = src.length();
        while (i < n) {
            char c = src.charAt(i);
            if (src.startsWith("//", i)) {
                int nl = src.indexOf('\n', i);
                i = nl < 0 ? n : nl + 1;
            } else if (src.startsWith("/*", i)) {
                int end = src.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
            } else if (src.startsWith("\"\"\"", i)) {
                int end = src.indexOf("\"\"\"", i + 3);
                out.add(src.substring(i + 3, end < 0 ? n : end));
                i = end < 0 ? n : end + 3;
            } else if (c == '"' || c == '\'') {
                StringBuilder sb = new StringBuilder();
                int j = i + 1;
                while (j < n && src.charAt(j) != c && src.charAt(j) != '\n') {
                    if (src.charAt(j) == '\\' && j + 1 < n) {
                        sb.append(src.charAt(j + 1));
                        j += 2;
                    } else {
                        sb.append(src.charAt(j++));
                    }
                }
                if (c == '"') {
                    out.add(sb.toString());
                }
                i = j + 1;
            } else {
                i++;
            }
        }
        return out;
    }
}
