package org.schsm.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.schsm.apdu.Hex;
import org.schsm.session.CardOptions;
import org.schsm.session.ExitCode;
import org.schsm.transport.ReaderInfo;
import org.schsm.transport.ReaderListing;
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
        ReaderListing listing = CardOptions.of(spec).readers().list();
        if (json) {
            JsonArray array = new JsonArray();
            listing.readers().forEach(r -> array.add(entry(r)));
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
            out.printf("%-4s %-40s %s%n", r.id(), r.name(),
                    r.cardPresent() ? "card  " + Hex.spaced(r.atr()) : "empty");
        }
        return ExitCode.OK;
    }

    private static JsonObject entry(ReaderInfo r) {
        JsonObject o = new JsonObject();
        o.addProperty("reader", r.id());
        o.addProperty("name", r.name());
        o.addProperty("cardPresent", r.cardPresent());
        o.addProperty("atr", r.atr().length == 0 ? null : Hex.encode(r.atr()));
        return o;
    }
}
