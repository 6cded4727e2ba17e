package org.schsm;

/**
 * Root of every error the toolkit raises on purpose. Each subclass names one kind of failure
 * (bad input, card refusal, transport failure, brick guard) so callers such as the CLI can map
 * the type to an exit code without parsing messages.
 */
public abstract class SchsmException extends RuntimeException {
    protected SchsmException(String message) {
        super(message);
    }

    protected SchsmException(String message, Throwable cause) {
        super(message, cause);
    }
}
