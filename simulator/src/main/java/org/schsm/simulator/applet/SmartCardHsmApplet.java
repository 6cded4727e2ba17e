package org.schsm.simulator.applet;

import javacard.framework.APDU;
import javacard.framework.Applet;
import javacard.framework.ISO7816;
import javacard.framework.ISOException;
import javacard.framework.Util;
import javacardx.apdu.ExtendedLength;

/**
 * A SmartCard-HSM applet for simulation: card life cycle, PIN management, DKEK share import and
 * a small file store, answering the APDUs OpenSC's sc-hsm driver and sc-hsm-tool send.
 *
 * <p>Java Card API only; everything is allocated in the constructor. The complete persistent
 * state is two byte arrays, {@code nvm} (see {@link DeviceState}) and {@code fileData} (see
 * {@link FileStore}); the host side snapshots and restores exactly those two arrays, whose
 * layout is versioned by {@link #STATE_LAYOUT_VERSION}. PIN verification state lives in
 * transient memory and is cleared by SELECT and by a power cycle.
 */
public class SmartCardHsmApplet extends Applet implements ExtendedLength {
    public static final byte VERSION_MAJOR = 3;
    public static final byte VERSION_MINOR = 6;
    /** FCP build byte: neither 00 (JCOP) nor 01 (demo), so OpenSC says "SmartCard-HSM". */
    public static final byte BUILD_TYPE = (byte) 0xFF;
    /** Bump whenever the meaning or size of {@code nvm} or {@code fileData} changes. */
    public static final short STATE_LAYOUT_VERSION = 1;

    private static final byte CLA_ISO = 0x00;
    private static final byte CLA_PROPRIETARY = (byte) 0x80;

    private static final byte INS_VERIFY = 0x20;
    private static final byte INS_CHANGE_REFERENCE_DATA = 0x24;
    private static final byte INS_RESET_RETRY_COUNTER = 0x2C;
    private static final byte INS_SELECT = (byte) 0xA4;
    private static final byte INS_READ_BINARY_ODD = (byte) 0xB1;
    private static final byte INS_UPDATE_BINARY_ODD = (byte) 0xD7;
    private static final byte INS_DELETE_FILE = (byte) 0xE4;
    private static final byte INS_INITIALIZE_DEVICE = 0x50;
    private static final byte INS_IMPORT_DKEK_SHARE = 0x52;
    private static final byte INS_ENUMERATE_OBJECTS = 0x58;
    private static final byte INS_PERSONALISE = (byte) 0xDA;

    private static final byte[] AID = {
        (byte) 0xE8, 0x2B, 0x06, 0x01, 0x04, 0x01, (byte) 0x81, (byte) 0xC3, 0x1F, 0x02, 0x01
    };

    private final byte[] nvm;
    private final byte[] fileData;
    private final Nvm mem;
    private final DeviceState state;
    private final Session session;
    private final PinCommands pins;
    private final InitializeCommand initialize;
    private final DkekCommand dkek;
    private final FileCommands fileCommands;

    protected SmartCardHsmApplet() {
        nvm = new byte[DeviceState.NVM_SIZE];
        fileData = new byte[FileStore.STORE_SIZE];
        mem = new Nvm(nvm, fileData);
        state = new DeviceState(mem, nvm);
        state.factoryReset();
        FileStore files = new FileStore(mem, fileData);
        session = new Session();
        pins = new PinCommands(state, session);
        initialize = new InitializeCommand(state, files, session);
        dkek = new DkekCommand(state);
        fileCommands = new FileCommands(files, state, session);
    }

    /** GlobalPlatform install parameters: [AID length][instance AID]...; none = default AID. */
    public static void install(byte[] bArray, short bOffset, byte bLength) {
        SmartCardHsmApplet applet = new SmartCardHsmApplet();
        if (bLength > 0 && bArray[bOffset] > 0) {
            applet.register(bArray, (short) (bOffset + 1), bArray[bOffset]);
        } else {
            applet.register();
        }
    }

    /** Selecting the applet logs out: user PIN and SO-PIN verification and current EF cleared. */
    public boolean select() {
        mem.recover();
        session.logout();
        return true;
    }

    public void deselect() {
        session.logout();
    }

    public void process(APDU apdu) {
        mem.recover();
        try {
            if (selectingApplet()) {
                answerSelect(apdu);
            } else {
                dispatch(apdu);
            }
        } finally {
            // A card aborts an open transaction when a command ends; jCardSim does not roll
            // back, so Nvm's journal does.
            mem.endCommand();
        }
    }

    private void dispatch(APDU apdu) {
        byte[] buf = apdu.getBuffer();
        byte cla = buf[ISO7816.OFFSET_CLA];
        byte ins = buf[ISO7816.OFFSET_INS];
        if (cla == CLA_ISO) {
            dispatchIso(apdu, ins);
        } else if (cla == CLA_PROPRIETARY) {
            dispatchProprietary(apdu, ins);
        } else {
            ISOException.throwIt(Sw.CLA_NOT_SUPPORTED);
        }
    }

    private void dispatchIso(APDU apdu, byte ins) {
        switch (ins) {
            case INS_SELECT:
                select(apdu);
                break;
            case INS_VERIFY:
                pins.verify(apdu);
                break;
            case INS_CHANGE_REFERENCE_DATA:
                pins.changeReferenceData(apdu);
                break;
            case INS_RESET_RETRY_COUNTER:
                pins.resetRetryCounter(apdu);
                break;
            case INS_READ_BINARY_ODD:
                fileCommands.readBinary(apdu);
                break;
            case INS_UPDATE_BINARY_ODD:
                fileCommands.updateBinary(apdu);
                break;
            case INS_DELETE_FILE:
                fileCommands.deleteFile(apdu);
                break;
            default:
                ISOException.throwIt(Sw.INS_NOT_SUPPORTED);
        }
    }

    private void dispatchProprietary(APDU apdu, byte ins) {
        switch (ins) {
            case INS_INITIALIZE_DEVICE:
                initialize.process(apdu);
                break;
            case INS_IMPORT_DKEK_SHARE:
                dkek.process(apdu);
                break;
            case INS_ENUMERATE_OBJECTS:
                fileCommands.enumerateObjects(apdu);
                break;
            case INS_PERSONALISE:
                fileCommands.personalise(apdu);
                break;
            default:
                ISOException.throwIt(Sw.INS_NOT_SUPPORTED);
        }
    }

    /** The SELECT by AID the runtime routed to us: FCP unless P2 asks for no response data. */
    private void answerSelect(APDU apdu) {
        Io.receive(apdu);
        byte p2 = apdu.getBuffer()[ISO7816.OFFSET_P2];
        if ((p2 & 0x0C) != 0x0C) {
            sendApplicationFcp(apdu);
        }
    }

    /**
     * A SELECT the runtime did not treat as applet selection: by FID (P1 00), or by DF name
     * (P1 04) for an AID that is not ours, or ours in an extended-length APDU.
     */
    private void select(APDU apdu) {
        byte[] buf = apdu.getBuffer();
        short nc = Io.receive(apdu);
        byte p1 = buf[ISO7816.OFFSET_P1];
        byte p2 = buf[ISO7816.OFFSET_P2];
        if (p2 != 0x00 && p2 != 0x04 && p2 != 0x0C) {
            ISOException.throwIt(Sw.INCORRECT_P1P2);
        }
        boolean wantFcp = p2 != 0x0C;
        if (p1 == 0x00) {
            fileCommands.selectByFid(apdu, nc, wantFcp);
        } else if (p1 == 0x04) {
            if (nc != AID.length
                    || Util.arrayCompare(buf, apdu.getOffsetCdata(), AID, (short) 0, nc) != 0) {
                ISOException.throwIt(Sw.FILE_NOT_FOUND);
            }
            session.logout();
            if (wantFcp) {
                sendApplicationFcp(apdu);
            }
        } else {
            ISOException.throwIt(Sw.INCORRECT_P1P2);
        }
    }

    /**
     * {@code 62 17 82 01 38 84 0B <AID> 85 05 <options(2)> <build> <major> <minor>}: OpenSC
     * reads major/minor from the last two bytes of tag 85 and the options low byte from [n-4].
     */
    private void sendApplicationFcp(APDU apdu) {
        byte[] buf = apdu.getBuffer();
        short p = 0;
        buf[p++] = 0x62;
        buf[p++] = 0x17;
        buf[p++] = (byte) 0x82;
        buf[p++] = 0x01;
        buf[p++] = 0x38;
        buf[p++] = (byte) 0x84;
        buf[p++] = (byte) AID.length;
        p = Util.arrayCopyNonAtomic(AID, (short) 0, buf, p, (short) AID.length);
        buf[p++] = (byte) 0x85;
        buf[p++] = 0x05;
        p = Util.setShort(buf, p, state.options());
        buf[p++] = BUILD_TYPE;
        buf[p++] = VERSION_MAJOR;
        buf[p++] = VERSION_MINOR;
        Io.send(apdu, buf, (short) 0, p);
    }
}
