package org.schsm.conformance;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.schsm.apdu.ApduFormatException;
import org.schsm.apdu.CommandApdu;
import org.schsm.apdu.Hex;
import org.schsm.apdu.ResponseApdu;
import org.schsm.hsm.SmartCardHsm;
import org.schsm.transport.CardTransport;

/**
 * What setup, teardown and case code talk to: {@code send}, {@code hex}, {@code hsm},
 * {@code card}, and the case's metadata. One context per case, shared by its setup and teardown.
 * The Groovy DSL uses it as the closures' delegate; Java bodies call it directly.
 *
 * <p>{@code send} checks every expectation as soon as the answer arrives and stops the case at
 * the first one not met ({@link ExpectationFailedException}), since later commands usually
 * depend on the state the failed one should have left.
 */
public final class CaseContext {
    private final CardTransport card;
    private final ApduCache cache;
    private final List<Exchange> exchanges = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private SmartCardHsm hsm;
    private String phase = "case";
    private String description = "";
    private Duration budget;
    private ResponseApdu last;

    public CaseContext(CardTransport card, ApduCache cache) {
        this.card = card;
        this.cache = cache;
    }

    // ---- for the DSL ----

    public CardTransport getCard() {
        return card;
    }

    /** The SmartCard-HSM API on the same card, brick guard on; {@code hsm.withForce()} lifts it. */
    public SmartCardHsm getHsm() {
        if (hsm == null) {
            hsm = new SmartCardHsm(card);
        }
        return hsm;
    }

    /** The last answer {@code send} received in this case, or null. */
    public ResponseApdu getLast() {
        return last;
    }

    public ResponseApdu send(String apdu) {
        return send(Map.of(), apdu);
    }

    public ResponseApdu send(Map<?, ?> expectations, String apdu) {
        ApduCache.Parsed parsed = cache.command(apdu);
        return exchange(parsed.bytes(), parsed.shown(), Expectations.fromNamedArguments(expectations));
    }

    public ResponseApdu send(CommandApdu apdu) {
        return send(Map.of(), apdu);
    }

    public ResponseApdu send(Map<?, ?> expectations, CommandApdu apdu) {
        return exchange(apdu.bytes(), Expectations.fromNamedArguments(expectations));
    }

    public ResponseApdu send(byte[] apdu) {
        return send(Map.of(), apdu);
    }

    /** Raw bytes are sent as they are, even when they are not a well-formed APDU. */
    public ResponseApdu send(Map<?, ?> expectations, byte[] apdu) {
        return exchange(apdu.clone(), Expectations.fromNamedArguments(expectations));
    }

    public byte[] hex(String text) {
        return ConformanceHex.decode("hex", text);
    }

    public String hex(byte[] bytes) {
        return Hex.encode(bytes);
    }

    /**
     * A PIN for suite code: {@code env:VAR}, {@code file:PATH} or {@code secret:NAME} (the
     * encrypted store, docs/secrets.md); the caller clears the characters. Suites run unattended,
     * so there is no prompt: a null or empty spec is refused.
     */
    public char[] pinFrom(@org.schsm.Secret String spec, String what) {
        if (spec == null || spec.isEmpty()) {
            throw new SuiteDefinitionException("pinFrom: no " + what + " given (env:VAR, file:PATH or secret:NAME)");
        }
        return new org.schsm.session.PinSource(System.getenv(), null).resolve(spec, what, "pinFrom");
    }

    /** A line to keep with the case in the report. */
    public void description(String text) {
        this.description = text == null ? "" : text;
    }

    public void note(String text) {
        notes.add(String.valueOf(text));
    }

    /** A time budget for the case body (setup and teardown excluded): a Duration or milliseconds. */
    public void within(Object budget) {
        this.budget = TimeExpectation.durationOf("within", budget);
        if (this.budget.isNegative() || this.budget.isZero()) {
            throw new SuiteDefinitionException("within: the time budget must be positive");
        }
    }

    public void timeBudgetMillis(long millis) {
        within(millis);
    }

    public void skip(String reason) {
        throw new CaseSkippedException(reason);
    }

    public void skipUnless(boolean condition, String reason) {
        if (!condition) {
            skip(reason);
        }
    }

    public void fail(String message) {
        throw new AssertionError(message);
    }

    // ---- for the runner ----

    /** Sends one command, records it, checks the expectations in order. */
    public ResponseApdu exchange(byte[] command, List<Expectation> expectations) {
        return exchange(command, CommandApdu.describe(command), expectations);
    }

    /** As {@link #exchange(byte[], List)} with the printable form given (it must not show secrets). */
    public ResponseApdu exchange(byte[] command, String shown, List<Expectation> expectations) {
        long start = System.nanoTime();
        byte[] raw = card.transmit(command.clone()); // a transport may reuse or clear what it is given
        long nanos = System.nanoTime() - start;
        ResponseApdu response = ResponseApdu.decode(raw);
        Exchange exchange = new Exchange(phase, shown, command, response, nanos, expectations);
        exchanges.add(exchange);
        last = response;
        for (Expectation expectation : expectations) {
            Optional<String> wrong = expectation.mismatch(exchange);
            if (wrong.isPresent()) {
                throw new ExpectationFailedException(exchange, expectation, wrong.get());
            }
        }
        return response;
    }

    void phase(String name) {
        this.phase = name;
    }

    String description() {
        return description;
    }

    Duration budget() {
        return budget;
    }

    List<String> notes() {
        return Collections.unmodifiableList(notes);
    }

    List<Exchange> exchanges() {
        return Collections.unmodifiableList(exchanges);
    }

    /**
     * Parsed APDUs by their text, shared by all cases of a run: a loop sending the same hex
     * parses it once. Bounded, so a generated suite cannot grow it without limit.
     */
    public static final class ApduCache {
        private static final int LIMIT = 2048;
        private final Map<String, Parsed> parsed = new LinkedHashMap<>(64, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Parsed> eldest) {
                return size() > LIMIT;
            }
        };

        /**
         * A parsed APDU: its bytes (never handed to a transport as they are: {@code exchange}
         * sends a copy) and its printable form, {@link CommandApdu#describe} of those bytes, made once.
         */
        record Parsed(byte[] bytes, String shown) {
        }

        /**
         * Why {@code text} cannot be sent, without echoing it: a malformed VERIFY still carries a PIN,
         * so the bytes are shown as {@link CommandApdu#describe} shows them.
         */
        private static String notACommand(String text) {
            try {
                return "send: not a command APDU: " + CommandApdu.describe(Hex.decode(text));
            } catch (ApduFormatException notHex) {
                return "send: the APDU is not hex: " + notHex.getMessage();
            }
        }

        /** The bytes of a hex APDU, validated as an ISO 7816-4 command, and how it is shown. */
        Parsed command(String text) {
            Parsed p = parsed.get(text);
            if (p == null) {
                byte[] bytes;
                try {
                    bytes = CommandApdu.parse(text).bytes();
                } catch (ApduFormatException e) {
                    throw new SuiteDefinitionException(notACommand(text));
                }
                p = new Parsed(bytes, CommandApdu.describe(bytes));
                parsed.put(text, p);
            }
            return p;
        }
    }
}
