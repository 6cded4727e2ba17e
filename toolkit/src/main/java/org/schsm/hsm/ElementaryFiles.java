package org.schsm.hsm;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.schsm.InvalidInputException;
import org.schsm.apdu.CommandApdu;
import org.schsm.apdu.Hex;
import org.schsm.apdu.Instruction;
import org.schsm.apdu.ResponseApdu;
import org.schsm.tlv.TlvWriter;
import org.schsm.transport.CardTransport;

/**
 * The SmartCard-HSM's file commands (keys.md §1): ENUMERATE OBJECTS {@code 80 58}, READ BINARY
 * and UPDATE BINARY with the odd instructions {@code B1}/{@code D7} (offset in tag 54, data in
 * tag 53, file id in P1 P2 so no SELECT is needed, as CardContact's hosts send them) and DELETE
 * FILE {@code E4}.
 */
final class ElementaryFiles {
    private static final int CLA = 0x00;
    private static final int MAX_OFFSET = 0xFFFF;
    /** Data bytes per UPDATE BINARY: well below the extended APDU limits of readers and cards. */
    static final int WRITE_CHUNK = 1024;

    private ElementaryFiles() {
    }

    /** {@code 80 58 00 00 00 00 00}: every file id on the card, 2 bytes each. */
    static List<Integer> enumerateObjects(CardTransport transport) {
        CommandApdu command = new CommandApdu(0x80, Instruction.ENUMERATE_OBJECTS.code(), 0x00, 0x00, null, CommandApdu.MAX_EXTENDED_NE, true);
        byte[] data = CardResponses.require(transport, command, "ENUMERATE OBJECTS");
        if (data.length % 2 != 0) {
            throw new MalformedResponseException("ENUMERATE OBJECTS answered " + data.length
                    + " bytes; file ids come in pairs of bytes");
        }
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < data.length; i += 2) {
            out.add(((data[i] & 0xFF) << 8) | (data[i + 1] & 0xFF));
        }
        return out;
    }

    /**
     * The whole file in one extended READ BINARY ({@code 00 B1 <fid> 04 54 02 00 00 00 00}): the card
     * answers 6282 with the data when the file is shorter than 65536, which ends the read. Reads on
     * from the returned length while the card answers 9000 with a full 65536 bytes.
     */
    static byte[] readBinary(CardTransport transport, int fid) {
        checkFid(fid);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        int offset = 0;
        while (true) {
            CommandApdu command = new CommandApdu(CLA, Instruction.READ_BINARY_ODD.code(), fid >> 8, fid & 0xFF, offsetTag(offset),
                    CommandApdu.MAX_EXTENDED_NE, true);
            ResponseApdu response = transport.transmit(command);
            if (!response.isOk() && response.sw() != CardResponses.SW_END_OF_FILE) {
                throw CardResponses.refusal(response, command, "READ BINARY " + fidHex(fid));
            }
            out.writeBytes(response.data());
            offset += response.dataLength();
            if (response.sw() == CardResponses.SW_END_OF_FILE || response.dataLength() < CommandApdu.MAX_EXTENDED_NE
                    || offset > MAX_OFFSET) {
                return out.toByteArray();
            }
        }
    }

    /**
     * Writes {@code data} from offset 0 in chunks of {@link #WRITE_CHUNK}: each
     * {@code 00 D7 <fid> Lc 54 02 <offset> 53 <len> <data>}. An absent file is created by the first
     * write. Empty data creates an empty file ({@code 54 02 00 00 53 00}, what OpenSC sends).
     */
    static void updateBinary(CardTransport transport, int fid, byte[] data) {
        checkFid(fid);
        if (data.length > MAX_OFFSET + 1) {
            throw new InvalidInputException("a file of " + data.length + " bytes does not fit: offsets end at FFFF");
        }
        int offset = 0;
        do {
            int n = Math.min(WRITE_CHUNK, data.length - offset);
            byte[] body = new TlvWriter().add(0x54, offsetBytes(offset))
                    .add(0x53, Arrays.copyOfRange(data, offset, offset + n)).toByteArray();
            CommandApdu command = new CommandApdu(CLA, Instruction.UPDATE_BINARY_ODD.code(), fid >> 8, fid & 0xFF, body, 0, false);
            CardResponses.require(transport, command, "UPDATE BINARY " + fidHex(fid));
            offset += n;
        } while (offset < data.length);
    }

    /** {@code 00 E4 02 00 02 <fid>}. */
    static void deleteFile(CardTransport transport, int fid) {
        checkFid(fid);
        CommandApdu command = new CommandApdu(CLA, Instruction.DELETE_FILE.code(), 0x02, 0x00, new byte[] {(byte) (fid >> 8), (byte) fid});
        CardResponses.require(transport, command, "DELETE FILE " + fidHex(fid));
    }

    /** {@code 00 84 00 00 <Le>}, repeated in blocks of 256 until {@code count} bytes are in. */
    static byte[] getChallenge(CardTransport transport, int count) {
        if (count < 1) {
            throw new InvalidInputException("GET CHALLENGE needs a positive length, not " + count);
        }
        byte[] out = new byte[count];
        int done = 0;
        while (done < count) {
            int n = Math.min(CommandApdu.MAX_SHORT_NE, count - done);
            CommandApdu command = new CommandApdu(CLA, Instruction.GET_CHALLENGE.code(), 0x00, 0x00, n);
            byte[] part = CardResponses.require(transport, command, "GET CHALLENGE");
            if (part.length != n) {
                throw new MalformedResponseException("GET CHALLENGE for " + n + " bytes answered " + part.length);
            }
            System.arraycopy(part, 0, out, done, n);
            done += n;
        }
        return out;
    }

    static String fidHex(int fid) {
        return Hex.encode(new byte[] {(byte) (fid >> 8), (byte) fid});
    }

    private static byte[] offsetTag(int offset) {
        return TlvWriter.encode(0x54, offsetBytes(offset));
    }

    private static byte[] offsetBytes(int offset) {
        return new byte[] {(byte) (offset >> 8), (byte) offset};
    }

    private static void checkFid(int fid) {
        if (fid < 0 || fid > 0xFFFF) {
            throw new InvalidInputException("file id must be 0000..FFFF, not " + Integer.toHexString(fid));
        }
    }
}
