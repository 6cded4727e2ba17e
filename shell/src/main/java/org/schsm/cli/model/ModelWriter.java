package org.schsm.cli.model;

import java.io.IOException;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.IAnnotatedElement;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.Model.UsageMessageSpec;
import picocli.CommandLine.Range;

/**
 * Build step: records the command model picocli reads from the annotations, one file per command
 * of the root ({@code schsm.model} for the root itself), so that {@link CommandModels} can build
 * the same {@code CommandSpec}s at run time with picocli's programmatic API, without reading an
 * annotation. Annotation reading is the dearer half of picocli's start: seven dynamic proxy
 * classes generated on every run (docs/performance.md). The writer refuses what the reader cannot
 * rebuild (see {@link #unsupported}); {@code BuildModel} then compares both models attribute by
 * attribute ({@link SpecDump}) before it keeps the files.
 */
public final class ModelWriter {
    /** The file of the root command (its own options, no subcommands). */
    public static final String ROOT = "schsm";
    static final String SUFFIX = ".model";

    private final StringBuilder out = new StringBuilder();

    private ModelWriter() {
    }

    /** Writes the model of {@code root} (every subcommand registered) into {@code dir}; returns the files. */
    public static List<Path> write(CommandLine root, Path dir) throws IOException {
        Files.createDirectories(dir);
        List<Path> files = new ArrayList<>();
        ModelWriter w = new ModelWriter();
        w.command(root.getCommandSpec(), false);
        files.add(Files.writeString(dir.resolve(ROOT + SUFFIX), w.out));
        for (CommandLine sub : distinct(root.getCommandSpec())) {
            ModelWriter s = new ModelWriter();
            s.command(sub.getCommandSpec(), true);
            files.add(Files.writeString(dir.resolve(sub.getCommandName() + SUFFIX), s.out));
        }
        return files;
    }

    /** The text of one command's file: for the test that reads a model it did not write to disk. */
    static String text(CommandSpec spec, boolean subcommands) {
        ModelWriter w = new ModelWriter();
        w.command(spec, subcommands);
        return w.out.toString();
    }

    private static Set<CommandLine> distinct(CommandSpec spec) {
        // subcommands() lists a command once per alias
        return new LinkedHashSet<>(spec.subcommands().values());
    }

    private void command(CommandSpec spec, boolean subcommands) {
        if (!spec.argGroups().isEmpty() || !spec.unmatchedArgsBindings().isEmpty()
                || !spec.parentCommandElements().isEmpty() || spec.defaultValueProvider() != null
                || spec.resourceBundleBaseName() != null || spec.mixinStandardHelpOptions()
                || spec.subcommandsRepeatable() || spec.userObject() == null) {
            throw unsupported(spec, "arg groups, @Unmatched, @ParentCommand, default value providers,"
                    + " resource bundles, mixinStandardHelpOptions, repeatable subcommands or a command without a class");
        }
        if (spec.versionProvider() != null) {
            for (Field f : spec.versionProvider().getClass().getDeclaredFields()) {
                if (f.getType() == CommandSpec.class) {
                    throw unsupported(spec, "a version provider that takes the spec (@Spec)");
                }
            }
        }
        UsageMessageSpec u = spec.usageMessage();
        UsageMessageSpec d = CommandSpec.create().usageMessage();
        if (u.hidden() != d.hidden() || u.abbreviateSynopsis() != d.abbreviateSynopsis()
                || u.sortOptions() != d.sortOptions() || u.sortSynopsis() != d.sortSynopsis()
                || u.showDefaultValues() != d.showDefaultValues() || u.customSynopsis().length > 0
                || !u.synopsisHeading().equals(d.synopsisHeading()) || !u.descriptionHeading().equals(d.descriptionHeading())
                || !u.optionListHeading().equals(d.optionListHeading()) || !u.parameterListHeading().equals(d.parameterListHeading())
                || !u.commandListHeading().equals(d.commandListHeading()) || !u.footerHeading().equals(d.footerHeading())
                || !u.headerHeading().equals(d.headerHeading()) || u.exitCodeListHeading().length() > 0) {
            throw unsupported(spec, "a usage-message attribute besides description, header and footer");
        }
        List<String> f = new ArrayList<>();
        f.add("command");
        f.add(kv("class", spec.userObject().getClass().getName()));
        f.add(kv("name", spec.name()));
        f.add(enc("aliases", ModelText.encodeList(spec.aliases())));
        f.add(kv("helpCommand", Boolean.toString(spec.helpCommand())));
        f.add(kv("versionProvider", className(spec.versionProvider())));
        f.add(kv("modelTransformer", className(spec.modelTransformer())));
        f.add(enc("description", ModelText.encodeList(u.description())));
        f.add(enc("header", ModelText.encodeList(u.header())));
        f.add(enc("footer", ModelText.encodeList(u.footer())));
        f.add(kv("toString", spec.toString().startsWith("command '") ? null : spec.toString()));
        line(f);
        // picocli adds the subcommands a @Command declares before the members (CommandReflection)
        if (subcommands) {
            for (CommandLine sub : distinct(spec)) {
                if (sub.getCommandSpec().modelTransformer() != null) {
                    // CommandModels makes a nested command's CommandLine with the constructor that
                    // applies transformers; picocli's annotation path does not apply them there
                    throw unsupported(sub.getCommandSpec(), "a model transformer on a nested subcommand");
                }
                line(List.of("sub", kv("name", sub.getCommandName())));
                command(sub.getCommandSpec(), true);
            }
        }
        for (IAnnotatedElement e : spec.specElements()) {
            AnnotatedElement member = (AnnotatedElement) e.userObject();
            if (member.getAnnotation(CommandLine.Spec.class).value() != CommandLine.Spec.Target.SELF) {
                throw unsupported(spec, "@Spec(MIXEE)");
            }
            if (member instanceof Field field) {
                line(List.of("spec", kv("field", member(field))));
            } else if (member instanceof Method method && method.getParameterCount() == 1) {
                line(List.of("spec", kv("method", method.getDeclaringClass().getName() + "#" + method.getName())));
            } else {
                throw unsupported(spec, "@Spec on " + member);
            }
        }
        Map<CommandSpec, Boolean> mixinsDone = new IdentityHashMap<>();
        for (ArgSpec arg : spec.args()) {
            if (arg.inherited()) {
                continue;
            }
            String mixinName = mixinOf(spec, arg);
            if (mixinName == null) {
                arg(arg);
            } else if (mixinsDone.put(spec.mixins().get(mixinName), true) == null) {
                mixin(spec, mixinName);
            }
        }
        spec.mixins().forEach((name, mixin) -> {
            if (!mixinsDone.containsKey(mixin)) {
                mixin(spec, name);
            }
        });
        line(List.of("end"));
    }

    private void mixin(CommandSpec spec, String name) {
        IAnnotatedElement e = spec.mixinAnnotatedElements().get(name);
        if (e == null || !(e.userObject() instanceof Field field)) {
            throw unsupported(spec, "a mixin that is not an annotated field");
        }
        if (!spec.mixins().get(name).subcommands().isEmpty()) {
            throw unsupported(spec, "a mixin with subcommands");
        }
        line(List.of("mixin", kv("name", name), kv("field", member(field))));
        command(spec.mixins().get(name), false);
    }

    private static String mixinOf(CommandSpec spec, ArgSpec arg) {
        for (Map.Entry<String, CommandSpec> m : spec.mixins().entrySet()) {
            for (ArgSpec a : m.getValue().args()) {
                if (a == arg) {
                    return m.getKey();
                }
            }
        }
        return null;
    }

    private void arg(ArgSpec arg) {
        if (!(arg.userObject() instanceof Field field)) {
            throw unsupported(arg.command(), "an option or parameter that is not a field: " + arg);
        }
        List<String> f = new ArrayList<>();
        if (arg instanceof OptionSpec o) {
            f.add("option");
            f.add(enc("names", ModelText.encodeList(o.names())));
            f.add(kv("help", Boolean.toString(o.help())));
            f.add(kv("usageHelp", Boolean.toString(o.usageHelp())));
            f.add(kv("versionHelp", Boolean.toString(o.versionHelp())));
            f.add(kv("negatable", Boolean.toString(o.negatable())));
            f.add(kv("fallbackValue", o.fallbackValue()));
            f.add(kv("order", Integer.toString(o.order())));
            if (!OptionSpec.builder("-x").mapFallbackValue().equals(privateField(ArgSpec.class, o, "mapFallbackValue"))) {
                throw unsupported(arg.command(), "mapFallbackValue: " + arg);
            }
        } else {
            f.add("positional");
            f.add(enc("index", range(((PositionalParamSpec) arg).index())));
        }
        if ("_NULL_".equals(privateField(ArgSpec.class, arg, "originalDefaultValue"))) {
            throw unsupported(arg.command(), "defaultValue = Option.NULL_VALUE: " + arg);
        }
        if (arg.parameterConsumer() != null || privateField(ArgSpec.class, arg, "completionCandidates") != null
                && !arg.typeInfo().isEnum()
                || !arg.preprocessor().getClass().getName().equals("picocli.CommandLine$NoOpParameterPreprocessor")) {
            throw unsupported(arg.command(), "parameter consumers, preprocessors or completion candidates: " + arg);
        }
        // descriptions are recorded as written (picocli expands their ${...} when it shows them);
        // the other getters return expanded text, so kv() refuses a ${ in them
        f.add(enc("field", ModelText.escape(member(field))));
        f.add(enc("arity", range(arg.arity())));
        f.add(kv("type", arg.type().getName()));
        f.add(enc("auxiliaryTypes", ModelText.encodeList(classNames(arg.auxiliaryTypes()))));
        f.add(enc("typeArguments", ModelText.encodeList(arg.typeInfo().getActualGenericTypeArguments().toArray(String[]::new))));
        f.add(enc("converters", ModelText.encodeList(classNames(arg.converters()))));
        f.add(kv("paramLabel", arg.paramLabel()));
        f.add(kv("hideParamSyntax", Boolean.toString(arg.hideParamSyntax())));
        f.add(kv("required", Boolean.toString(arg.required())));
        f.add(kv("interactive", Boolean.toString(arg.interactive())));
        f.add(kv("echo", Boolean.toString(arg.echo())));
        f.add(kv("prompt", arg.prompt()));
        f.add(enc("description", ModelText.encodeList((String[]) privateField(ArgSpec.class, arg, "description"))));
        f.add(kv("descriptionKey", arg.descriptionKey()));
        f.add(kv("splitRegex", arg.splitRegex()));
        f.add(kv("splitRegexSynopsisLabel", arg.splitRegexSynopsisLabel()));
        f.add(kv("hidden", Boolean.toString(arg.hidden())));
        f.add(kv("defaultValue", arg.defaultValue()));
        f.add(kv("showDefaultValue", arg.showDefaultValue().name()));
        f.add(kv("scope", arg.scopeType().name()));
        f.add(kv("toString", arg.toString()));
        line(f);
    }

    private static String member(Field field) {
        return field.getDeclaringClass().getName() + "#" + field.getName();
    }

    private static String range(Range r) {
        return ModelText.encodeList(Integer.toString(r.min()), Integer.toString(r.max()), Boolean.toString(r.isVariable()),
                Boolean.toString(r.isUnspecified()), originalValue(r));
    }

    /** The text a {@code Range} was parsed from: no getter of its own. */
    static String originalValue(Range r) {
        return (String) privateField(Range.class, r, "originalValue");
    }

    private static Object privateField(Class<?> c, Object o, String name) {
        try {
            Field f = c.getDeclaredField(name);
            f.setAccessible(true);
            return f.get(o);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("picocli's " + c.getSimpleName() + " has no field " + name, e);
        }
    }

    private static String[] classNames(Object[] objects) {
        String[] names = new String[objects.length];
        for (int i = 0; i < objects.length; i++) {
            names[i] = objects[i] instanceof Class<?> c ? c.getName() : objects[i].getClass().getName();
        }
        return names;
    }

    private static String className(Object o) {
        return o == null ? null : o.getClass().getName();
    }

    private static String kv(String key, String value) {
        if (value != null && value.contains("${")) {
            throw new IllegalStateException("the recorded command model cannot hold ${variables}: " + value);
        }
        return key + "=" + ModelText.escape(value);
    }

    /** A value already in the line format (a list or a range). */
    private static String enc(String key, String encoded) {
        return key + "=" + encoded;
    }

    private void line(List<String> fields) {
        out.append(String.join(String.valueOf(ModelText.SEP), fields)).append('\n');
    }

    private static IllegalStateException unsupported(CommandSpec spec, String what) {
        return new IllegalStateException("the recorded command model cannot rebuild " + what + " (in '"
                + spec.qualifiedName() + "'): extend org.schsm.cli.model.ModelWriter and CommandModels");
    }
}
