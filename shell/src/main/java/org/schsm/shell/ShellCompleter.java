package org.schsm.shell;

import groovy.lang.Binding;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;

/**
 * Tab completion: binding names, the shell's functions, Groovy keywords and {@code :commands}; after
 * a dot, the methods and properties of the object (or class) before it, found by reflection on types
 * only, so completing never calls a getter that could talk to the card.
 */
final class ShellCompleter implements Completer {
    static final List<String> KEYWORDS = List.of("def", "var", "if", "else", "for", "while", "in", "return",
            "try", "catch", "finally", "throw", "new", "true", "false", "null", "import", "class", "switch",
            "case", "break", "continue", "assert", "instanceof", "as");
    private static final Set<String> HIDDEN_METHODS = Set.of("wait", "notify", "notifyAll", "getClass", "hashCode",
            "run", "getBinding", "setBinding", "getMetaClass", "setMetaClass", "invokeMethod", "getProperty",
            "setProperty", "evaluate", "main", "print", "printf", "println");

    private final Binding binding;

    ShellCompleter(Binding binding) {
        this.binding = binding;
    }

    @Override
    public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
        for (String value : candidates(line.word())) {
            candidates.add(new Candidate(value, value, null, null, null, null, false));
        }
    }

    /** Completions for {@code word} (the dotted chain before the cursor), sorted. */
    Set<String> candidates(String word) {
        Set<String> out = new TreeSet<>();
        if (word.startsWith(":")) {
            out.addAll(ShellHelp.COMMANDS);
            return out;
        }
        int dot = word.lastIndexOf('.');
        if (dot < 0) {
            out.addAll(visibleBindingNames(binding));
            out.addAll(KEYWORDS);
            for (Method m : SchsmScript.class.getDeclaredMethods()) {
                if (Modifier.isPublic(m.getModifiers())) {
                    out.add(m.getName() + "(");
                }
            }
            return out;
        }
        String prefix = word.substring(0, dot);
        Target target = resolve(prefix.split("\\."));
        if (target != null) {
            for (String member : members(target)) {
                out.add(prefix + "." + member);
            }
        }
        return out;
    }

    static List<String> visibleBindingNames(Binding binding) {
        List<String> names = new ArrayList<>();
        for (Object key : binding.getVariables().keySet()) {
            String name = String.valueOf(key);
            if (!name.startsWith("_")) {
                names.add(name);
            }
        }
        names.sort(null);
        return names;
    }

    private record Target(Class<?> type, boolean statics) {
    }

    private Target resolve(String[] chain) {
        Target target;
        String first = chain[0];
        if (binding.hasVariable(first)) {
            Object value = binding.getVariable(first);
            if (value == null) {
                return null;
            }
            target = new Target(value.getClass(), false);
        } else {
            Class<?> type = importedClass(first);
            if (type == null) {
                return null;
            }
            target = new Target(type, true);
        }
        for (int i = 1; i < chain.length && target != null; i++) {
            target = member(target, chain[i]);
        }
        return target;
    }

    private static Class<?> importedClass(String simpleName) {
        if (simpleName.isEmpty() || !Character.isUpperCase(simpleName.charAt(0))) {
            return null;
        }
        List<String> packages = new ArrayList<>(List.of(GroovyShells.STAR_IMPORTS));
        packages.add("java.lang");
        for (String pkg : packages) {
            try {
                return Class.forName(pkg + "." + simpleName, false, ShellCompleter.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                continue;   // not in this package; try the next one
            }
        }
        return null;
    }

    /** The static type of {@code target.name} (property, no-arg method, field, enum constant). */
    private static Target member(Target target, String name) {
        String cap = name.isEmpty() ? name : Character.toUpperCase(name.charAt(0)) + name.substring(1);
        for (Method m : target.type().getMethods()) {
            boolean isStatic = Modifier.isStatic(m.getModifiers());
            if (m.getParameterCount() == 0 && isStatic == target.statics()
                    && (m.getName().equals(name) || m.getName().equals("get" + cap) || m.getName().equals("is" + cap))) {
                return new Target(m.getReturnType(), false);
            }
        }
        if (!target.statics()) {
            for (Method m : ApduExtensions.class.getMethods()) {
                if (m.getName().equals("get" + cap) && m.getParameterCount() == 1
                        && m.getParameterTypes()[0].isAssignableFrom(target.type())) {
                    return new Target(m.getReturnType(), false);
                }
            }
        }
        for (Field f : target.type().getFields()) {
            if (f.getName().equals(name) && Modifier.isStatic(f.getModifiers()) == target.statics()) {
                return new Target(f.getType(), false);
            }
        }
        return null;
    }

    private static Set<String> members(Target target) {
        Set<String> out = new TreeSet<>();
        for (Method m : target.type().getMethods()) {
            if (Modifier.isStatic(m.getModifiers()) != target.statics() || HIDDEN_METHODS.contains(m.getName())) {
                continue;
            }
            out.add(m.getName() + "(");
            String property = propertyName(m);
            if (property != null) {
                out.add(property);
            }
        }
        for (Field f : target.type().getFields()) {
            if (Modifier.isStatic(f.getModifiers()) == target.statics()) {
                out.add(f.getName());
            }
        }
        if (!target.statics()) {
            for (Method m : ApduExtensions.class.getMethods()) {
                if (Modifier.isStatic(m.getModifiers()) && m.getParameterCount() == 1
                        && m.getParameterTypes()[0].isAssignableFrom(target.type())) {
                    out.add(propertyName(m.getName()));
                }
            }
        }
        return out;
    }

    private static String propertyName(Method m) {
        if (m.getParameterCount() != 0 || m.getName().equals("getClass")) {
            return null;
        }
        return m.getName().startsWith("get") || m.getName().startsWith("is") ? propertyName(m.getName()) : null;
    }

    private static String propertyName(String getter) {
        String bare = getter.startsWith("get") ? getter.substring(3) : getter.startsWith("is") ? getter.substring(2) : getter;
        if (bare.isEmpty()) {
            return getter;
        }
        return Character.toLowerCase(bare.charAt(0)) + bare.substring(1);
    }
}
