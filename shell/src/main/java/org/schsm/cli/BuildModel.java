package org.schsm.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.schsm.cli.model.ModelWriter;
import org.schsm.cli.model.SpecDump;
import org.schsm.session.ExitCode;

/**
 * Build step ({@code process-classes}): records the command model of every command
 * ({@link ModelWriter}) into the class directory, then builds the tree from the records and
 * compares it with the annotated one, attribute by attribute and usage text by usage text
 * ({@link SpecDump}). A difference fails the build and removes the records, so that no run ever
 * uses a model that is not the annotations' one. Usage: {@code BuildModel DIR}.
 */
public final class BuildModel {
    private BuildModel() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: BuildModel DIR");
            System.exit(ExitCode.BAD_INPUT);
        }
        List<Path> files = ModelWriter.write(Main.annotatedTree(), Path.of(args[0]));
        String annotated = SpecDump.of(Main.annotatedTree());
        String recorded = SpecDump.of(Main.recordedTree());
        if (!annotated.equals(recorded)) {
            for (Path f : files) {
                Files.deleteIfExists(f);
            }
            System.err.println("BuildModel: the recorded command model differs from the annotated one at:\n"
                    + firstDifference(annotated, recorded));
            System.exit(1);
        }
        System.out.println("BuildModel: " + files.size() + " command models recorded and checked against the annotations");
    }

    /** The first lines that differ (the dumps list the same items in the same order when they agree). */
    static String firstDifference(String a, String b) {
        String[] x = a.split("\n", -1);
        String[] y = b.split("\n", -1);
        StringBuilder out = new StringBuilder();
        int shown = 0;
        for (int i = 0; i < Math.max(x.length, y.length) && shown < 8; i++) {
            String l = i < x.length ? x[i] : "(end)";
            String r = i < y.length ? y[i] : "(end)";
            if (!l.equals(r)) {
                out.append("line ").append(i + 1).append("\n  annotations: ").append(l)
                        .append("\n  recorded:    ").append(r).append('\n');
                shown++;
            }
        }
        return out.toString();
    }
}
