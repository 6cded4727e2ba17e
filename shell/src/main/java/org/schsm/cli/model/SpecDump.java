package org.schsm.cli.model;

import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.ITypeInfo;
import picocli.CommandLine.Range;

/**
 * A command tree written out as text through picocli's public getters: every attribute of every
 * command, usage message, parser setting, option and positional parameter, and the values of the
 * user objects' fields. Two trees that give the same text are the same model to picocli, which is
 * what the build step ({@link ModelWriter}) and the equivalence test check between the model read
 * from annotations and the one built from the recorded description. Uses reflection freely: it is
 * never on the path of a command.
 */
public final class SpecDump {
    /** Getters that lead back up the tree, hand out live bindings or builders, or are identities. */
    private static final Set<String> SKIPPED = Set.of("command", "group", "getter", "setter", "scope",
            "toBuilder", "hashCode", "messages", "parent", "commandLine", "root", "annotatedElement");

    private final StringBuilder out = new StringBuilder();

    private SpecDump() {
    }

    /** The whole tree under {@code cl}: model and field values. */
    public static String of(CommandLine cl) {
        SpecDump d = new SpecDump();
        d.command(cl.getCommandSpec(), "");
        return d.out.toString();
    }

    /** Only the values of the user objects' fields (the command's and its mixins'), for parse comparisons. */
    public static String values(CommandSpec spec) {
        SpecDump d = new SpecDump();
        d.fields(spec.userObject(), spec.qualifiedName());
        spec.mixins().forEach((name, mixin) -> d.fields(mixin.userObject(), spec.qualifiedName() + " mixin " + name));
        return d.out.toString();
    }

    private void command(CommandSpec spec, String indent) {
        line(indent, "command", spec.qualifiedName());
        String in = indent + "  ";
        line(in, "name", spec.name());
        line(in, "aliases", norm(spec.aliases()));
        line(in, "userObject", spec.userObject() == null ? "null" : spec.userObject().getClass().getName());
        line(in, "helpCommand", spec.helpCommand());
        line(in, "version", norm(spec.version()));
        line(in, "versionProvider", norm(spec.versionProvider()));
        line(in, "defaultValueProvider", norm(spec.defaultValueProvider()));
        line(in, "modelTransformer", norm(spec.modelTransformer()));
        line(in, "preprocessor", norm(spec.preprocessor()));
        line(in, "negatableOptionTransformer", norm(spec.negatableOptionTransformer()));
        line(in, "subcommandsRepeatable", spec.subcommandsRepeatable());
        line(in, "addMethodSubcommands", spec.isAddMethodSubcommands());
        line(in, "interpolateVariables", spec.interpolateVariables());
        line(in, "scopeType", spec.scopeType());
        line(in, "inherited", spec.inherited());
        line(in, "exitCodes", spec.exitCodeOnSuccess() + " " + spec.exitCodeOnUsageHelp() + " "
                + spec.exitCodeOnVersionHelp() + " " + spec.exitCodeOnInvalidInput() + " "
                + spec.exitCodeOnExecutionException());
        line(in, "mixinStandardHelpOptions", spec.mixinStandardHelpOptions());
        line(in, "resourceBundleBaseName", spec.resourceBundleBaseName());
        line(in, "toString", spec.toString().startsWith("command '") ? "(default)" : spec.toString());
        line(in, "unmatchedArgsBindings", spec.unmatchedArgsBindings().size());
        line(in, "argGroups", spec.argGroups().size());
        line(in, "parentCommandElements", spec.parentCommandElements().size());
        line(in, "requiredArgs", norm(spec.requiredArgs()));
        getters(spec.usageMessage(), in + "usage.");
        getters(spec.parser(), in + "parser.");
        for (ArgSpec arg : spec.args()) {
            line(in, arg.isOption() ? "option" : "positional", arg.toString());
            getters(arg, in + "  ");
        }
        spec.mixins().forEach((name, mixin) -> {
            line(in, "mixin", name);
            command(mixin, in + "  ");
        });
        fields(spec.userObject(), in + "field ");
        if (spec.commandLine() != null) {
            line(in, "usageHelp", "\n" + spec.commandLine().getUsageMessage(CommandLine.Help.Ansi.OFF));
        }
        spec.subcommands().forEach((name, sub) -> {
            line(in, "subcommand", name);
            command(sub.getCommandSpec(), in + "  ");
        });
    }

    /** Every public no-argument getter picocli declares on {@code o}'s class, sorted by name. */
    private void getters(Object o, String prefix) {
        List<Method> methods = new ArrayList<>();
        for (Method m : o.getClass().getMethods()) {
            if (m.getParameterCount() == 0 && m.getReturnType() != void.class
                    && m.getDeclaringClass().getName().startsWith("picocli.")
                    && !SKIPPED.contains(m.getName()) && !m.getReturnType().getSimpleName().equals("Builder")) {
                methods.add(m);
            }
        }
        methods.sort(Comparator.comparing(Method::getName));
        for (Method m : methods) {
            Object v;
            try {
                v = m.invoke(o);
            } catch (InvocationTargetException e) {
                v = "threw " + e.getCause();
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(m.toString(), e);
            }
            out.append(prefix).append(m.getName()).append(" = ").append(norm(v)).append('\n');
        }
    }

    private void fields(Object o, String prefix) {
        if (o == null) {
            return;
        }
        for (Class<?> c = o.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (Modifier.isStatic(f.getModifiers()) || f.isSynthetic()) {
                    continue;
                }
                try {
                    f.setAccessible(true);
                    Object v = f.get(o);
                    String shown = v instanceof CommandSpec s ? "spec of " + s.qualifiedName() : norm(v);
                    out.append(prefix).append(c.getName()).append('.').append(f.getName()).append(" = ")
                            .append(shown).append('\n');
                } catch (ReflectiveOperationException | RuntimeException e) {
                    out.append(prefix).append(f.getName()).append(" unreadable: ").append(e).append('\n');
                }
            }
        }
    }

    private void line(String indent, String key, Object value) {
        out.append(indent).append(key).append(" = ").append(value).append('\n');
    }

    private static String typeInfo(ITypeInfo t) {
        return t.getClassName() + " " + t.getClassSimpleName() + " type=" + norm(t.getType())
                + " aux=" + norm(t.getAuxiliaryTypes()) + " generic=" + t.getActualGenericTypeArguments()
                + " boolean=" + t.isBoolean() + " multi=" + t.isMultiValue() + " optional=" + t.isOptional()
                + " array=" + t.isArray() + " collection=" + t.isCollection() + " map=" + t.isMap()
                + " enum=" + t.isEnum() + " " + t.getEnumConstantNames();
    }

    /** A value as text that names no object identity. */
    static String norm(Object v) {
        if (v == null) {
            return "null";
        }
        if (v instanceof String || v instanceof Number || v instanceof Boolean || v instanceof Character
                || v instanceof Enum<?> || v instanceof Path) {
            return v.getClass().getSimpleName() + ":" + v;
        }
        if (v instanceof Class<?> c) {
            return "class " + c.getName();
        }
        if (v instanceof Field f) {
            return "field " + f.toGenericString();
        }
        if (v instanceof Range r) {
            return "range " + r.min() + ".." + r.max() + (r.isVariable() ? " variable" : "")
                    + (r.isUnspecified() ? " unspecified" : "") + " original=" + ModelWriter.originalValue(r);
        }
        if (v instanceof ArgSpec a) {
            return "arg " + a;
        }
        if (v instanceof ITypeInfo t) {
            List<String> aux = new ArrayList<>();
            // an element type's own element type is itself: one level is the whole information
            t.getAuxiliaryTypeInfos().forEach(x -> aux.add(typeInfo(x)));
            return "typeInfo{" + typeInfo(t) + " auxInfos=" + aux + "}";
        }
        if (v.getClass().isArray()) {
            List<String> items = new ArrayList<>();
            for (int i = 0; i < Array.getLength(v); i++) {
                items.add(norm(Array.get(v, i)));
            }
            return items.toString();
        }
        if (v instanceof Map<?, ?> m) {
            List<String> items = new ArrayList<>();
            m.forEach((k, x) -> items.add(norm(k) + "=" + norm(x)));
            return "map" + items;
        }
        if (v instanceof Iterable<?> it) {
            List<String> items = new ArrayList<>();
            it.forEach(x -> items.add(norm(x)));
            return "list" + items;
        }
        return "instance of " + v.getClass().getName();
    }
}
