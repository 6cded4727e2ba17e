package org.schsm.transport;

/**
 * The card kept answering 61xx beyond the bound {@link GetResponseTransport} allows. A card
 * that does so is broken or the exchange is out of step; looping forever would hang the tool.
 */
public class GetResponseLimitException extends TransportException {
    private final int rounds;

    public GetResponseLimitException(int rounds, int bytesCollected) {
        super("the card still announced more response data (61xx) after " + rounds
                + " GET RESPONSE commands and " + bytesCollected + " bytes; giving up");
        this.rounds = rounds;
    }

    public int rounds() {
        return rounds;
    }
}
