package org.schsm.shell;

import groovy.lang.GroovyShell;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jline.terminal.Terminal;
import org.schsm.apdu.CommandApdu;
import org.schsm.apdu.Hex;
import org.schsm.apdu.ResponseApdu;
import org.schsm.session.CardOptions;
import org.schsm.simulator.SimulatedCard;
import org.schsm.simulator.SimulatorTransport;
import org.schsm.testkit.HsmConstants;
import org.schsm.testkit.InProcessSchsm;
import org.schsm.testkit.SchsmRun;
import org.schsm.transport.CardTransport;

/** Drives the shell and scripts against the simulator in tests. */
final class ShellFixture {
    static final String SELECT = HsmConstants.SELECT;
    static final String USER_PIN = HsmConstants.USER_PIN;
    static final String USER_PIN_HEX = HsmConstants.compact(HsmConstants.USER_PIN_HEX);
    static final String SO_PIN = HsmConstants.DEFAULT_SO_PIN;

    private ShellFixture() {
    }

    /** INITIALIZE DEVICE with options 0001, user PIN 648219, SO-PIN 3537363231383830, 3 tries. */
    static String initializeApdu() {
        String data = "80020001" + "8106" + USER_PIN_HEX + "8208" + SO_PIN + "910103";
        return "80500000" + Hex.byteHex(data.length() / 2) + data;
    }

    /** Runs the REPL on {@code input} with the embedded simulator kept in {@code dir}. */
    static SchsmRun repl(Path dir, String input) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StringWriter err = new StringWriter();
        CardOptions options = CardOptions.of("sim", dir.resolve("sim.state"), false);
        int code;
        try (Terminal terminal = ShellCommand.dumbTerminal(
                new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), out)) {
            code = ShellCommand.run(options, terminal, dir.resolve("history"), new PrintWriter(err, true));
        }
        return new SchsmRun(List.of("shell"), code, out.toString(StandardCharsets.UTF_8), err.toString(), "", 0);
    }

    /** {@code schsm -r sim --sim-state DIR/sim.state run SCRIPT ARGS...}. */
    static SchsmRun run(Path dir, Path script, String... args) {
        List<String> argv = new ArrayList<>(List.of("run", script.toString()));
        argv.addAll(List.of(args));
        return InProcessSchsm.onSimulator(dir.resolve("sim.state")).run(argv.toArray(String[]::new));
    }

    /** A session on a fresh in-memory card, and a Groovy shell for it. */
    static final class Session implements AutoCloseable {
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        final ShellSession session;
        final GroovyShell groovy;

        Session() {
            session = new ShellSession(CardOptions.of("sim", null, false), HsmSupport.defaultFactory(),
                    new PrintWriter(out, true), new PrintWriter(err, true));
            session.use(SimulatorTransport.withFreshCard());
            groovy = GroovyShells.create(session);
        }

        Object eval(String source) {
            return groovy.evaluate(source);
        }

        @Override
        public void close() {
            session.close();
        }
    }

    /** The simulated card saved in {@code dir}, reloaded, and the answer to one APDU after SELECT. */
    static ResponseApdu askSavedCard(Path dir, String apdu) throws IOException {
        try (CardTransport t = new SimulatorTransport(SimulatedCard.load(dir.resolve("sim.state")))) {
            t.transmit(CommandApdu.parse(SELECT));
            return t.transmit(CommandApdu.parse(apdu));
        }
    }

    static Path script(String name) {
        return Path.of("..", "scripts", name).toAbsolutePath().normalize();
    }
}
