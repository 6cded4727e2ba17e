package org.schsm.simulator.applet;

import javacard.framework.APDU;
import javacard.framework.ISO7816;
import javacard.framework.ISOException;
import javacard.framework.JCSystem;
import javacard.framework.Util;
import javacard.security.RandomData;

/**
 * INITIALIZE DEVICE {@code 80 50 00 00} with simple TLVs: 80 options (2), 81 user PIN (6..16),
 * 82 SO-PIN (8), 91 user retry counter (1..10, default 3), 92 DKEK shares (1). The whole data
 * field is validated before anything is spent or written; every problem inside it answers 6A80.
 *
 * <p>Tag 92 (keys.md §4.1): absent, the device has no DKEK; 1..255, that many shares are to be
 * imported; 00, the card makes a random DKEK of its own that no share reproduces, so keys can
 * never leave it (the vendor's "no DKEK shares" choice).
 */
final class InitializeCommand extends SecretDataCommand {
    private static final short TAG_OPTIONS = 0x80;
    private static final short TAG_USER_PIN = 0x81;
    private static final short TAG_SO_PIN = 0x82;
    private static final short TAG_USER_TRIES = 0x91;
    private static final short TAG_DKEK_SHARES = 0x92;
    private static final short TAG_PUBLIC_KEY_AUTH = 0x93;

    /** Indexes into {@link #parsed}. */
    private static final short OPTIONS = 0;
    private static final short USER_OFF = 1;
    private static final short USER_LEN = 2;
    private static final short SO_OFF = 3;
    private static final short TRIES = 4;
    private static final short SHARES = 5;
    private static final short SEEN = 6;

    private final DeviceState state;
    private final FileStore files;
    private final KeyStore keys;
    private final Session session;
    private final Tlv tlv;
    private final short[] parsed;
    private final RandomData random;
    /** The random DKEK on its way into persistent memory; cleared right after. */
    private final byte[] randomDkek;

    InitializeCommand(DeviceState state, FileStore files, KeyStore keys, Session session, Tlv tlv) {
        this.state = state;
        this.files = files;
        this.keys = keys;
        this.session = session;
        this.tlv = tlv;
        parsed = JCSystem.makeTransientShortArray((short) 7, JCSystem.CLEAR_ON_DESELECT);
        random = RandomData.getInstance(RandomData.ALG_SECURE_RANDOM);
        randomDkek = JCSystem.makeTransientByteArray(DeviceState.DKEK_LENGTH, JCSystem.CLEAR_ON_DESELECT);
    }

    void process(APDU apdu, byte[] buf, short off, short nc) {
        if (Util.getShort(buf, ISO7816.OFFSET_P1) != 0) {
            ISOException.throwIt(Sw.INCORRECT_P1P2);
        }
        if (nc == 0) {
            ISOException.throwIt(Sw.WRONG_LENGTH);
        }
        parse(buf, off, nc);
        RetryPin so = state.soPin;
        if (state.isInitialized()) {
            session.setSoVerified(false);
            so.checkOrThrow(buf, parsed[SO_OFF], DeviceState.SO_PIN_LENGTH);
        }
        boolean ownDkek = parsed[SHARES] == 0;
        if (ownDkek) {
            random.generateData(randomDkek, (short) 0, DeviceState.DKEK_LENGTH);
        }
        try {
            state.mem.begin();
            files.eraseAllExcept(FileAccess.FID_DEVICE_CERTIFICATE);
            keys.eraseAllButDeviceKey();
            state.initialize(parsed[OPTIONS], parsed[SHARES] < 0 ? 0 : (byte) parsed[SHARES],
                    ownDkek ? randomDkek : null, buf, parsed[USER_OFF],
                    (byte) parsed[USER_LEN], (byte) parsed[TRIES], parsed[SO_OFF]);
            state.mem.commit();
        } finally {
            Util.arrayFillNonAtomic(randomDkek, (short) 0, DeviceState.DKEK_LENGTH, (byte) 0);
        }
        session.logout();
    }

    private void parse(byte[] buf, short off, short nc) {
        parsed[OPTIONS] = 0;
        parsed[USER_OFF] = -1;
        parsed[SO_OFF] = -1;
        parsed[TRIES] = DeviceState.USER_TRIES_DEFAULT;
        parsed[SHARES] = -1;
        parsed[SEEN] = 0;
        short end = (short) (off + nc);
        while (off < end) {
            short tag = tlv.read(buf, off, end);
            off = tlv.next();
            accept(tag, buf, tlv.valueOffset(), tlv.valueLength());
        }
        if (parsed[USER_OFF] < 0 || parsed[SO_OFF] < 0) {
            ISOException.throwIt(Sw.WRONG_DATA);
        }
    }

    private void accept(short tag, byte[] buf, short off, short len) {
        switch (tag) {
            case TAG_OPTIONS:
                markSeen((short) 0x01, len == 2);
                parsed[OPTIONS] = Util.getShort(buf, off);
                break;
            case TAG_USER_PIN:
                markSeen((short) 0x02, len >= DeviceState.USER_PIN_MIN && len <= DeviceState.USER_PIN_MAX);
                parsed[USER_OFF] = off;
                parsed[USER_LEN] = len;
                break;
            case TAG_SO_PIN:
                markSeen((short) 0x04, len == DeviceState.SO_PIN_LENGTH);
                parsed[SO_OFF] = off;
                break;
            case TAG_USER_TRIES:
                markSeen((short) 0x08, len == 1 && buf[off] >= 1 && buf[off] <= DeviceState.USER_TRIES_MAX);
                parsed[TRIES] = buf[off];
                break;
            case TAG_DKEK_SHARES:
                markSeen((short) 0x10, len == 1);
                parsed[SHARES] = (short) (buf[off] & 0xFF);
                break;
            case TAG_PUBLIC_KEY_AUTH:
                ISOException.throwIt(Sw.FUNCTION_NOT_SUPPORTED);
                break;
            default:
                break;
        }
    }

    /** Rejects a repeated tag or a value of the wrong form with 6A80. */
    private void markSeen(short bit, boolean wellFormed) {
        if (!wellFormed || (short) (parsed[SEEN] & bit) != 0) {
            ISOException.throwIt(Sw.WRONG_DATA);
        }
        parsed[SEEN] = (short) (parsed[SEEN] | bit);
    }
}
