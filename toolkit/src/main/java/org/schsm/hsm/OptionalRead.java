package org.schsm.hsm;

import java.util.Optional;
import java.util.function.Function;
import org.schsm.apdu.StatusWord;

/**
 * The outcome of a read that a card may refuse without anything being wrong with it: the DKEK
 * status, for one, is answered 6D00 by a fresh simulator, 6B00 by another implementation, and
 * may be answered anything by a card we have not met. A view built from several reads shows a
 * refused one as not available, with the status word, and goes on with the rest; one refusal
 * never hides the others.
 *
 * @param value   what was read, or null when not available
 * @param refusal the status word the card refused with, or null
 * @param problem why the value is not available, when the card said 9000 but the answer could
 *                not be read (too short, say); null otherwise
 */
public record OptionalRead<T>(T value, StatusWord refusal, String problem) {

    public static <T> OptionalRead<T> of(T value) {
        return new OptionalRead<>(value, null, null);
    }

    public static <T> OptionalRead<T> refused(StatusWord statusWord) {
        return new OptionalRead<>(null, statusWord, null);
    }

    public static <T> OptionalRead<T> unreadable(String problem) {
        return new OptionalRead<>(null, null, problem);
    }

    public boolean isAvailable() {
        return value != null;
    }

    public Optional<T> asOptional() {
        return Optional.ofNullable(value);
    }

    public Optional<StatusWord> refusedWith() {
        return Optional.ofNullable(refusal);
    }

    /** "not available: card answered 6B00 (wrong parameters P1-P2)", or the value as {@code shown}. */
    public String describe(Function<T, String> shown) {
        return value != null ? shown.apply(value) : "not available: " + reason();
    }

    /** Why the value is not available ("card answered 6B00 (…)"); empty text when it is. */
    public String reason() {
        if (value != null) {
            return "";
        }
        return refusal != null ? "card answered " + refusal : problem;
    }
}
