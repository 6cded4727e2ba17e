package org.schsm.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.schsm.apdu.Hex;
import org.schsm.session.ExitCode;
import org.schsm.simulator.SimulatedCard;
import org.schsm.transport.PcscReaders;
import org.schsm.transport.PcscUnavailableException;
import org.schsm.transport.ReaderInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code schsm readers}: PC/SC readers with card presence and ATR, and the embedded simulator. */
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
        List<ReaderInfo> readers;
        String pcscNote = null;
        try {
            readers = PcscReaders.list();
        } catch (PcscUnavailableException e) {
            readers = List.of();
            pcscNote = e.getMessage();
        }
        if (json) {
            JsonArray array = new JsonArray();
            for (ReaderInfo r : readers) {
                array.add(entry(String.valueOf(r.index()), r.name(), r.cardPresent(), r.atr()));
            }
            array.add(entry("sim", "embedded simulated SmartCard-HSM", true, Hex.decode(SimulatedCard.ATR_HEX)));
            JsonObject o = new JsonObject();
            o.add("readers", array);
            o.addProperty("pcscError", pcscNote);
            out.println(Json.GSON.toJson(o));
            return ExitCode.OK;
        }
        if (pcscNote != null) {
            err.println("note: " + pcscNote);
        } else if (readers.isEmpty()) {
            err.println("note: PC/SC is running but no reader is attached");
        }
        for (ReaderInfo r : readers) {
            out.printf("%-4s %-40s %s%n", r.index(), r.name(),
                    r.cardPresent() ? "card  " + (r.atr() == null ? "" : Hex.spaced(r.atr())) : "empty");
        }
        out.printf("%-4s %-40s %s%n", "sim", "embedded simulated SmartCard-HSM", "card  " + Hex.spaced(Hex.decode(SimulatedCard.ATR_HEX)));
        return ExitCode.OK;
    }

    private static JsonObject entry(String id, String name, boolean card, byte[] atr) {
        JsonObject o = new JsonObject();
        o.addProperty("reader", id);
        o.addProperty("name", name);
        o.addProperty("cardPresent", card);
        o.addProperty("atr", atr == null || atr.length == 0 ? null : Hex.encode(atr));
        return o;
    }
}
