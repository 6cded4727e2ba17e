package org.schsm.transport;

import java.time.Duration;
import java.util.Map;
import org.schsm.InvalidInputException;
import org.schsm.apdu.Instruction;

/**
 * How long a PC/SC transport waits for the card's answer to one command before it gives up and
 * says so. A PC/SC call has no timeout of its own: a card (or a card program behind vpcd) that
 * stops answering leaves {@code SCardTransmit} blocked for ever.
 *
 * <p>The default is far above what a working card needs, so that it only ends waits that would
 * never end: 30 s for every command, and 300 s for GENERATE ASYMMETRIC KEY PAIR (INS {@code 46}),
 * since an RSA key generation on a smart card can take well over a minute. The environment
 * variable {@value #VARIABLE} sets the wait in seconds (fractions allowed); key generation then
 * waits the longer of that and its own default.
 *
 * @param ordinary      the wait for every command but key generation
 * @param keyGeneration the wait for GENERATE ASYMMETRIC KEY PAIR
 */
public record AnswerTimeout(Duration ordinary, Duration keyGeneration) {
    public static final String VARIABLE = "SCHSM_TIMEOUT";
    public static final AnswerTimeout DEFAULT = new AnswerTimeout(Duration.ofSeconds(30), Duration.ofSeconds(300));

    public AnswerTimeout {
        if (ordinary.isNegative() || ordinary.isZero() || keyGeneration.isNegative() || keyGeneration.isZero()) {
            throw new IllegalArgumentException("answer timeouts must be positive");
        }
    }

    /** The same ordinary wait for every command; key generation keeps at least its default. */
    public static AnswerTimeout of(Duration ordinary) {
        Duration keygen = ordinary.compareTo(DEFAULT.keyGeneration) > 0 ? ordinary : DEFAULT.keyGeneration;
        return new AnswerTimeout(ordinary, keygen);
    }

    /** {@value #VARIABLE} from {@code environment}, else {@link #DEFAULT}. */
    public static AnswerTimeout fromEnvironment(Map<String, String> environment) {
        String value = environment.get(VARIABLE);
        if (value == null || value.isBlank()) {
            return DEFAULT;
        }
        double seconds;
        try {
            seconds = Double.parseDouble(value.trim());
        } catch (NumberFormatException e) {
            seconds = Double.NaN;
        }
        if (!(seconds > 0) || seconds > 86_400) {
            throw new InvalidInputException(VARIABLE + " must be a number of seconds between 0 and 86400, not '"
                    + value + "'");
        }
        return of(Duration.ofMillis(Math.max(1, Math.round(seconds * 1000))));
    }

    /** The wait for this command. */
    public Duration forCommand(byte[] command) {
        boolean keyGeneration = command.length >= 2 && (command[1] & 0xFF) == Instruction.GENERATE_ASYMMETRIC_KEY_PAIR.code();
        return keyGeneration ? keyGeneration() : ordinary;
    }

    /** "30 s", "2.5 s", "300 ms": how a message names the wait. */
    public static String text(Duration wait) {
        long ms = wait.toMillis();
        if (ms < 1000) {
            return ms + " ms";
        }
        return ms % 1000 == 0 ? ms / 1000 + " s" : String.format(java.util.Locale.ROOT, "%.1f s", ms / 1000.0);
    }
}
