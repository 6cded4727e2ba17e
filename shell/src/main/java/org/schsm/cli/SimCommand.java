package org.schsm.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.schsm.session.CardOptions;
import org.schsm.session.ExitCode;
import org.schsm.simulator.EmbeddedSimulator;
import org.schsm.simulator.PersistentCard;
import org.schsm.simulator.SimulatedCard;
import org.schsm.simulator.vpcd.SimulatedCardVirtualCard;
import org.schsm.simulator.vpcd.VpcdClient;
import org.schsm.transport.TransportException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code schsm sim serve}: the persistent simulated card as a real PC/SC reader through vpcd. */
@Command(name = "sim", description = "The simulated SmartCard-HSM.", subcommands = SimCommand.Serve.class)
public final class SimCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Command(name = "serve", description = "Insert the simulated card into vsmartcard's vpcd reader (pcscd must run with vpcd).")
    static final class Serve implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--state", paramLabel = "FILE", description = "State file (default: the one of --sim-state).")
        Path state;

        @Option(names = "--host", defaultValue = VpcdClient.DEFAULT_HOST, description = "vpcd host (default ${DEFAULT-VALUE}).")
        String host;

        @Option(names = "--port", defaultValue = "" + VpcdClient.DEFAULT_PORT, description = "vpcd port (default ${DEFAULT-VALUE}).")
        int port;

        @Option(names = "--for", paramLabel = "SECONDS", description = "Stop after this many seconds (default: until interrupted).")
        Long seconds;

        @Override
        public Integer call() throws InterruptedException {
            PrintWriter out = spec.commandLine().getOut();
            Path stateFile = state != null ? state : CardOptions.of(spec).simState();
            // Held until the end of serving: no other schsm can open this state file meanwhile.
            try (PersistentCard held = EmbeddedSimulator.openPersistent(stateFile)) {
                return serve(held, stateFile, out);
            }
        }

        private int serve(PersistentCard held, Path stateFile, PrintWriter out) throws InterruptedException {
            SimulatedCard card = held.card();
            SimulatedCardVirtualCard virtual = new SimulatedCardVirtualCard(card);
            if (held.readOnly()) {
                spec.commandLine().getErr().println("note: the state file " + stateFile + " is read-only: commands that"
                        + " spend a PIN try or change the card answer 6581 (memory failure)");
            }
            CountDownLatch stop = new CountDownLatch(1);
            CountDownLatch saved = new CountDownLatch(1);
            AtomicBoolean signalled = new AtomicBoolean();
            // On Ctrl-C or SIGTERM the hook wakes the main thread and holds the JVM until the card is saved.
            Thread hook = new Thread(() -> {
                signalled.set(true);
                stop.countDown();
                awaitQuietly(saved);
            }, "schsm-sim-stop");
            Runtime.getRuntime().addShutdownHook(hook);
            try (VpcdClient client = VpcdClient.builder(virtual).host(host).port(port)
                    .afterCommand(saving(held)).build()) {
                client.start();
                out.println("Serving the simulated SmartCard-HSM (state " + stateFile + ") to vpcd at "
                        + host + ":" + port + "; stop with Ctrl-C.");
                out.flush();
                if (!client.awaitConnected(Duration.ofSeconds(5))) {
                    spec.commandLine().getErr().println("note: vpcd at " + host + ":" + port
                            + " is not answering yet (is pcscd running with vsmartcard-vpcd?); retrying");
                }
                if (seconds != null) {
                    stop.await(seconds, TimeUnit.SECONDS);
                } else {
                    stop.await();
                }
            }
            try {
                held.save();
            } catch (IOException e) {
                throw new TransportException("could not save the simulated card to " + stateFile + ": " + e.getMessage(), e);
            } finally {
                saved.countDown();
                if (!signalled.get()) {
                    Runtime.getRuntime().removeShutdownHook(hook);
                }
            }
            return ExitCode.OK;
        }

        /** After each APDU: the card's state to disk before pcscd gets the answer (the client logs a failure). */
        private static Runnable saving(PersistentCard held) {
            return () -> {
                try {
                    held.save();
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot save the simulated card's state to " + held.stateFile(), e);
                }
            };
        }
    }
}
