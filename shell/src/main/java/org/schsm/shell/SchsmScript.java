package org.schsm.shell;

import groovy.lang.Script;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.schsm.InvalidInputException;
import org.schsm.apdu.CommandApdu;
import org.schsm.apdu.Hex;
import org.schsm.apdu.ResponseApdu;
import org.schsm.session.ExitCode;
import org.schsm.session.PinSource;
import org.schsm.session.UsageErrors;
import org.schsm.session.PinSource;
import org.schsm.simulator.EmbeddedSimulatorReader;
import org.schsm.tlv.Tlv;
import org.schsm.tlv.TlvReader;
import org.schsm.transport.CardTransport;
import org.schsm.transport.ReaderListing;
import org.schsm.transport.TransportException;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Base class of every line typed in {@code schsm shell} and every script run by {@code schsm run}:
 * its public methods are the shell's functions ({@code send}, {@code hex}, {@code tlv},
 * {@code readers}, {@code connect}, {@code sim}, {@code askPin}, {@code trace}, {@code lastError}).
 * The objects they return are the toolkit's own.
 */
public abstract class SchsmScript extends Script {
    private static final Set<String> SEND_OPTIONS = Set.of("expect");

    private ShellSession session() {
        Object s = getBinding().getVariable(ShellSession.SESSION_VARIABLE);
        if (s instanceof ShellSession session) {
            return session;
        }
        throw new IllegalStateException("script not run by the schsm shell: no session in the binding");
    }

    private CardTransport card() {
        CardTransport card = session().card();
        if (card == null) {
            throw new TransportException("no card: use sim() or connect(NAME) first");
        }
        return card;
    }

    // ---- send -------------------------------------------------------------------------------

    /** Sends hex text such as {@code "00 A4 04 00 0B E82B0601040181C31F0201 00"}. */
    public ResponseApdu send(String apdu) {
        return send(Map.of(), apdu);
    }

    /** {@code send("00 20 00 81", expect: [0x9000, 0x63C0..0x63CF])}. */
    public ResponseApdu send(Map<String, ?> named, String apdu) {
        return send(named, CommandApdu.parse(apdu));
    }

    public ResponseApdu send(byte[] apdu) {
        return send(Map.of(), apdu);
    }

    public ResponseApdu send(Map<String, ?> named, byte[] apdu) {
        return send(named, CommandApdu.decode(apdu));
    }

    public ResponseApdu send(CommandApdu apdu) {
        return send(Map.of(), apdu);
    }

    public ResponseApdu send(Map<String, ?> named, CommandApdu apdu) {
        for (String key : named.keySet()) {
            if (!SEND_OPTIONS.contains(key)) {
                throw new InvalidInputException("send: unknown named argument '" + key + "' (known: expect)");
            }
        }
        ExpectedStatusWords expected = named.containsKey("expect") ? ExpectedStatusWords.of(named.get("expect")) : null;
        ResponseApdu response = card().transmit(apdu);
        if (expected != null && !expected.contains(response.statusWord())) {
            throw new UnexpectedStatusWordException(apdu, response.statusWord(), expected);
        }
        return response;
    }

    public ResponseApdu send(int cla, int ins, int p1, int p2) {
        return send(Map.of(), cla, ins, p1, p2, null, 0);
    }

    public ResponseApdu send(Map<String, ?> named, int cla, int ins, int p1, int p2) {
        return send(named, cla, ins, p1, p2, null, 0);
    }

    /** Data as byte[] or hex text; null or empty for none. */
    public ResponseApdu send(int cla, int ins, int p1, int p2, Object data) {
        return send(Map.of(), cla, ins, p1, p2, data, 0);
    }

    public ResponseApdu send(Map<String, ?> named, int cla, int ins, int p1, int p2, Object data) {
        return send(named, cla, ins, p1, p2, data, 0);
    }

    /** {@code le} is Ne: 0 for no Le field, 256 for short {@code 00}, 65536 for extended {@code 0000}. */
    public ResponseApdu send(int cla, int ins, int p1, int p2, Object data, int le) {
        return send(Map.of(), cla, ins, p1, p2, data, le);
    }

    public ResponseApdu send(Map<String, ?> named, int cla, int ins, int p1, int p2, Object data, int le) {
        return send(named, new CommandApdu(cla, ins, p1, p2, bytes(data), le));
    }

    private static byte[] bytes(Object data) {
        if (data == null) {
            return null;
        }
        if (data instanceof byte[] b) {
            return b;
        }
        if (data instanceof CharSequence text) {
            return Hex.decode(text);
        }
        if (data instanceof List<?> list) {
            byte[] out = new byte[list.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = ((Number) list.get(i)).byteValue();
            }
            return out;
        }
        throw new InvalidInputException("send: data must be byte[], hex text or a list of numbers, not "
                + data.getClass().getSimpleName());
    }

    // ---- data helpers -----------------------------------------------------------------------

    /** {@code hex("00 A4 04 00")} → byte[]. */
    public byte[] hex(String text) {
        return Hex.decode(text);
    }

    /** {@code hex(bytes)} → spaced hex text. */
    public String hex(byte[] bytes) {
        return Hex.spaced(bytes);
    }

    /**
     * The toolkit's BER-TLV ({@link TlvReader#readAll}): one {@link Tlv} when the bytes hold one
     * data object, else the list of them. Groovy properties come from {@link TlvExtensions}.
     */
    public Object tlv(byte[] bytes) {
        List<Tlv> all = TlvReader.readAll(bytes);
        return all.size() == 1 ? all.get(0) : all;
    }

    public Object tlv(String hexText) {
        return tlv(Hex.decode(hexText));
    }

    public Object tlv(ResponseApdu response) {
        return tlv(response.data());
    }

    // ---- cards --------------------------------------------------------------------------------

    /**
     * Reader names {@code connect} accepts, from the same registry as {@code schsm readers}: the
     * pseudo-readers ({@code sim}, the embedded simulated card) first, then the PC/SC readers.
     * Without PC/SC a note goes to stderr.
     */
    public List<String> readers() {
        ReaderListing listing = session().options().readers().list(false);
        listing.pcscProblem().ifPresent(problem -> session().err().println("note: " + problem));
        List<String> names = new ArrayList<>();
        listing.readers().stream().filter(r -> !r.isPcsc()).forEach(r -> names.add(r.id()));
        listing.pcscReaders().forEach(r -> names.add(r.name()));
        return names;
    }

    /**
     * Opens {@code name} as {@code -r name} would (exact name, unique fragment, index, {@code sim}
     * for the embedded simulated card in the session's {@code --sim-state} file, {@code sim:fresh},
     * {@code sim:FILE}), and
     * makes it the current {@code card} and {@code hsm}. On failure the current card stays.
     */
    public CardTransport connect(String name) {
        ShellSession s = session();
        return s.open(s.options().withReader(name));
    }

    /** A fresh in-memory simulated card (nothing saved), now the current {@code card} and {@code hsm}. */
    public CardTransport sim() {
        return connect(EmbeddedSimulatorReader.ID + ":" + EmbeddedSimulatorReader.FRESH);
    }

    /** Switches the APDU trace (stderr) on or off; PIN data shows as {@code **}. */
    public boolean trace(boolean on) {
        return session().trace(on);
    }

    public boolean trace() {
        return session().tracing();
    }

    // ---- arguments ----------------------------------------------------------------------------

    /**
     * Parses the script's {@code args} into {@code options}, an object whose fields carry picocli's
     * {@code @Option} and {@code @Parameters} (name the command with {@code @Command(name = ...)}).
     * {@code -h}/{@code --help} is added when the object declares none: it prints the usage and
     * ends the script with exit code 0. A missing, unknown or malformed option prints one line and
     * the usage on stderr and ends the script with exit code 2; values that could be PINs are not
     * shown in that line.
     */
    public <T> T parseArgs(T options) {
        CommandLine cl = new CommandLine(options);
        CommandSpec spec = cl.getCommandSpec();
        if (spec.options().stream().noneMatch(OptionSpec::usageHelp)) {
            spec.addOption(OptionSpec.builder("-h", "--help").usageHelp(true)
                    .description("Show this help and exit.").build());
        }
        Object given = getBinding().hasVariable("args") ? getBinding().getVariable("args") : null;
        String[] args = given instanceof String[] a ? a : new String[0];
        try {
            cl.parseArgs(args);
        } catch (CommandLine.ParameterException e) {
            // the CLI's own one line, values masked, with the script's name after "schsm: "
            session().err().println(UsageErrors.line(e, args).replaceFirst("^schsm: ", "schsm: " + spec.name() + ": "));
            cl.usage(session().err());
            throw new ScriptExit(ExitCode.BAD_INPUT);
        }
        if (cl.isUsageHelpRequested()) {
            cl.usage(session().out());
            throw new ScriptExit(ExitCode.OK);
        }
        return options;
    }

    // ---- secrets ------------------------------------------------------------------------------

    /** Reads a PIN without echo. The caller should clear the array after use. */
    public char[] askPin(String prompt) {
        return session().pinPrompt().read(prompt);
    }

    /**
     * A PIN from a script argument: {@code env:VAR}, {@code file:PATH}, {@code secret:NAME} (the
     * encrypted store, docs/secrets.md) or the value itself; null or empty prompts with {@link #askPin}.
     */
    public char[] pinFrom(@org.schsm.Secret String spec, String what) {
        if (spec == null || spec.isEmpty()) {
            return askPin(what);
        }
        return new PinSource(System.getenv(), null).resolve(spec, what, "the argument");
    }

    // ---- errors -------------------------------------------------------------------------------

    /** Prints the full stack trace of the last error shown in the shell (same as {@code :trace}). */
    public void lastError() {
        ErrorText.printTrace(session().lastError(), session().out());
    }
}
