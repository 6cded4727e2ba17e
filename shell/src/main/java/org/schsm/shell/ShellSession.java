package org.schsm.shell;

import groovy.lang.Binding;
import java.io.PrintWriter;
import java.util.Objects;
import java.util.function.Function;
import org.schsm.cli.CardOptions;
import org.schsm.transport.CardTransport;

/**
 * The state behind one shell or script run: the card options it started with, the current card
 * (always wrapped for switchable tracing), the {@code hsm} object made from it, the Groovy
 * binding both are published in, where PIN prompts come from, and the last error.
 */
public final class ShellSession implements AutoCloseable {
    /** Binding name of the session itself; hidden from completion and {@code :help}. */
    static final String SESSION_VARIABLE = "_schsmSession";

    private final CardOptions options;
    private final Function<CardTransport, Object> hsmFactory;
    private final PrintWriter out;
    private final PrintWriter err;
    private final Binding binding = new Binding();
    private PinPrompt pinPrompt = PinPrompt.console();
    private TracingTransport card;
    private Throwable lastError;

    public ShellSession(CardOptions options, Function<CardTransport, Object> hsmFactory, PrintWriter out, PrintWriter err) {
        this.options = Objects.requireNonNull(options, "options");
        this.hsmFactory = Objects.requireNonNull(hsmFactory, "hsmFactory");
        this.out = Objects.requireNonNull(out, "out");
        this.err = Objects.requireNonNull(err, "err");
        binding.setVariable(SESSION_VARIABLE, this);
        binding.setVariable("out", out);   // Groovy's println writes to the binding's "out"
        binding.setVariable("card", null);
        binding.setVariable("hsm", null);
    }

    /** Makes {@code transport} the current card: closes the previous one, rebinds {@code card} and {@code hsm}. */
    public CardTransport use(CardTransport transport) {
        boolean tracing = card != null ? card.enabled() : options.trace();
        closeCard();
        card = new TracingTransport(transport, err, tracing);
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
        if (card == null) {
            throw new org.schsm.transport.TransportException("no card: use sim() or connect(NAME) first");
        }
        card.enabled(on);
        return on;
    }

    boolean tracing() {
        return card != null && card.enabled();
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
