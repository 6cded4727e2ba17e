package org.schsm.simulator.applet;

import javacard.framework.APDU;
import javacard.framework.ISO7816;
import javacard.framework.ISOException;
import javacard.framework.Util;
import javacard.security.RandomData;

/**
 * GET CHALLENGE {@code 00 84 00 00 Le}: Le random bytes from the platform's secure random
 * generator (javacard RandomData), no PIN needed (reference §8). sc-hsm-tool takes DKEK shares,
 * their salts and n-of-m passwords from here, so nothing weaker will do. Le 1..256 short, or up
 * to 1024 extended (OpenSC asks for at most 1024 at a time); no Le, Le beyond 1024 or any data
 * answers 6700, P1P2 other than 0000 6A86.
 */
final class GetChallengeCommand implements Command {
    static final short MAX_CHALLENGE = 1024;

    private final RandomData random;
    private final byte[] work;

    GetChallengeCommand(byte[] work) {
        this.work = work;
        random = RandomData.getInstance(RandomData.ALG_SECURE_RANDOM);
    }

    public void process(APDU apdu) {
        byte[] buf = apdu.getBuffer();
        Io.receiveNone(apdu);
        if (Util.getShort(buf, ISO7816.OFFSET_P1) != 0) {
            ISOException.throwIt(Sw.INCORRECT_P1P2);
        }
        short ne = apdu.setOutgoing();
        if (ne <= 0 || ne > MAX_CHALLENGE) {
            ISOException.throwIt(Sw.WRONG_LENGTH);
        }
        random.generateData(work, (short) 0, ne);
        Io.sendPrepared(apdu, work, (short) 0, ne);
        Util.arrayFillNonAtomic(work, (short) 0, ne, (byte) 0);
    }
}
