package org.schsm.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.schsm.apdu.Hex;
import org.schsm.session.CardOptions;
import org.schsm.session.ExitCode;
import org.schsm.session.Json;
import org.schsm.session.ReaderSet;
import org.schsm.transport.ReaderInfo;
import org.schsm.transport.ReaderListing;
import org.schsm.transport.Readers;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code schsm readers}: every reader the registry offers, PC/SC readers with card presence and
 * ATR, then the pseudo-readers (the embedded simulator), each with what to type after {@code -r}.
 */
@Command(name = "readers", description = "List PC/SC readers (index, name, card, ATR) and the embedded simulator.")
public final class ReadersCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "Print the list as JSON.")
    boolean json;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        CardOptions options = CardOptions.of(spec);
        Readers registry = options.readers();
        ReaderListing listing = registry.list();
        Map<ReaderInfo, String> serials = serials(registry, listing, options);
        if (json) {
            JsonArray array = new JsonArray();
            listing.readers().forEach(r -> array.add(entry(r, serials.get(r))));
            JsonObject o = new JsonObject();
            o.add("readers", array);
            o.addProperty("pcscError", listing.pcscProblem().orElse(null));
            out.println(Json.GSON.toJson(o));
            return ExitCode.OK;
        }
        if (listing.pcscProblem().isPresent()) {
            err.println("note: " + listing.pcscProblem().get());
        } else if (listing.pcscReaders().isEmpty()) {
            err.println("note: PC/SC is running but no reader is attached");
        }
        for (ReaderInfo r : listing.readers()) {
            out.printf("%-4s %-40s %-14s %s%n", r.id(), r.name(), serials.getOrDefault(r, "-"),
                    r.cardPresent() ? "card  " + Hex.spaced(r.atr()) : "empty");
        }
        return ExitCode.OK;
    }

    /**
     * The serial of each device (from its device certificate, EF 2F02): every SmartCard-HSM calls
     * itself "SmartCard-HSM", the serial is what tells them apart and what {@code -r serial:} takes.
     * The simulator's is shown once its state file exists (listing never creates one).
     */
    private static Map<ReaderInfo, String> serials(Readers registry, ReaderListing listing, CardOptions options) {
        Map<ReaderInfo, String> serials = new HashMap<>();
        for (ReaderInfo r : listing.readers()) {
            boolean readable = r.isPcsc() ? r.cardPresent() : Files.exists(options.simState());
            if (readable) {
                ReaderSet.serialOf(registry, r).ifPresent(s -> serials.put(r, s));
            }
        }
        return serials;
    }

    private static JsonObject entry(ReaderInfo r, String serial) {
        JsonObject o = new JsonObject();
        o.addProperty("reader", r.id());
        o.addProperty("name", r.name());
        o.addProperty("serial", serial);
        o.addProperty("cardPresent", r.cardPresent());
        o.addProperty("atr", r.atr().length == 0 ? null : Hex.encode(r.atr()));
        return o;
    }
}
