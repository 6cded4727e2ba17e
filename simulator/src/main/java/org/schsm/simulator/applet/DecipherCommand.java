package org.schsm.simulator.applet;

import javacard.framework.APDU;
import javacard.framework.ISO7816;
import javacard.framework.ISOException;
import javacard.security.CryptoException;
import javacard.security.KeyAgreement;
import javacardx.crypto.Cipher;

/**
 * DECIPHER {@code 80 62 <key id> <algorithm> <data>}: 21 RSA raw decryption of one modulus-long
 * cryptogram (the host strips the padding), 80 ECDH with the peer's uncompressed point
 * {@code 04||X||Y}, answered as {@code 04||X} (OpenSC drops the first byte and keeps X; pico
 * answers the same). Checks: {@link KeyUse}; another algorithm ID 6A86, a wrong length 6700,
 * a cryptogram not below the modulus or a point not on the curve 6A80.
 */
final class DecipherCommand implements Command {
    private static final byte RSA_RAW = 0x21;
    private static final byte ECDH = (byte) 0x80;
    private static final byte UNCOMPRESSED = 0x04;

    private final KeyStore keys;
    private final KeyObjects objects;
    private final KeyUse use;
    private final byte[] work;
    private final Cipher rsaRaw;
    private final KeyAgreement ecdh;

    DecipherCommand(KeyStore keys, KeyObjects objects, KeyUse use, byte[] work) {
        this.keys = keys;
        this.objects = objects;
        this.use = use;
        this.work = work;
        rsaRaw = Cipher.getInstance(Cipher.ALG_RSA_NOPAD, false);
        ecdh = KeyAgreement.getInstance(KeyAgreement.ALG_EC_SVDP_DH_PLAIN, false);
    }

    public void process(APDU apdu) {
        byte[] buf = apdu.getBuffer();
        short nc = Io.receive(apdu);
        short in = apdu.getOffsetCdata();
        byte id = buf[ISO7816.OFFSET_P1];
        byte algorithm = buf[ISO7816.OFFSET_P2];
        if (algorithm != RSA_RAW && algorithm != ECDH) {
            ISOException.throwIt(Sw.INCORRECT_P1P2);
        }
        if (nc == 0) {
            ISOException.throwIt(Sw.WRONG_LENGTH);
        }
        short entry = use.begin(id, algorithm, algorithm == ECDH ? KeyStore.TYPE_EC : KeyStore.TYPE_RSA_CRT);
        short k = use.byteLength(entry);
        short len = 0;
        try {
            len = algorithm == ECDH ? agree(entry, buf, in, nc, k) : decrypt(entry, buf, in, nc, k);
        } catch (CryptoException e) {
            ISOException.throwIt(Sw.WRONG_DATA);
        } finally {
            objects.clear();
        }
        Io.send(apdu, work, (short) 0, len);
        KeyUse.wipe(work, (short) 0, len);
    }

    private short decrypt(short entry, byte[] buf, short in, short nc, short k) {
        if (nc != k) {
            ISOException.throwIt(Sw.WRONG_LENGTH);
        }
        KeyUse.requireBelowModulus(keys, entry, buf, in);
        rsaRaw.init(objects.loadRsa(keys, entry), Cipher.MODE_DECRYPT);
        short len = rsaRaw.doFinal(buf, in, nc, work, (short) 0);
        return KeyUse.leftPad(work, (short) 0, len, k);
    }

    private short agree(short entry, byte[] buf, short in, short nc, short k) {
        if (nc != (short) (1 + 2 * k)) {
            ISOException.throwIt(Sw.WRONG_LENGTH);
        }
        if (buf[in] != UNCOMPRESSED) {
            ISOException.throwIt(Sw.WRONG_DATA);
        }
        ecdh.init(objects.loadEc(keys, entry));
        work[0] = UNCOMPRESSED;
        short len = 0;
        try {
            len = ecdh.generateSecret(buf, in, nc, work, (short) 1);
        } catch (RuntimeException e) {
            // jCardSim lets Bouncy Castle's exception for a point off the curve through
            ISOException.throwIt(Sw.WRONG_DATA);
        }
        return (short) (1 + KeyUse.leftPad(work, (short) 1, len, k));
    }
}
