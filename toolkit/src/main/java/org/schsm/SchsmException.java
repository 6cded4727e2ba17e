package org.schsm;

import java.util.function.Function;

/**
 * Root of every error the toolkit raises on purpose. Each subclass names one kind of failure
 * (bad input, card refusal, transport failure, brick guard) so callers such as the CLI can map
 * the type to an exit code without parsing messages.
 *
 * <p>What the user can do about it is {@link #advice()}: text in which the ways forward are
 * {@link Remedy} values. {@link #getMessage()} says them in the toolkit's own words; a front end
 * says them in its own with {@link #message(Function)} (the CLI as {@code schsm} commands).
 */
public abstract class SchsmException extends RuntimeException {
    private final Advice advice;

    protected SchsmException(String message) {
        super(message);
        this.advice = Advice.none();
    }

    protected SchsmException(String message, Throwable cause) {
        super(message, cause);
        this.advice = Advice.none();
    }

    /** An error whose whole message is {@code message}, remedies included. */
    protected SchsmException(Advice message) {
        super((String) null);
        this.advice = message;
    }

    /** What follows the message: the advice, with its remedies as values. Subclasses add theirs. */
    public Advice advice() {
        return advice;
    }

    /** The message, each remedy said by {@code say}. */
    public String message(Function<? super Remedy, String> say) {
        Advice tail = advice();
        if (tail.parts().isEmpty()) {
            return getMessage();
        }
        String head = super.getMessage();
        return (head == null ? "" : head) + tail.render(say);
    }

    /** The message with the remedies in the toolkit's own words ({@link Remedy#plain()}). */
    @Override
    public String getMessage() {
        return advice().parts().isEmpty() ? super.getMessage() : message(Remedy::plain);
    }
}
