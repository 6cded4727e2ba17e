package org.schsm.shell;

import groovy.lang.Binding;
import java.io.PrintWriter;
import java.util.Objects;
import java.util.function.Function;
import org.schsm.session.CardConnector;
import org.schsm.simulator.StateFileBusyException;
import org.schsm.session.CardOptions;
import org.schsm.session.CardSession;
import org.schsm.transport.CardTransport;
import org.schsm.transport.Transports;

/**
 * The state behind one shell or script run: the card options it started with, the current card
 * (decorated by the toolkit with GET RESPONSE handling and a trace that can be switched), the
 * {@code hsm} object made from it, the Groovy binding both are published in, where PIN prompts
 * come from, and the last error.
 */
public final class ShellSession implements AutoCloseable {
    /** Binding name of the session itself; hidden from completion and {@code :help}. */
    static final String SESSION_VARIABLE = "_schsmSession";

    private final CardOptions options;
    private final Function<CardTransport, Object> hsmFactory;
    private final PrintWriter out;
    private final PrintWriter err;
    private final SwitchableTrace trace;
    private final Binding binding = new Binding();
    private PinPrompt pinPrompt = PinPrompt.console();
    private CardTransport card;
    private Throwable lastError;

    public ShellSession(CardOptions options, Function<CardTransport, Object> hsmFactory, PrintWriter out, PrintWriter err) {
        this.options = Objects.requireNonNull(options, "options");
        this.hsmFactory = Objects.requireNonNull(hsmFactory, "hsmFactory");
        this.out = Objects.requireNonNull(out, "out");
        this.err = Objects.requireNonNull(err, "err");
        this.trace = new SwitchableTrace(CardConnector.traceTo(err), options.trace());
        binding.setVariable(SESSION_VARIABLE, this);
        binding.setVariable("out", out);   // Groovy's println writes to the binding's "out"
        binding.setVariable("err", err);   // err.println for warnings, as the CLI writes them
        binding.setVariable("card", null);
        binding.setVariable("hsm", null);
    }

    /**
     * Opens the card {@code cardOptions} select, as the CLI commands do (PC/SC or the embedded
     * simulator), traced through this session's switch, and makes it the current card.
     */
    public CardTransport open(CardOptions cardOptions) {
        CardSession opened;
        try {
            opened = CardConnector.open(cardOptions, err, true, trace);
        } catch (StateFileBusyException e) {
            if (!e.heldByThisProcess() || card == null) {
                throw e;
            }
            // Reconnecting to the simulated card this session already holds: one holder per
            // state file, so let go of it first (any other failure keeps the current card).
            closeCard();
            opened = CardConnector.open(cardOptions, err, true, trace);
        }
        return adopt(opened.transport());
    }

    /**
     * Makes the raw transport {@code raw} the current card, decorated as the CLI decorates cards
     * (GET RESPONSE handled, trace through this session's switch).
     */
    public CardTransport use(CardTransport raw) {
        return adopt(Transports.decorate(raw, true, trace));
    }

    /** Closes the previous card, rebinds {@code card} and {@code hsm} to {@code decorated}. */
    private CardTransport adopt(CardTransport decorated) {
        closeCard();
        card = decorated;
        binding.setVariable("card", card);
        binding.setVariable("hsm", hsmFactory.apply(card));
        return card;
    }

    public CardTransport card() {
        return card;
    }

    public Binding binding() {
        return binding;
    }

    public CardOptions options() {
        return options;
    }

    public PrintWriter out() {
        return out;
    }

    public PrintWriter err() {
        return err;
    }

    boolean trace(boolean on) {
        trace.enabled(on);
        return on;
    }

    boolean tracing() {
        return trace.enabled();
    }

    void pinPrompt(PinPrompt prompt) {
        this.pinPrompt = Objects.requireNonNull(prompt, "prompt");
    }

    PinPrompt pinPrompt() {
        return pinPrompt;
    }

    void lastError(Throwable e) {
        lastError = e;
    }

    Throwable lastError() {
        return lastError;
    }

    private void closeCard() {
        if (card != null) {
            card.close();
            card = null;
        }
    }

    @Override
    public void close() {
        closeCard();
    }
}
