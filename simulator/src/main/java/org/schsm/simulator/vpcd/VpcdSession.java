package org.schsm.simulator.vpcd;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import org.schsm.apdu.CommandApdu;
import org.schsm.apdu.Instruction;
import org.schsm.transport.TransportException;
import org.schsm.transport.VpcdFraming;

/**
 * One vpcd connection's worth of messages: turns each message from pcscd into a call on the
 * {@link VirtualCard} and writes the answer, if the message takes one. See {@link VpcdClient}
 * for the rules (6F00 for a failing card, the afterCommand hook, what is logged).
 */
final class VpcdSession {
    private static final Logger LOG = System.getLogger(VpcdClient.class.getName());
    private static final byte[] NO_PRECISE_DIAGNOSIS = {0x6F, 0x00};

    private final VirtualCard card;
    private final Runnable afterCommand;

    VpcdSession(VirtualCard card, Runnable afterCommand) {
        this.card = card;
        this.afterCommand = afterCommand;
    }

    /** Handles one message; false when the connection must end (card gone). */
    boolean handle(byte[] message, OutputStream out) throws IOException {
        if (message.length == 1) {
            return control(message[0] & 0xFF, out);
        }
        if (message.length == 0) {
            LOG.log(Level.WARNING, "ignoring an empty vpcd message");
            return true;
        }
        byte[] response;
        try {
            response = transmit(message);
        } catch (TransportException e) {
            LOG.log(Level.DEBUG, () -> "card left the reader: " + e.getMessage());
            return false;
        }
        VpcdFraming.write(out, response);
        return true;
    }

    private boolean control(int code, OutputStream out) throws IOException {
        switch (code) {
            case VpcdFraming.GET_ATR -> {
                if (!card.isPresent()) {
                    LOG.log(Level.DEBUG, "card no longer present; leaving the reader");
                    return false;
                }
                VpcdFraming.write(out, card.atr());
            }
            case VpcdFraming.POWER_OFF -> powerEvent("power off", card::powerOff);
            case VpcdFraming.POWER_ON -> powerEvent("power on", card::powerOn);
            case VpcdFraming.RESET -> powerEvent("reset", card::reset);
            default -> LOG.log(Level.WARNING, "ignoring unknown vpcd control message " + code);
        }
        return true;
    }

    private void powerEvent(String name, Runnable action) {
        LOG.log(Level.DEBUG, () -> "vpcd " + name);
        try {
            action.run();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "card failed on " + name, e);
        }
    }

    private byte[] transmit(byte[] command) {
        LOG.log(Level.DEBUG, () -> "vpcd <- " + CommandApdu.describe(command));
        byte[] response;
        try {
            response = card.transmit(command);
        } catch (TransportException e) {
            throw e;
        } catch (RuntimeException e) {
            // A Java Card applet's uncaught exception reaches the reader as 6F00; do the same.
            LOG.log(Level.WARNING, "card failed on " + CommandApdu.describe(command) + "; answering 6F00", e);
            response = NO_PRECISE_DIAGNOSIS.clone();
        }
        if (response == null || response.length < 2 || response.length > VpcdFraming.MAX_PAYLOAD) {
            LOG.log(Level.WARNING, "card answered " + (response == null ? "nothing" : response.length + " bytes")
                    + " to " + CommandApdu.describe(command) + ", which vpcd cannot carry; answering 6F00");
            response = NO_PRECISE_DIAGNOSIS.clone();
        }
        if (Instruction.mayChangeState(command)) {
            runAfterCommand();
        }
        byte[] answer = response;
        LOG.log(Level.DEBUG, () -> "vpcd -> " + ApduText.response(answer));
        return answer;
    }

    private void runAfterCommand() {
        try {
            afterCommand.run();
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "afterCommand hook failed; the card's state may not have been saved", e);
        }
    }
}
