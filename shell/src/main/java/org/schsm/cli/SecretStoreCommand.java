package org.schsm.cli;

import java.io.Console;
import java.io.PrintWriter;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import org.schsm.InvalidInputException;
import org.schsm.secrets.SecretKind;
import org.schsm.secrets.SecretStore;
import org.schsm.session.ExitCode;
import org.schsm.session.PinSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code schsm secret add|update|remove|list}: the encrypted store behind {@code --pin secret:NAME}
 * (docs/secrets.md). Values are typed at a no-echo prompt (twice) or read from {@code env:VAR} or
 * {@code file:PATH}; they are never printed, and never taken from the command line itself.
 */
@Command(name = "secret", description = "Keep PINs, SO-PINs and passwords encrypted for unattended use (--pin secret:NAME).",
        subcommands = {SecretStoreCommand.Add.class, SecretStoreCommand.Update.class, SecretStoreCommand.Remove.class,
                SecretStoreCommand.ListSecrets.class})
public final class SecretStoreCommand implements Runnable {
    /** Reads a value twice without echo; a seam for tests, which have no console. */
    @FunctionalInterface
    interface Prompt {
        char[] read(String text);
    }

    static Prompt prompt = SecretStoreCommand::consolePrompt;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The real prompt, for tests that replaced it to put it back. */
    static char[] consolePromptForTests(String text) {
        return consolePrompt(text);
    }

    private static char[] consolePrompt(String text) {
        Console console = System.console();
        if (console == null) {
            throw new InvalidInputException("no console to prompt on: use --value env:VAR or --value file:PATH");
        }
        char[] typed = console.readPassword("%s: ", text);
        return typed == null ? new char[0] : typed;
    }

    /** The value from {@code --value} (env:VAR or file:PATH) or the prompt, typed twice. */
    static char[] readValue(String valueSpec, SecretKind kind, String name) {
        if (valueSpec != null) {
            if (!valueSpec.startsWith("env:") && !valueSpec.startsWith("file:")) {
                // a value on the command line would be in the shell's history and in `ps` output
                throw new InvalidInputException("--value takes env:VAR or file:PATH, never the value itself");
            }
            return PinSource.system().resolve(valueSpec, kind.description() + " for secret '" + name + "'", "--value");
        }
        char[] first = prompt.read(capitalised(kind.description()) + " for secret '" + name + "'");
        char[] second = null;
        try {
            if (first.length == 0) {
                throw new InvalidInputException("nothing entered");
            }
            second = prompt.read("Again, to check");
            if (!Arrays.equals(first, second)) {
                throw new InvalidInputException("the two entries differ");
            }
            return first;
        } catch (RuntimeException e) {
            Arrays.fill(first, '\0');
            throw e;
        } finally {
            if (second != null) {
                Arrays.fill(second, '\0');
            }
        }
    }

    private static String capitalised(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    @Command(name = "add", description = "Store a new secret: typed twice at a no-echo prompt, or --value env:VAR|file:PATH.")
    static final class Add implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "NAME", description = "Name to use as secret:NAME (letters, digits, . _ -).")
        String name;

        @Option(names = "--kind", paramLabel = "KIND", defaultValue = "user-pin",
                description = "user-pin (6..16 characters, default), so-pin (16 hex digits) or password.")
        String kind;

        @Option(names = "--value", paramLabel = "SOURCE", description = "env:VAR or file:PATH instead of the prompt.")
        @org.schsm.Secret
        String value;

        @Override
        public Integer call() {
            SecretStore.checkName(name);
            SecretKind k = SecretKind.of(kind);
            SecretStore store = SecretStore.system();
            if (store.find(name).isPresent()) {   // before the prompt, not after it
                throw new InvalidInputException("secret '" + name + "' exists already; use: schsm secret update " + name);
            }
            char[] chars = readValue(value, k, name);
            try {
                store.add(name, k, chars);
            } finally {
                Arrays.fill(chars, '\0');
            }
            spec.commandLine().getOut().println("Secret '" + name + "' (" + k + ") added to " + store.location().store() + ".");
            return ExitCode.OK;
        }
    }

    @Command(name = "update", description = "Replace the value of a secret (and forget that the card refused it).")
    static final class Update implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "NAME", description = "The secret to update.")
        String name;

        @Option(names = "--value", paramLabel = "SOURCE", description = "env:VAR or file:PATH instead of the prompt.")
        @org.schsm.Secret
        String value;

        @Override
        public Integer call() {
            SecretStore.checkName(name);
            SecretStore store = SecretStore.system();
            char[] chars = null;
            try {
                SecretKind kind = store.entry(name).kind();
                chars = readValue(value, kind, name);
                store.update(name, chars);
            } catch (InvalidInputException e) {
                throw new InvalidInputException("secret '" + name + "' not updated, the previous value is kept: "
                        + e.getMessage());
            } finally {
                if (chars != null) {
                    Arrays.fill(chars, '\0');
                }
            }
            spec.commandLine().getOut().println("Secret '" + name + "' updated.");
            return ExitCode.OK;
        }
    }

    @Command(name = "remove", description = "Delete a secret from the store.")
    static final class Remove implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "NAME", description = "The secret to remove.")
        String name;

        @Override
        public Integer call() {
            SecretStore.system().remove(name);
            spec.commandLine().getOut().println("Secret '" + name + "' removed.");
            return ExitCode.OK;
        }
    }

    @Command(name = "list", description = "Names, kinds, when added and when the card last refused them; never values.")
    static final class ListSecrets implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            SecretStore store = SecretStore.system();
            List<SecretStore.Entry> entries = store.list();
            if (entries.isEmpty()) {
                out.println("No secrets in " + store.location().store() + ".");
                return ExitCode.OK;
            }
            out.printf("%-24s %-9s %-20s %-20s %s%n", "NAME", "KIND", "ADDED", "UPDATED", "LAST REFUSED");
            for (SecretStore.Entry e : entries) {
                out.printf("%-24s %-9s %-20s %-20s %s%n", e.name(), e.kind(), e.added().truncatedTo(ChronoUnit.SECONDS),
                        e.updated().truncatedTo(ChronoUnit.SECONDS),
                        e.refused().map(r -> r.truncatedTo(ChronoUnit.SECONDS) + e.refusedWith().map(sw -> " " + sw).orElse(""))
                                .orElse("-"));
            }
            return ExitCode.OK;
        }
    }
}
