package org.schsm.transport;

/** Another program holds the card exclusively (PC/SC sharing violation); retrying later may work. */
public class CardBusyException extends TransportException {
    public CardBusyException(String message, Throwable cause) {
        super(message, cause);
    }
}
