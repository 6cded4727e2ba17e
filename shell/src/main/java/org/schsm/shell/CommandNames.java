package org.schsm.shell;

import org.schsm.apdu.CommandApdu;

/** ISO 7816-4 and SmartCard-HSM names of instructions, for messages about raw APDUs. */
final class CommandNames {
    private CommandNames() {
    }

    static String of(CommandApdu apdu) {
        boolean proprietary = (apdu.cla() & 0x80) != 0;
        return switch (apdu.ins()) {
            case 0x20 -> "VERIFY";
            case 0x24 -> "CHANGE REFERENCE DATA";
            case 0x2C -> "RESET RETRY COUNTER";
            case 0xA4 -> "SELECT";
            case 0xB0, 0xB1 -> "READ BINARY";
            case 0xD6, 0xD7 -> "UPDATE BINARY";
            case 0xE4 -> "DELETE FILE";
            case 0xC0 -> "GET RESPONSE";
            case 0x84 -> "GET CHALLENGE";
            case 0x50 -> proprietary ? "INITIALIZE DEVICE" : "INS 50";
            case 0x52 -> proprietary ? "IMPORT DKEK SHARE" : "INS 52";
            case 0x58 -> proprietary ? "ENUMERATE OBJECTS" : "INS 58";
            default -> "INS " + org.schsm.apdu.Hex.byteHex(apdu.ins());
        };
    }
}
