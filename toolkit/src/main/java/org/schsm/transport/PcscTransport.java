package org.schsm.transport;

import java.time.Duration;
import java.util.List;
import javax.smartcardio.Card;
import javax.smartcardio.CardChannel;
import javax.smartcardio.CardException;
import javax.smartcardio.CardTerminal;
import org.schsm.apdu.Hex;
import org.schsm.apdu.Instruction;

/**
 * A card in a PC/SC reader, reached through javax.smartcardio. Bytes in, bytes out: what
 * {@link #transmit} is given is what the card receives, byte for byte, and what it returns is
 * what the card answered; no GET RESPONSE handling of its own (wrap it with
 * {@link Transports#decorate}).
 *
 * <p><b>Exact bytes.</b> Both providers' {@code CardChannel.transmit} methods change commands
 * (the channel number goes into the class byte, CLA {@code 01} leaves as {@code 00}; see
 * {@link JnaWire} and {@link SunWire}). With jnasmartcardio this transport calls the provider's
 * own {@code SCardTransmit} wrapper underneath, so every class byte and malformed commands (3
 * bytes, an Lc that disagrees with the data) reach the card unchanged. The JDK provider cannot
 * be reached that far down; where it would change or refuse a command, {@link #transmit} throws
 * {@link UnsendableCommandException} and sends nothing.
 *
 * <p><b>Bounded waits.</b> Every PC/SC call of a connection runs on its own worker thread and the
 * caller waits at most the {@link AnswerTimeout} ({@code SCHSM_TIMEOUT}); then
 * {@link CardTimeoutException} says which command got no answer. A card removed, or a reader
 * gone, during a command is reported as such, never as a problem with the command's bytes.
 *
 * <p>Multi-APDU operations (VERIFY followed by a key operation, a DKEK import) should run inside
 * {@link #exclusive} (or between {@link #beginExclusive()} and {@link #endExclusive()}) so that
 * no other PC/SC client can slip a command, or a reset, in between.
 */
public final class PcscTransport implements CardTransport {
    /** pcscd polls a reader a few times a second; a card pulled out mid-command shows as absent within that. */
    private static final long ABSENCE_WAIT_MILLIS = 1200;
    private final String readerName;
    private final PcscContext context;
    private final Card card;
    private final CardTerminal terminal;
    private final PcscWire wire;
    private final PcscWorker worker;
    private final AnswerTimeout timeout;
    private int exclusiveDepth;
    private boolean closed;

    private PcscTransport(String readerName, Connection c, PcscProvider provider, PcscWorker worker,
                          AnswerTimeout timeout) {
        this.readerName = readerName;
        this.context = c.context;
        this.card = c.card;
        this.terminal = c.terminal;
        CardChannel channel = card.getBasicChannel();
        this.wire = provider == PcscProvider.SUN || !(channel instanceof jnasmartcardio.Smartcardio.JnaCardChannel)
                ? new SunWire(channel, card.getProtocol())
                : new JnaWire(channel);
        this.worker = worker;
        this.timeout = timeout;
    }

    private record Connection(PcscContext context, CardTerminal terminal, Card card) {
    }

    /** Connects to the card in the reader named exactly {@code readerName}, through the {@link PcscProvider#configured() configured} provider. */
    public static PcscTransport open(String readerName) {
        return open(readerName, PcscProvider.configured());
    }

    /** As {@link #open(String, PcscProvider, AnswerTimeout)} with the wait from {@code SCHSM_TIMEOUT}. */
    public static PcscTransport open(String readerName, PcscProvider provider) {
        return open(readerName, provider, AnswerTimeout.fromEnvironment(System.getenv()));
    }

    public static PcscTransport open(String readerName, PcscProvider provider, AnswerTimeout timeout) {
        PcscWorker worker = new PcscWorker(readerName);
        try {
            Connection c = worker.call(timeout.ordinary(), "the reader to connect",
                    "reader '" + readerName + "' did not connect within " + AnswerTimeout.text(timeout.ordinary())
                            + " (the card does not answer, or pcscd hangs)",
                    () -> connect(provider, readerName));
            return new PcscTransport(readerName, c, provider, worker, timeout);
        } catch (RuntimeException e) {
            worker.shutdown();
            throw e;
        } catch (Exception e) {
            worker.shutdown();
            throw new TransportException("connecting to '" + readerName + "' failed: " + e, e);
        }
    }

    private static Connection connect(PcscProvider provider, String readerName) {
        // The context lives as long as the connection made through it; it is released on every failure here.
        PcscContext context = PcscContext.establish(provider);
        try {
            List<CardTerminal> terminals = context.readers();
            CardTerminal terminal = terminals.stream().filter(t -> t.getName().equals(readerName)).findFirst()
                    .orElseThrow(() -> new NoReaderException("reader '" + readerName + "' is not connected; "
                            + available(terminals)));
            try {
                if (!terminal.isCardPresent()) {
                    throw new NoCardException("no card in reader '" + readerName + "'");
                }
                // "*" lets the reader pick T=1 or T=0 from the ATR; the SmartCard-HSM offers T=1.
                return new Connection(context, terminal, connectRetryingProtocolMismatch(terminal));
            } catch (CardException e) {
                throw PcscErrors.map("connecting", readerName, e);
            }
        } catch (RuntimeException e) {
            try {
                context.close();
            } catch (RuntimeException release) {
                e.addSuppressed(release);
            }
            throw e;
        }
    }

    /**
     * Connects, trying again while PC/SC answers SCARD_E_PROTO_MISMATCH (see PcscErrors): up to
     * six connects, 0.1 s apart and then doubling, about 2.3 s in all. Three connects 0.1 s apart
     * were not enough with eight vpcd readers connected at once on a loaded machine; a card that
     * really offers no usable protocol is refused after those 2.3 s.
     */
    private static Card connectRetryingProtocolMismatch(CardTerminal terminal) throws CardException {
        long pause = 100;
        for (int attempt = 1; ; attempt++) {
            try {
                return terminal.connect("*");
            } catch (CardException e) {
                if (attempt == 6 || !PcscErrors.protocolMismatch(e)) {
                    throw e;
                }
            }
            try {
                Thread.sleep(Math.min(pause, 800));
                pause *= 2;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CardException("interrupted while connecting", e);
            }
        }
    }

    private static String available(List<CardTerminal> terminals) {
        if (terminals.isEmpty()) {
            return "no readers are connected at all";
        }
        StringBuilder sb = new StringBuilder("readers:");
        for (int i = 0; i < terminals.size(); i++) {
            sb.append(i == 0 ? " " : ", ").append(i).append(" '").append(terminals.get(i).getName()).append('\'');
        }
        return sb.toString();
    }

    /**
     * Sends {@code command} exactly as given and returns the card's answer.
     *
     * @throws UnsendableCommandException the provider cannot send these bytes unchanged; nothing was sent
     * @throws CardTimeoutException       no answer within the {@link AnswerTimeout}
     * @throws CardRemovedException       the card went away during the command
     * @throws NoReaderException          the reader went away during the command
     */
    @Override
    public byte[] transmit(byte[] command) {
        ensureOpen();
        byte[] bytes = command.clone();
        String what = describe(bytes);
        Duration wait = timeout.forCommand(bytes);
        byte[] answer;
        try {
            answer = worker.call(wait, "the answer to " + what,
                    "no answer within " + AnswerTimeout.text(wait) + " to " + what + " from the card in reader '"
                            + readerName + "' (card dead or stuck; " + AnswerTimeout.VARIABLE + " sets the wait)",
                    new Transmit(wire, bytes));
        } catch (CardException e) {
            throw PcscErrors.map("sending " + what, readerName, e);
        } catch (TransportException | UnsendableCommandException e) {
            throw e;
        } catch (Exception e) {
            // Whatever the provider trips over, the caller gets a transport error naming reader and command.
            throw new TransportException("the PC/SC provider failed while sending " + what + " to '" + readerName
                    + "': " + e, e);
        }
        if (answer.length < 2) {
            throw answerWithoutStatusWord(what, answer.length);
        }
        return answer;
    }

    /**
     * PC/SC returned success with less than a status word: what a card pulled out mid-command looks
     * like through some drivers (vpcd answers nothing when its card program goes away) before pcscd
     * has polled the reader again. Waits for that poll, briefly, and says what became of the card.
     */
    private TransportException answerWithoutStatusWord(String what, int length) {
        Boolean absent;
        try {
            absent = worker.call(timeout.ordinary(), "the card presence check", "reader '" + readerName
                    + "' did not say whether a card is present", () -> terminal.waitForCardAbsent(ABSENCE_WAIT_MILLIS));
        } catch (CardTimeoutException e) {
            return e;
        } catch (Exception e) {
            TransportException mapped = e instanceof CardException ce ? PcscErrors.map("checking for the card", readerName, ce)
                    : e instanceof TransportException te ? te : null;
            if (mapped instanceof NoReaderException || mapped instanceof PcscUnavailableException) {
                return new NoReaderException("reader '" + readerName + "' went away during " + what, e);
            }
            absent = null;
        }
        if (Boolean.TRUE.equals(absent)) {
            return new CardRemovedException("the card in reader '" + readerName + "' was removed during " + what);
        }
        return new TransportException("the card in reader '" + readerName + "' answered " + what + " with "
                + length + " byte" + (length == 1 ? "" : "s") + " and no status word (card lost power or was reset?)");
    }

    /** How messages name a command: its standard name and its header, which never carries a secret. */
    static String describe(byte[] command) {
        if (command.length < 2) {
            return "a command of " + command.length + " byte" + (command.length == 1 ? "" : "s");
        }
        int n = Math.min(4, command.length);
        return Instruction.nameOf(command[1]) + " (" + Hex.spaced(java.util.Arrays.copyOf(command, n))
                + (command.length < 4 ? ", " + command.length + " bytes" : "") + ")";
    }

    /**
     * Keeps other PC/SC clients away from the card until the matching {@link #endExclusive()}.
     * Nested calls only count; PC/SC is asked once, by the outermost call.
     */
    @Override
    public void beginExclusive() {
        ensureOpen();
        if (exclusiveDepth == 0) {
            onWorker(CardStep.BEGIN_EXCLUSIVE);
        }
        exclusiveDepth++;
    }

    /** Ends one {@link #beginExclusive()}; a call without one is ignored rather than failing a cleanup path. */
    @Override
    public void endExclusive() {
        if (exclusiveDepth == 0 || closed) {
            return;
        }
        exclusiveDepth--;
        if (exclusiveDepth == 0) {
            onWorker(CardStep.END_EXCLUSIVE);
        }
    }

    private void onWorker(CardStep step) {
        String operation = step.operation;
        try {
            worker.call(timeout.ordinary(), operation, "reader '" + readerName + "' did not answer within "
                    + AnswerTimeout.text(timeout.ordinary()) + " while " + operation, new OnCard(step));
        } catch (CardException e) {
            throw PcscErrors.map(operation, readerName, e);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new TransportException(operation + " on '" + readerName + "' failed: " + e, e);
        }
    }

    public boolean isExclusive() {
        return exclusiveDepth > 0;
    }

    @Override
    public byte[] atr() {
        return card.getATR().getBytes();
    }

    @Override
    public String name() {
        return readerName;
    }

    /**
     * Ends exclusive access if held, disconnects without resetting the card and releases the
     * PC/SC context. Each step runs even when an earlier one failed. A card or reader that has
     * already gone away leaves nothing to release, so that is not reported.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        boolean held = exclusiveDepth > 0;
        exclusiveDepth = 0;
        if (worker.isStuck()) {
            // The worker is still blocked in a PC/SC call that holds the connection; any call made
            // now would block behind it. The process's end gives the connection back to pcscd.
            worker.shutdown();
            return;
        }
        TransportException failure = null;
        if (held) {
            failure = step(failure, CardStep.END_EXCLUSIVE);
        }
        failure = step(failure, CardStep.DISCONNECT);
        failure = step(failure, CardStep.RELEASE_CONTEXT);
        worker.shutdown();
        if (failure != null && !isGone(failure)) {
            throw failure;
        }
    }

    /**
     * The PC/SC calls of a connection besides transmit. They and {@link Transmit} are classes, not
     * lambdas, for the start-up of every command on a reader: bin/schsm's class archive can only
     * hold the lambda classes its build-time training made, and the training has no card to send
     * to or close, so each lambda here was a class generated on every run (docs/performance.md).
     */
    private enum CardStep {
        BEGIN_EXCLUSIVE("taking exclusive access"),
        END_EXCLUSIVE("releasing exclusive access"),
        DISCONNECT("disconnecting"),
        RELEASE_CONTEXT("releasing the PC/SC context");

        final String operation;

        CardStep(String operation) {
            this.operation = operation;
        }
    }

    /** {@code step} on the card, run by the worker. */
    private final class OnCard implements PcscWorker.Call<Void> {
        private final CardStep step;

        OnCard(CardStep step) {
            this.step = step;
        }

        @Override
        public Void run() throws CardException {
            switch (step) {
                case BEGIN_EXCLUSIVE -> card.beginExclusive();
                case END_EXCLUSIVE -> card.endExclusive();
                // No reset: a reset would log the user out for every other application as well.
                case DISCONNECT -> card.disconnect(false);
                case RELEASE_CONTEXT -> context.close();
            }
            return null;
        }
    }

    /** One command on the wire, run by the worker. */
    private static final class Transmit implements PcscWorker.Call<byte[]> {
        private final PcscWire wire;
        private final byte[] command;

        Transmit(PcscWire wire, byte[] command) {
            this.wire = wire;
            this.command = command;
        }

        @Override
        public byte[] run() throws CardException {
            return wire.transmit(command);
        }
    }

    private TransportException step(TransportException failure, CardStep step) {
        try {
            onWorker(step);
            return failure;
        } catch (TransportException e) {
            return first(failure, e);
        }
    }

    private static TransportException first(TransportException failure, TransportException next) {
        if (failure == null) {
            return next;
        }
        failure.addSuppressed(next);
        return failure;
    }

    private static boolean isGone(TransportException e) {
        return e instanceof CardRemovedException || e instanceof NoCardException || e instanceof NoReaderException;
    }

    private void ensureOpen() {
        if (closed) {
            throw new TransportException("the connection to '" + readerName + "' is closed");
        }
    }
}
