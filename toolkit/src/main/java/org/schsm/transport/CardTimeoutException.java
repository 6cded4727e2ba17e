package org.schsm.transport;

/**
 * The card did not answer a command within the {@link AnswerTimeout}: it may be dead, stuck in a
 * long operation, or the reader may hang. The connection cannot be used any more, because the
 * PC/SC call that waits for the answer cannot be taken back.
 */
public class CardTimeoutException extends TransportException {
    public CardTimeoutException(String message) {
        super(message);
    }
}
