package org.schsm.fleet;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.AnnotatedElement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.schsm.Secret;
import org.schsm.SchsmException;
import org.schsm.session.CardOptions;
import org.schsm.session.DeviceRuns;
import org.schsm.session.DryRunOption;
import org.schsm.session.ExitCode;
import org.schsm.session.FleetOptions;
import org.schsm.session.Json;
import org.schsm.session.ReaderSet;
import org.schsm.session.SecretCache;
import org.schsm.transport.ReaderInfo;
import org.schsm.transport.Readers;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * One command over a set of devices ({@code -r all}, a glob, a list; see {@link ReaderSet}): the
 * command itself is not rewritten, it runs once per device, in this process, with {@code -r} set to
 * that device, bounded by {@code --parallel N}. Around it:
 * <ul>
 *   <li>commands that read ({@code status}, {@code inspect}, {@code doctor}, {@code pin status},
 *       {@code keys}) end in one table, one row per device (reader, serial, PIN state, verdict), or
 *       with {@code --json} one array;</li>
 *   <li>commands that provision ({@code init}, {@code key generate}, {@code dkek import}) print each
 *       device's output prefixed with its reader as it finishes, then one summary (done / refused by
 *       the guard / refused by the card / lost); {@code --dry-run} shows what would run on which
 *       device, secrets as {@code **}, and sends nothing that changes a card.</li>
 * </ul>
 * Each device runs under its own brick guard (the command's own), secrets are read once for the
 * whole run ({@link SecretCache}), a device that fails is a row with its error, and the exit code
 * is the worst of the devices.
 */
public final class FleetRun {
    /** Runs one schsm command line, as {@code Main.run} does. */
    @FunctionalInterface
    public interface CommandRunner {
        int run(String[] args, PrintWriter out, PrintWriter err);
    }

    private FleetRun() {
    }

    /** The outcome on one device. */
    record DeviceResult(ReaderInfo device, DeviceProbe probe, int exitCode, String out, String err) {
        String label() {
            return device.isPcsc() ? device.name() : device.id();
        }

        /** One line: "ok", or what went wrong. */
        String verdict() {
            if (exitCode == ExitCode.OK) {
                return "ok";
            }
            String first = firstLine(err);
            if (first.isEmpty()) {
                first = firstLine(out);
            }
            return category(exitCode) + (first.isEmpty() ? "" : ": " + first);
        }
    }

    /**
     * Whether this command line is one for this class: {@code -r} names a set, {@code --dry-run} was
     * given, or {@code --parallel} stood before the name of a command that does not take it (then
     * {@link #execute} refuses it in one line). {@code schsm test} runs its sets itself; help is
     * never fanned out.
     */
    public static boolean applies(ParseResult parsed, CardOptions options) {
        String name = commandName(parsed);
        if (name.isEmpty() || helpRequested(parsed)) {
            return false;
        }
        CommandSpec command = command(parsed);
        if (DryRunOption.requested(command)) {
            return true;
        }
        if (!FleetOptions.declaredBy(command)) {
            return ReaderSet.isSet(options.reader()) || FleetOptions.parallelBeforeCommand(command) != null;
        }
        return ReaderSet.isSet(options.reader()) && !name.equals("test");
    }

    /**
     * Runs the parsed command over its devices; the exit code is the worst device's. {@code model}
     * is the whole command tree, read only to name the commands that would have taken an option
     * this one refuses.
     */
    public static int execute(ParseResult parsed, CardOptions options, CommandRunner runner, Supplier<CommandSpec> model) {
        CommandLine root = parsed.commandSpec().commandLine();
        try {
            return run(parsed, options, runner, model, root);
        } catch (CommandLine.ExecutionException e) {
            throw e;
        } catch (RuntimeException e) {
            // The root's error reporter gives it its one line and exit code, as for any command.
            throw new CommandLine.ExecutionException(root, String.valueOf(e.getMessage()), e);
        }
    }

    private static int run(ParseResult parsed, CardOptions options, CommandRunner runner, Supplier<CommandSpec> model,
                           CommandLine root) {
        PrintWriter out = root.getOut();
        PrintWriter err = root.getErr();
        String name = commandName(parsed);
        CommandSpec command = command(parsed);
        boolean dryRun = DryRunOption.requested(command);
        // What this command line asks for that the command might not take, and which commands take it.
        String asked = dryRun ? DryRunOption.DRY_RUN : ReaderSet.isSet(options.reader()) ? "a reader set" : FleetOptions.PARALLEL;
        Predicate<CommandSpec> takes = dryRun ? DryRunOption::declaredBy : FleetOptions::declaredBy;
        if (!takes.test(command)) {
            err.println("schsm: " + asked + " works with " + String.join(", ", commandsThat(takes, model.get()))
                    + ", not with '" + name + "'");
            return ExitCode.BAD_INPUT;
        }
        boolean provisions = DryRunOption.declaredBy(command);
        List<ReaderInfo> devices;
        Readers readers = options.readers();
        devices = ReaderSet.isSet(options.reader()) ? ReaderSet.resolve(readers, options.reader())
                : List.of(ReaderSet.resolveOne(readers, options.reader()));
        List<String> args = parsed.originalArgs();
        boolean json = jsonRequested(parsed);
        List<DeviceResult> results;
        try (SecretCache secrets = SecretCache.open()) {
            results = runAll(devices, FleetOptions.parallel(command), device -> {
                DeviceProbe probe = DeviceProbe.of(readers, device);
                if (!probe.ok()) {
                    return new DeviceResult(device, probe, probe.exitCode(), "", probe.error());
                }
                if (dryRun) {
                    return new DeviceResult(device, probe, ExitCode.OK, DryRun.plan(name, probe, masked(parsed, args)), "");
                }
                StringWriter o = new StringWriter();
                StringWriter e = new StringWriter();
                int code = runner.run(forDevice(args, device).toArray(String[]::new), new PrintWriter(o, true), new PrintWriter(e, true));
                return new DeviceResult(device, probe, code, o.toString(), e.toString());
            }, provisions && !json ? r -> printPrefixed(r, out, err) : r -> { });
        }
        if (json) {
            out.println(Json.GSON.toJson(toJson(results)));
        } else if (!provisions) {
            FleetTable.print(results, out);
        } else {
            out.println(summary(name, results, dryRun));
        }
        out.flush();
        err.flush();
        return worst(results);
    }

    interface DeviceTask {
        DeviceResult run(ReaderInfo device);
    }

    interface Finished {
        void accept(DeviceResult result);
    }

    /** Runs every device, at most {@code parallel} at a time; results in device order. */
    static List<DeviceResult> runAll(List<ReaderInfo> devices, int parallel, DeviceTask task, Finished finished) {
        return DeviceRuns.inParallel(devices, parallel, device -> {
            DeviceResult r;
            try {
                r = task.run(device);
            } catch (RuntimeException e) {
                // A device that fails is a row, never the end of the run.
                r = new DeviceResult(device, new DeviceProbe("-", false, null, String.valueOf(e.getMessage()),
                        ExitCode.NO_CARD), ExitCode.NO_CARD, "", describe(e));
            }
            synchronized (finished) {
                finished.accept(r);
            }
            return r;
        });
    }

    private static String describe(RuntimeException e) {
        return e instanceof SchsmException ? e.getMessage() : e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    /** The command line for one device: every {@code -r} value replaced by that device, {@code --parallel} dropped. */
    static List<String> forDevice(List<String> args, ReaderInfo device) {
        String reader = device.isPcsc() ? device.name() : device.id();
        List<String> out = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("-r") || a.equals("--reader")) {
                out.add(a);
                out.add(reader);
                i++;
            } else if (a.startsWith("--reader=")) {
                out.add("--reader=" + reader);
            } else if (a.startsWith("-r") && !a.startsWith("--")) {
                out.add("-r");
                out.add(reader);
            } else if (a.equals("--parallel")) {
                i++;
            } else if (!a.startsWith("--parallel=")) {
                out.add(a);
            }
        }
        return out;
    }

    /** The arguments with the value of every option marked {@link Secret} replaced by {@code **}. */
    static List<String> masked(ParseResult parsed, List<String> args) {
        Set<String> secretOptions = new HashSet<>();
        for (CommandLine cl : parsed.asCommandLineList()) {
            for (OptionSpec o : cl.getCommandSpec().options()) {
                if (o.userObject() instanceof AnnotatedElement a && a.isAnnotationPresent(Secret.class)) {
                    secretOptions.addAll(List.of(o.names()));
                }
            }
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            int eq = a.indexOf('=');
            if (a.startsWith("-") && eq > 0 && secretOptions.contains(a.substring(0, eq))) {
                out.add(a.substring(0, eq) + "=**");
            } else if (secretOptions.contains(a) && i + 1 < args.size()) {
                out.add(a);
                out.add("**");
                i++;
            } else {
                out.add(a);
            }
        }
        return out;
    }

    private static void printPrefixed(DeviceResult r, PrintWriter out, PrintWriter err) {
        String prefix = "[" + r.label() + "] ";
        r.out().lines().forEach(l -> out.println(prefix + l));
        r.err().lines().forEach(l -> err.println(prefix + l));
        out.flush();
        err.flush();
    }

    /** "init on 8 devices: 5 done, 1 refused by the guard, 1 refused by the card, 1 lost". */
    static String summary(String name, List<DeviceResult> results, boolean dryRun) {
        long done = results.stream().filter(r -> r.exitCode() == ExitCode.OK).count();
        long guard = results.stream().filter(r -> r.exitCode() == ExitCode.GUARD).count();
        long card = results.stream().filter(r -> r.exitCode() == ExitCode.CARD_REFUSED).count();
        long lost = results.stream().filter(r -> r.exitCode() == ExitCode.NO_CARD).count();
        long other = results.size() - done - guard - card - lost;
        return name + (dryRun ? " (dry run)" : "") + " on " + results.size() + " device" + (results.size() == 1 ? "" : "s") + ": "
                + done + (dryRun ? " planned" : " done") + ", " + guard + " refused by the guard, " + card + " refused by the card, "
                + lost + " lost" + (other > 0 ? ", " + other + " bad input" : "");
    }

    private static JsonArray toJson(List<DeviceResult> results) {
        JsonArray array = new JsonArray();
        for (DeviceResult r : results) {
            JsonObject o = new JsonObject();
            o.addProperty("reader", r.label());
            o.addProperty("serial", "-".equals(r.probe().serial()) ? null : r.probe().serial());
            o.addProperty("pin", r.probe().pinText());
            o.addProperty("exitCode", r.exitCode());
            o.addProperty("verdict", r.verdict());
            o.add("result", result(r.out()));
            array.add(o);
        }
        return array;
    }

    private static JsonElement result(String out) {
        if (out.isBlank()) {
            return null;
        }
        try {
            return JsonParser.parseString(out);
        } catch (JsonParseException e) {
            return new com.google.gson.JsonPrimitive(out.strip());
        }
    }

    /** Worst first: bad input, lost, refused by the card, refused by the guard, ok. */
    static int worst(List<DeviceResult> results) {
        List<Integer> order = List.of(ExitCode.OK, ExitCode.GUARD, ExitCode.CARD_REFUSED, ExitCode.NO_CARD, ExitCode.BAD_INPUT);
        int worst = ExitCode.OK;
        for (DeviceResult r : results) {
            int rank = order.indexOf(r.exitCode());
            int worstRank = order.indexOf(worst);
            if (rank < 0 || (worstRank >= 0 && rank > worstRank)) {
                worst = r.exitCode();
            }
        }
        return worst;
    }

    static String category(int exitCode) {
        return switch (exitCode) {
            case ExitCode.CARD_REFUSED -> "refused by the card";
            case ExitCode.BAD_INPUT -> "bad input";
            case ExitCode.NO_CARD -> "lost";
            case ExitCode.GUARD -> "refused by the guard";
            default -> "exit " + exitCode;
        };
    }

    private static String firstLine(String text) {
        return text.lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst().orElse("");
    }

    /** The names of the commands in {@code model} that {@code takes}, sorted ("dkek import, doctor, ..."). */
    static List<String> commandsThat(Predicate<CommandSpec> takes, CommandSpec model) {
        List<String> names = new ArrayList<>();
        collect(model, takes, names);
        names.sort(null);
        return names;
    }

    private static void collect(CommandSpec spec, Predicate<CommandSpec> takes, List<String> into) {
        for (CommandLine sub : spec.subcommands().values()) {
            CommandSpec s = sub.getCommandSpec();
            if (takes.test(s)) {
                into.add(s.qualifiedName(" ").substring(s.root().name().length() + 1));
            }
            collect(s, takes, into);
        }
    }

    /** The command the line names: the last of the chain ({@code pin status}'s {@code status}). */
    private static CommandSpec command(ParseResult parsed) {
        List<CommandLine> chain = parsed.asCommandLineList();
        return chain.get(chain.size() - 1).getCommandSpec();
    }

    /** "pin status" for {@code schsm pin status}, "" for the root alone. */
    static String commandName(ParseResult parsed) {
        List<CommandLine> chain = parsed.asCommandLineList();
        List<String> names = new ArrayList<>();
        for (int i = 1; i < chain.size(); i++) {
            names.add(chain.get(i).getCommandName());
        }
        return String.join(" ", names);
    }

    private static boolean helpRequested(ParseResult parsed) {
        for (ParseResult p = parsed; p != null; p = p.subcommand()) {
            if (p.isUsageHelpRequested() || p.isVersionHelpRequested()) {
                return true;
            }
        }
        return false;
    }

    private static boolean jsonRequested(ParseResult parsed) {
        for (ParseResult p = parsed; p != null; p = p.subcommand()) {
            if (p.hasMatchedOption("--json")) {
                return true;
            }
        }
        return false;
    }
}
