package org.schsm.simulator.interop;

import java.util.Arrays;
import org.schsm.apdu.Hex;
import org.schsm.simulator.vpcd.VirtualCard;
import org.schsm.testkit.HsmConstants;

/**
 * The least a card must do for OpenSC to call it a SmartCard-HSM: the SC-HSM ATR, and a SELECT
 * of the SC-HSM AID answered with an FCP carrying tag 85 (options 0001, build type FF, version
 * 2.5, a version the simulator does not report, so a test can tell which card answered). Any
 * other SELECT is answered 6A82, anything else 6D00.
 */
final class ScriptedScHsmCard implements VirtualCard {
    static final String ATR_HEX = HsmConstants.compact(HsmConstants.ATR);
    static final String ATR_OPENSC = "3b:fe:18:00:00:81:31:fe:45:80:31:81:54:48:53:4d:31:73:80:21:40:81:07:fa";
    static final String NAME = "SmartCard-HSM version 2.5";
    private static final byte[] AID = Hex.decode(HsmConstants.compact(HsmConstants.AID));
    private static final byte[] FCP = Hex.decode("6217" + "820138" + "840B" + HsmConstants.compact(HsmConstants.AID)
            + "8505" + "0001FF0205" + "9000");
    private static final byte[] FILE_NOT_FOUND = Hex.decode("6A82");
    private static final byte[] INS_NOT_SUPPORTED = Hex.decode("6D00");

    @Override
    public byte[] atr() {
        return Hex.decode(ATR_HEX);
    }

    @Override
    public void powerOff() {
        // nothing volatile to lose
    }

    @Override
    public void powerOn() {
        // nothing to prepare
    }

    @Override
    public void reset() {
        // nothing volatile to lose
    }

    @Override
    public byte[] transmit(byte[] command) {
        if (command.length >= 5 && command[1] == (byte) 0xA4) {
            boolean byName = command[2] == 0x04;
            int lc = command[4] & 0xFF;
            boolean ourAid = byName && command.length >= 5 + lc && lc == AID.length
                    && Arrays.equals(Arrays.copyOfRange(command, 5, 5 + lc), AID);
            return ourAid ? FCP.clone() : FILE_NOT_FOUND.clone();
        }
        return INS_NOT_SUPPORTED.clone();
    }
}
