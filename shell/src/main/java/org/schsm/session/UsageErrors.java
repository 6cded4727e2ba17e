package org.schsm.session;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine;

/**
 * Prints a command-line mistake as one line without any value the user typed. A word on the
 * command line that is not an option name may be a PIN that slipped to the wrong place
 * ({@code --new-pin 271828} where the option is {@code --new}), and picocli's own messages quote
 * such words; so the line is composed here from picocli's structured exception (which option,
 * which kind of mistake) and never from its message. Option names the user typed are shown when
 * they look like option names; everything else is "not shown".
 */
public final class UsageErrors implements CommandLine.IParameterExceptionHandler {
    static final String NOT_SHOWN = "not shown: it could be a secret";
    /** A word shaped like an option name: lower case, digits, single hyphens ({@code --new-pin}, {@code -x}). */
    private static final Pattern OPTION_WORD = Pattern.compile("--?[a-z][a-z0-9]*(?:-[a-z0-9]+)*");
    private static final Pattern OPTION_WITH_VALUE = Pattern.compile("(--?[a-z][a-z0-9]*(?:-[a-z0-9]+)*)=.*", Pattern.DOTALL);
    private static final Pattern QUOTED = Pattern.compile("'([^']*)'");
    /** Below this length a word is not masked inside a message: it would mangle ordinary text and is no secret. */
    private static final int MIN_MASKED = 4;

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine cl = ex.getCommandLine();
        PrintWriter err = cl.getErr();
        err.println(line(ex, args));
        err.println("Try '" + cl.getCommandSpec().qualifiedName() + " --help' for usage.");
        return ExitCode.BAD_INPUT;
    }

    /**
     * The one line shown for {@code ex}: {@code schsm: ...}, with every typed value masked. Also
     * what a script's {@code parseArgs} prints.
     */
    public static String line(ParameterException ex, String[] args) {
        CommandSpec spec = ex.getCommandLine().getCommandSpec();
        Set<String> names = knownWords(spec);
        String text = describe(ex, spec, names);
        return "schsm: " + maskTyped(text, args, names);
    }

    private static String describe(ParameterException ex, CommandSpec spec, Set<String> names) {
        if (ex instanceof CommandLine.UnmatchedArgumentException unmatched) {
            return unmatched(unmatched, spec, names);
        }
        if (ex instanceof CommandLine.MissingParameterException missing) {
            List<String> what = new ArrayList<>();
            for (ArgSpec arg : missing.getMissing()) {
                what.add(name(arg));
            }
            boolean options = missing.getMissing().stream().allMatch(ArgSpec::isOption);
            return what.isEmpty() ? "a value is missing"
                    : options ? "option " + String.join(", ", what) + " needs a value"
                    : "missing parameter " + String.join(", ", what);
        }
        if (ex instanceof CommandLine.OverwrittenOptionException overwritten) {
            return "option " + name(overwritten.getOverwritten()) + " was given more than once";
        }
        ArgSpec arg = ex.getArgSpec();
        if (ex instanceof CommandLine.MaxValuesExceededException) {
            return arg == null ? "too many values" : "too many values for " + name(arg);
        }
        if (arg != null && ex.getValue() != null && arg.isOption() && ((OptionSpec) arg).arity().max() == 0) {
            return "option " + name(arg) + " takes no value (the value given is " + NOT_SHOWN + ")";
        }
        if (arg != null && ex.getValue() != null) {
            // picocli wraps a failed conversion (TypeConversionException) this way
            return (arg.isOption() ? "option " : "") + name(arg) + " wants " + typeName(arg)
                    + "; the value given is not one (" + NOT_SHOWN + ")";
        }
        // Anything else (mutually exclusive options, ...): picocli's text, quoted words masked.
        return maskQuoted(String.valueOf(ex.getMessage()), names);
    }

    private static String unmatched(CommandLine.UnmatchedArgumentException ex, CommandSpec spec, Set<String> names) {
        List<String> options = new ArrayList<>();
        int values = 0;
        for (String word : ex.getUnmatched()) {
            Matcher withValue = OPTION_WITH_VALUE.matcher(word);
            if (OPTION_WORD.matcher(word).matches()) {
                options.add("'" + word + "'");
            } else if (withValue.matches()) {
                options.add("'" + withValue.group(1) + "=…'");
            } else {
                values++;
            }
        }
        List<String> parts = new ArrayList<>();
        if (!options.isEmpty()) {
            parts.add("unknown option" + (options.size() == 1 ? " " : "s ") + String.join(", ", options));
        }
        if (values > 0) {
            boolean commandExpected = !spec.subcommands().isEmpty() && spec.positionalParameters().isEmpty()
                    && options.isEmpty();
            parts.add((commandExpected ? "unknown command" : values == 1 ? "an unexpected value" : values + " unexpected values")
                    + " (" + NOT_SHOWN + ")");
            if (commandExpected) {
                parts.add("commands: " + String.join(", ", spec.subcommands().keySet()));
            }
        }
        List<String> suggestions = new ArrayList<>();
        for (String s : ex.getSuggestions()) {
            if (names.contains(s)) {
                suggestions.add(s);   // only names from the model
            }
        }
        String text = parts.isEmpty() ? "unexpected arguments (" + NOT_SHOWN + ")" : String.join("; ", parts);
        return suggestions.isEmpty() ? text : text + " (did you mean " + String.join(" or ", suggestions) + "?)";
    }

    private static String name(ArgSpec arg) {
        if (arg instanceof OptionSpec option) {
            return "'" + option.longestName() + "'";
        }
        return arg.paramLabel();
    }

    private static String typeName(ArgSpec arg) {
        Class<?> type = arg.auxiliaryTypes().length > 0 ? arg.auxiliaryTypes()[0] : arg.type();
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class
                || type == short.class || type == Short.class) {
            return "a whole number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (Path.class.isAssignableFrom(type)) {
            return "a file name";
        }
        if (type.isEnum()) {
            List<String> constants = new ArrayList<>();
            for (Object c : type.getEnumConstants()) {
                constants.add(c.toString());
            }
            return "one of " + String.join(", ", constants);
        }
        return "a " + type.getSimpleName();
    }

    /** Option names and command names of {@code spec}, its parents and its subcommands: words that are never secrets. */
    static Set<String> knownWords(CommandSpec spec) {
        Set<String> names = new LinkedHashSet<>();
        for (CommandSpec s = spec; s != null; s = s.parent()) {
            for (OptionSpec o : s.options()) {
                names.addAll(List.of(o.names()));
            }
            names.addAll(s.subcommands().keySet());
            names.add(s.name());
        }
        return names;
    }

    private static String maskQuoted(String text, Set<String> names) {
        Matcher m = QUOTED.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String word = m.group(1);
            m.appendReplacement(out, Matcher.quoteReplacement(names.contains(word) ? m.group() : "'****'"));
        }
        m.appendTail(out);
        return out.toString();
    }

    /**
     * The last net: every word of the command line that is not a known name, and every value
     * after an {@code =}, is replaced wherever it still appears in {@code text}.
     */
    static String maskTyped(String text, String[] args, Set<String> names) {
        String out = text;
        for (String arg : args) {
            if (arg == null) {
                continue;
            }
            int eq = arg.indexOf('=');
            List<String> words = eq > 0 ? List.of(arg, arg.substring(eq + 1)) : List.of(arg);
            for (String word : words) {
                if (word.length() >= MIN_MASKED && !names.contains(word) && !OPTION_WORD.matcher(word).matches()
                        && out.contains(word)) {
                    out = out.replace(word, "****");
                }
            }
        }
        return out;
    }
}
