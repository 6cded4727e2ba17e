package org.schsm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.schsm.cli.model.CommandModels;
import org.schsm.cli.model.SpecDump;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * The command model recorded at build time (org.schsm.cli.model) is the annotations' model: the
 * same attributes on every command, option and parameter, the same usage text, and the same field
 * values after parsing, on every command path; and it is what commands run on.
 */
class RecordedModelTest {

    @Test
    void everyAttributeOfTheWholeTreeIsTheAnnotatedOne() {
        String annotated = SpecDump.of(Main.annotatedTree());
        String recorded = SpecDump.of(Main.recordedTree());
        assertTrue(annotated.lines().count() > 5000, "the dump covers the tree");
        assertEquals("", BuildModel.firstDifference(annotated, recorded));
        assertEquals(annotated, recorded);
    }

    @Test
    void commandsRunOnTheRecordedModel() {
        for (String name : Main.SUBCOMMANDS.keySet()) {
            assertNotNull(CommandModels.command(name), name);
        }
        CommandLine tree = Main.fullTree();
        for (List<String> path : HelpTreeTest.commandPaths()) {
            for (ArgSpec arg : at(tree, path).getCommandSpec().args()) {
                assertEquals("org.schsm.cli.model.FieldBinding", arg.getter().getClass().getName(),
                        () -> "schsm " + String.join(" ", path) + ": " + arg + " is bound by annotation reading");
            }
        }
    }

    @TestFactory
    Stream<DynamicTest> everyCommandPathHasTheSameUsageText() {
        CommandLine annotated = Main.annotatedTree();
        CommandLine recorded = Main.recordedTree();
        return HelpTreeTest.commandPaths().stream().map(path -> DynamicTest.dynamicTest("schsm " + String.join(" ", path), () -> {
            String expected = at(annotated, path).getUsageMessage(CommandLine.Help.Ansi.OFF);
            assertTrue(expected.startsWith("Usage: schsm"), expected);
            assertEquals(expected, at(recorded, path).getUsageMessage(CommandLine.Help.Ansi.OFF));
        }));
    }

    @TestFactory
    Stream<DynamicTest> parsingSampleArgumentsSetsTheSameFields() {
        return HelpTreeTest.commandPaths().stream().map(path -> DynamicTest.dynamicTest("schsm " + String.join(" ", path), () -> {
            CommandSpec spec = at(Main.annotatedTree(), path).getCommandSpec();
            List<List<String>> samples = new ArrayList<>();
            List<String> all = new ArrayList<>(path);
            for (OptionSpec o : spec.options()) {
                List<String> one = new ArrayList<>(path);
                one.addAll(sample(o));
                one.addAll(positionals(spec));
                samples.add(one);
                all.addAll(sample(o));
            }
            all.addAll(positionals(spec));
            samples.add(all);
            samples.add(new ArrayList<>(path));
            int parsed = 0;
            for (List<String> args : samples) {
                String a = parse(Main.annotatedTree(), path, args);
                String r = parse(Main.recordedTree(), path, args);
                assertEquals(a, r, () -> "schsm " + String.join(" ", args));
                parsed += a.startsWith("parsed") ? 1 : 0;
            }
            assertTrue(parsed > 0, "no sample parsed for schsm " + String.join(" ", path));
        }));
    }

    /** The parse outcome: the field values of the root and of the command, or the usage error. */
    private static String parse(CommandLine tree, List<String> path, List<String> args) {
        try {
            tree.parseArgs(args.toArray(String[]::new));
        } catch (CommandLine.ParameterException e) {
            return "usage error: " + e.getMessage();
        }
        return "parsed\n" + SpecDump.values(tree.getCommandSpec()) + SpecDump.values(at(tree, path).getCommandSpec());
    }

    /** One occurrence of the option with a value its type takes; none for a prompt it would wait on. */
    private static List<String> sample(OptionSpec o) {
        if (o.arity().max() == 0) {
            return o.interactive() ? List.of() : List.of(o.longestName());
        }
        return List.of(o.longestName(), value(o));
    }

    private static List<String> positionals(CommandSpec spec) {
        List<String> out = new ArrayList<>();
        for (PositionalParamSpec p : spec.positionalParameters()) {
            if (p.arity().min() > 0 || p.arity().max() > 0) {
                out.add(value(p));
            }
        }
        return out;
    }

    private static String value(ArgSpec arg) {
        Class<?> type = arg.auxiliaryTypes().length > 0 ? arg.auxiliaryTypes()[0] : arg.type();
        if (!arg.typeInfo().getEnumConstantNames().isEmpty()) {
            return arg.typeInfo().getEnumConstantNames().get(0);
        }
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return "3";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true";
        }
        return "sample-value";
    }

    private static CommandLine at(CommandLine root, List<String> path) {
        CommandLine cl = root;
        for (String name : path) {
            cl = cl.getSubcommands().get(name);
        }
        return cl;
    }
}
