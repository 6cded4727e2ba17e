package org.schsm.cli.model;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.ITypeInfo;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.Range;
import picocli.CommandLine.ScopeType;

/**
 * The command models recorded at build time ({@link ModelWriter}), built into picocli
 * {@code CommandSpec}s with its programmatic API: the same commands, options and bindings as the
 * annotations give, without reading an annotation (no reflection on annotations, no dynamic proxy
 * classes). Returns null when there is no record or it is older than a class it names (a run from
 * an IDE that compiled but did not run the build step): the caller then reads the annotations.
 */
public final class CommandModels {
    private static final String DEFAULT_NAME = "<main class>";

    private final List<String> lines;
    private final Set<Class<?>> classes = new LinkedHashSet<>();
    private int next;

    private CommandModels(List<String> lines) {
        this.lines = lines;
    }

    /** The root command ({@code schsm}, its options and mixins, no subcommands), or null. */
    public static CommandSpec root() {
        return loadRecord(ModelWriter.ROOT);
    }

    /** The command registered under {@code name} on the root, with its own subcommands, or null. */
    public static CommandSpec command(String name) {
        return loadRecord(name);
    }

    private static CommandSpec loadRecord(String name) {
        URL url = CommandModels.class.getResource(name + ModelWriter.SUFFIX);
        if (url == null) {
            return null;
        }
        try (InputStream in = url.openStream()) {
            CommandModels m = new CommandModels(readLines(in));
            CommandSpec spec = m.readCommand(null);
            return m.newerThanClasses(url) ? spec : null;
        } catch (IOException | ReflectiveOperationException | URISyntaxException | RuntimeException e) {
            // a record that does not fit the classes: the annotations still describe them
            return null;
        }
    }

    /** The command a record's text describes (for the tests: no file, no age check). */
    static CommandSpec fromText(String text) throws ReflectiveOperationException {
        return new CommandModels(lines(text)).readCommand(null);
    }

    /** Only for a class directory (IDE, tests): a jar holds the record made by its own build. */
    private boolean newerThanClasses(URL url) throws URISyntaxException {
        if (!url.getProtocol().equals("file")) {
            return true;
        }
        long recorded = new File(url.toURI()).lastModified();
        for (Class<?> c : classes) {
            URL cls = c.getResource(c.getName().substring(c.getName().lastIndexOf('.') + 1) + ".class");
            if (cls != null && cls.getProtocol().equals("file") && new File(cls.toURI()).lastModified() > recorded) {
                return false;
            }
        }
        return true;
    }

    private static List<String> readLines(InputStream in) throws IOException {
        return lines(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }

    private static List<String> lines(String text) {
        List<String> lines = new ArrayList<>();
        int start = 0;
        for (int end = text.indexOf('\n'); end >= 0; end = text.indexOf('\n', start)) {
            lines.add(text.substring(start, end));
            start = end + 1;
        }
        if (start < text.length()) {
            lines.add(text.substring(start));
        }
        return lines;
    }

    /** Reads a {@code command} line and its members up to its {@code end}; {@code instance} for mixins. */
    private CommandSpec readCommand(Object instance) throws ReflectiveOperationException {
        Map<String, String> a = attributes(expect("command"));
        Object user = instance != null ? instance : newInstance(load(a.get("class")));
        CommandSpec spec = CommandSpec.wrapWithoutInspection(user);
        FieldBinding.ObjectScope scope = new FieldBinding.ObjectScope(user);
        String name = ModelText.unescape(a.get("name"));
        if (!DEFAULT_NAME.equals(name)) {
            spec.name(name);
        }
        String[] aliases = ModelText.decodeList(a.get("aliases"));
        if (aliases.length > 0) {
            spec.aliases(aliases);
        }
        if (Boolean.parseBoolean(a.get("helpCommand"))) {
            spec.helpCommand(true);
        }
        String versionProvider = ModelText.unescape(a.get("versionProvider"));
        if (versionProvider != null) {
            spec.versionProvider((CommandLine.IVersionProvider) newInstance(load(versionProvider)));
        }
        String transformer = ModelText.unescape(a.get("modelTransformer"));
        if (transformer != null) {
            spec.modelTransformer((CommandLine.IModelTransformer) newInstance(load(transformer)));
        }
        String[] description = ModelText.decodeList(a.get("description"));
        if (description.length > 0) {
            spec.usageMessage().description(description);
        }
        String[] header = ModelText.decodeList(a.get("header"));
        if (header.length > 0) {
            spec.usageMessage().header(header);
        }
        String[] footer = ModelText.decodeList(a.get("footer"));
        if (footer.length > 0) {
            spec.usageMessage().footer(footer);
        }
        String toString = ModelText.unescape(a.get("toString"));
        if (toString != null) {
            spec.withToString(toString);
        }
        while (true) {
            String line = lines.get(next++);
            String kind = line.substring(0, line.indexOf(ModelText.SEP) < 0 ? line.length() : line.indexOf(ModelText.SEP));
            switch (kind) {
                case "end" -> {
                    return spec;
                }
                case "sub" -> {
                    String subName = ModelText.unescape(attributes(line).get("name"));
                    spec.addSubcommand(subName, new CommandLine(readCommand(null)));
                }
                case "spec" -> inject(attributes(line), user, spec);
                case "mixin" -> {
                    Map<String, String> m = attributes(line);
                    Field f = field(m.get("field"));
                    Object mixin = f.get(user);
                    if (mixin == null) {
                        mixin = newInstance(f.getType());
                        f.set(user, mixin);
                    }
                    spec.addMixin(ModelText.unescape(m.get("name")), readCommand(mixin));
                }
                case "option", "positional" -> spec.add(arg(kind.equals("option"), attributes(line), scope));
                default -> throw new IllegalStateException("unknown model line: " + kind);
            }
        }
    }

    private ArgSpec arg(boolean option, Map<String, String> a, FieldBinding.ObjectScope scope)
            throws ReflectiveOperationException {
        Field field = field(a.get("field"));
        FieldBinding binding = new FieldBinding(scope, field);
        Object initial = binding.get();
        Class<?> type = load(a.get("type"));
        Class<?>[] aux = classes(ModelText.decodeList(a.get("auxiliaryTypes")));
        ITypeConverter<?>[] converters = converters(ModelText.decodeList(a.get("converters")));
        Range arity = range(a.get("arity"));
        boolean interactive = Boolean.parseBoolean(a.get("interactive"));
        String[] typeArguments = ModelText.decodeList(a.get("typeArguments"));
        // the builder derives the same type information from the classes, but for the type
        // arguments of a generic field, which only its signature tells
        ITypeInfo typeInfo = typeArguments.length == 0 ? null : typeInfo(type, aux, arity, interactive, typeArguments);
        // the same setters twice: picocli's common ArgSpec.Builder is not public
        if (option) {
            OptionSpec.Builder b = OptionSpec.builder(ModelText.decodeList(a.get("names")))
                    .help(Boolean.parseBoolean(a.get("help")))
                    .usageHelp(Boolean.parseBoolean(a.get("usageHelp")))
                    .versionHelp(Boolean.parseBoolean(a.get("versionHelp")))
                    .negatable(Boolean.parseBoolean(a.get("negatable")))
                    .fallbackValue(ModelText.unescape(a.get("fallbackValue")))
                    .order(Integer.parseInt(a.get("order")))
                    .userObject(field).getter(binding).setter(binding).scope(scope)
                    .initialValue(initial).hasInitialValue(true)
                    .arity(arity).type(type).auxiliaryTypes(aux).converters(converters)
                    .paramLabel(ModelText.unescape(a.get("paramLabel")))
                    .hideParamSyntax(Boolean.parseBoolean(a.get("hideParamSyntax")))
                    .required(Boolean.parseBoolean(a.get("required")))
                    .interactive(interactive)
                    .echo(Boolean.parseBoolean(a.get("echo")))
                    .prompt(ModelText.unescape(a.get("prompt")))
                    .description(ModelText.decodeList(a.get("description")))
                    .descriptionKey(ModelText.unescape(a.get("descriptionKey")))
                .splitRegex(ModelText.unescape(a.get("splitRegex")))
                    .splitRegexSynopsisLabel(ModelText.unescape(a.get("splitRegexSynopsisLabel")))
                    .hidden(Boolean.parseBoolean(a.get("hidden")))
                    .defaultValue(ModelText.unescape(a.get("defaultValue")))
                    .showDefaultValue(constant(CommandLine.Help.Visibility.values(), a.get("showDefaultValue")))
                    .scopeType(constant(ScopeType.values(), a.get("scope")))
                    .withToString(ModelText.unescape(a.get("toString")));
            return (typeInfo == null ? b : b.typeInfo(typeInfo)).build();
        }
        PositionalParamSpec.Builder b = PositionalParamSpec.builder()
                .index(range(a.get("index")))
                .userObject(field).getter(binding).setter(binding).scope(scope)
                .initialValue(initial).hasInitialValue(true)
                .arity(arity).type(type).auxiliaryTypes(aux).converters(converters)
                .paramLabel(ModelText.unescape(a.get("paramLabel")))
                .hideParamSyntax(Boolean.parseBoolean(a.get("hideParamSyntax")))
                .required(Boolean.parseBoolean(a.get("required")))
                .interactive(interactive)
                .echo(Boolean.parseBoolean(a.get("echo")))
                .prompt(ModelText.unescape(a.get("prompt")))
                .description(ModelText.decodeList(a.get("description")))
                .descriptionKey(ModelText.unescape(a.get("descriptionKey")))
                .splitRegex(ModelText.unescape(a.get("splitRegex")))
                .splitRegexSynopsisLabel(ModelText.unescape(a.get("splitRegexSynopsisLabel")))
                .hidden(Boolean.parseBoolean(a.get("hidden")))
                .defaultValue(ModelText.unescape(a.get("defaultValue")))
                .showDefaultValue(constant(CommandLine.Help.Visibility.values(), a.get("showDefaultValue")))
                .scopeType(constant(ScopeType.values(), a.get("scope")))
                .withToString(ModelText.unescape(a.get("toString")));
        return (typeInfo == null ? b : b.typeInfo(typeInfo)).build();
    }

    /**
     * picocli's type information from the classes, as an option built in code gets it; for a
     * generic field ({@code List<Path>}) with the type arguments its annotation path reads from
     * the field's signature.
     */
    private static ITypeInfo typeInfo(Class<?> type, Class<?>[] aux, Range arity, boolean interactive, String[] typeArguments) {
        ITypeInfo plain = OptionSpec.builder("--type").type(type).auxiliaryTypes(aux).arity(arity)
                .interactive(interactive).build().typeInfo();
        return new GenericTypeInfo(plain, List.of(typeArguments));
    }

    private ITypeConverter<?>[] converters(String[] names) throws ReflectiveOperationException {
        ITypeConverter<?>[] cs = new ITypeConverter<?>[names.length];
        for (int i = 0; i < cs.length; i++) {
            cs[i] = (ITypeConverter<?>) newInstance(load(names[i]));
        }
        return cs;
    }

    /** {@code Enum.valueOf} without its reflective lookup of {@code values()}. */
    private static <E extends Enum<E>> E constant(E[] values, String name) {
        for (E e : values) {
            if (e.name().equals(name)) {
                return e;
            }
        }
        throw new IllegalArgumentException(name);
    }

    private static Range range(String encoded) {
        String[] r = ModelText.decodeList(encoded);
        return new Range(Integer.parseInt(r[0]), Integer.parseInt(r[1]), Boolean.parseBoolean(r[2]),
                Boolean.parseBoolean(r[3]), r[4]);
    }

    private String expect(String kind) {
        String line = lines.get(next++);
        if (!line.startsWith(kind + ModelText.SEP) && !line.equals(kind)) {
            throw new IllegalStateException("expected " + kind + ", found " + line);
        }
        return line;
    }

    private static Map<String, String> attributes(String line) {
        List<String> fields = ModelText.fields(line);
        Map<String, String> a = new HashMap<>();
        for (int i = 1; i < fields.size(); i++) {
            String f = fields.get(i);
            int eq = f.indexOf('=');
            a.put(f.substring(0, eq), f.substring(eq + 1));
        }
        return a;
    }

    /** {@code @Spec}: into a field, or through a method that takes the spec (picocli calls it the same way). */
    private void inject(Map<String, String> a, Object user, CommandSpec spec) throws ReflectiveOperationException {
        String field = a.get("field");
        if (field != null) {
            field(field).set(user, spec);
            return;
        }
        String m = ModelText.unescape(a.get("method"));
        int hash = m.indexOf('#');
        Method method = load(m.substring(0, hash)).getDeclaredMethod(m.substring(hash + 1), CommandSpec.class);
        method.setAccessible(true);
        method.invoke(user, spec);
    }

    /** {@code pkg.Class#name}: a declared field, opened for picocli as its own binding opens it. */
    private Field field(String member) throws ReflectiveOperationException {
        String m = ModelText.unescape(member);
        int hash = m.indexOf('#');
        Field f = load(m.substring(0, hash)).getDeclaredField(m.substring(hash + 1));
        f.setAccessible(true);
        return f;
    }

    private Class<?>[] classes(String[] names) throws ClassNotFoundException {
        Class<?>[] out = new Class<?>[names.length];
        for (int i = 0; i < names.length; i++) {
            out[i] = load(names[i]);
        }
        return out;
    }

    private static final Map<String, Class<?>> PRIMITIVES = Map.of("boolean", boolean.class, "int", int.class,
            "long", long.class, "short", short.class, "byte", byte.class, "char", char.class,
            "double", double.class, "float", float.class);

    private Class<?> load(String name) throws ClassNotFoundException {
        Class<?> p = PRIMITIVES.get(name);
        if (p != null) {
            return p;
        }
        // not initialised here: picocli initialises a command class when it creates its object
        Class<?> c = Class.forName(name, false, CommandModels.class.getClassLoader());
        if (!c.getName().startsWith("java.") && !c.isArray()) {
            classes.add(c);
        }
        return c;
    }

    private static Object newInstance(Class<?> c) throws ReflectiveOperationException {
        Constructor<?> k = c.getDeclaredConstructor();
        k.setAccessible(true);
        return k.newInstance();
    }
}
