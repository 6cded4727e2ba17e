package org.schsm.simulator.applet;

import javacard.framework.APDU;
import javacard.framework.Applet;
import javacard.framework.ISO7816;
import javacard.framework.ISOException;
import javacard.framework.JCSystem;
import javacardx.apdu.ExtendedLength;

/**
 * A SmartCard-HSM applet for simulation: card life cycle, PIN management, DKEK share import,
 * key wrap and unwrap under the DKEK, files, key generation, signing and decryption, answering the APDUs OpenSC's sc-hsm driver,
 * sc-hsm-tool and CardContact's hosts send.
 *
 * <p>Java Card API only; everything is allocated in the constructor. The complete persistent
 * state is three byte arrays, {@code nvm} (see {@link DeviceState}), {@code fileData} (the EFs,
 * see {@link FileStore}) and {@code keyData} (the keys, see {@link KeyStore}); the host side
 * snapshots and restores exactly those arrays, whose layout is versioned by
 * {@link #STATE_LAYOUT_VERSION}. PIN verification state lives in
 * transient memory and is cleared by SELECT and by a power cycle.
 */
public class SmartCardHsmApplet extends Applet implements ExtendedLength {
    public static final byte VERSION_MAJOR = 3;
    public static final byte VERSION_MINOR = 6;
    /** FCP build byte: neither 00 (JCOP) nor 01 (demo), so OpenSC says "SmartCard-HSM". */
    public static final byte BUILD_TYPE = (byte) 0xFF;
    /** Bump whenever the meaning or size of {@code nvm}, {@code fileData} or {@code keyData} changes. */
    public static final short STATE_LAYOUT_VERSION = 2;

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
    private static final byte INS_GET_CHALLENGE = (byte) 0x84;
    private static final byte INS_GENERATE_ASYMMETRIC_KEY_PAIR = 0x46;
    private static final byte INS_COMPUTE_SIGNATURE = 0x68;
    private static final byte INS_DECIPHER = 0x62;
    private static final byte INS_WRAP_KEY = 0x72;
    private static final byte INS_UNWRAP_KEY = 0x74;

    /** Room in the dispatch table. */
    private static final short MAX_COMMANDS = 24;

    static final byte[] AID = {
        (byte) 0xE8, 0x2B, 0x06, 0x01, 0x04, 0x01, (byte) 0x81, (byte) 0xC3, 0x1F, 0x02, 0x01
    };

    private final byte[] nvm;
    private final byte[] fileData;
    private final byte[] keyData;
    private final Nvm mem;
    private final Session session;
    private final SelectCommand select;
    /** The dispatch table: CLA and INS of entry i at [2i], [2i+1]; its handler at commands[i]. */
    private final byte[] commandCodes;
    private final Command[] commands;
    private short commandCount;

    protected SmartCardHsmApplet() {
        nvm = new byte[DeviceState.NVM_SIZE];
        fileData = new byte[FileStore.STORE_SIZE];
        keyData = new byte[FileStore.STORE_SIZE];
        mem = new Nvm(nvm, fileData, keyData);
        DeviceState state = new DeviceState(mem, nvm);
        state.factoryReset();
        FileStore files = new FileStore(mem, fileData, FileStore.FILES);
        KeyStore keys = new KeyStore(mem, keyData);
        session = new Session();
        OffsetDataObjects dos = new OffsetDataObjects();
        Tlv tlv = new Tlv();
        byte[] work = JCSystem.makeTransientByteArray(GenerateKeyPairCommand.WORK_SIZE, JCSystem.CLEAR_ON_DESELECT);
        KeyObjects keyObjects = new KeyObjects();
        KeyUse keyUse = new KeyUse(keys, session);
        select = new SelectCommand(state, files, keys, session);
        commandCodes = new byte[(short) (2 * MAX_COMMANDS)];
        commands = new Command[MAX_COMMANDS];

        add(CLA_ISO, INS_SELECT, select);
        add(CLA_ISO, INS_VERIFY, new VerifyCommand(state, session));
        add(CLA_ISO, INS_CHANGE_REFERENCE_DATA, new ChangeReferenceDataCommand(state, session));
        add(CLA_ISO, INS_RESET_RETRY_COUNTER, new ResetRetryCounterCommand(state, session));
        add(CLA_ISO, INS_READ_BINARY_ODD, new ReadBinaryCommand(files, keys, session));
        add(CLA_ISO, INS_UPDATE_BINARY_ODD, new UpdateBinaryCommand(files, session, dos));
        add(CLA_ISO, INS_DELETE_FILE, new DeleteFileCommand(files, keys, session));
        add(CLA_ISO, INS_GET_CHALLENGE, new GetChallengeCommand(work));
        add(CLA_ISO, INS_GENERATE_ASYMMETRIC_KEY_PAIR, new GenerateKeyPairCommand(keys, files, keyObjects,
                new DeviceAuthentication(keys, files, keyObjects, tlv), session, tlv, work));
        add(CLA_PROPRIETARY, INS_INITIALIZE_DEVICE, new InitializeCommand(state, files, keys, session, tlv));
        KeyBlobCrypto blobCrypto = new KeyBlobCrypto(state);
        add(CLA_PROPRIETARY, INS_IMPORT_DKEK_SHARE, new DkekCommand(state, blobCrypto));
        add(CLA_PROPRIETARY, INS_WRAP_KEY, new WrapKeyCommand(state, keys, blobCrypto, session, work));
        add(CLA_PROPRIETARY, INS_UNWRAP_KEY, new UnwrapKeyCommand(state, keys, files, keyObjects, blobCrypto,
                session, work));
        add(CLA_PROPRIETARY, INS_ENUMERATE_OBJECTS, new EnumerateObjectsCommand(files, keys, work));
        add(CLA_PROPRIETARY, INS_COMPUTE_SIGNATURE, new ComputeSignatureCommand(keys, keyObjects, keyUse, work));
        add(CLA_PROPRIETARY, INS_DECIPHER, new DecipherCommand(keys, keyObjects, keyUse, work));
        add(CLA_PROPRIETARY, INS_PERSONALISE, new PersonaliseCommand(files, keys, state, dos, tlv, work));
    }

    private void add(byte cla, byte ins, Command command) {
        commandCodes[(short) (2 * commandCount)] = cla;
        commandCodes[(short) (2 * commandCount + 1)] = ins;
        commands[commandCount] = command;
        commandCount++;
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
                select.answerApplicationSelect(apdu);
            } else {
                dispatch(apdu);
            }
        } finally {
            // A card aborts an open transaction when a command ends; jCardSim does not roll
            // back, so Nvm's journal does.
            mem.endCommand();
        }
    }

    /** 6E00 for a class other than 00 and 80, 6D00 for an instruction not in the table. */
    private void dispatch(APDU apdu) {
        byte[] buf = apdu.getBuffer();
        byte cla = buf[ISO7816.OFFSET_CLA];
        byte ins = buf[ISO7816.OFFSET_INS];
        if (cla != CLA_ISO && cla != CLA_PROPRIETARY) {
            ISOException.throwIt(Sw.CLA_NOT_SUPPORTED);
        }
        for (short i = 0; i < commandCount; i++) {
            if (commandCodes[(short) (2 * i)] == cla && commandCodes[(short) (2 * i + 1)] == ins) {
                commands[i].process(apdu);
                return;
            }
        }
        ISOException.throwIt(Sw.INS_NOT_SUPPORTED);
    }
}
