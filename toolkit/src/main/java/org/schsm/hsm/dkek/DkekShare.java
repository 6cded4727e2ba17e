package org.schsm.hsm.dkek;

import org.schsm.Secret;

/** One DKEK share: 32 random bytes that a custodian keeps in a password-protected share file. */
public final class DkekShare extends DkekSecret {
    public DkekShare(@Secret byte[] value) {
        super(value);
    }

    /** A copy of the share's bytes, for IMPORT DKEK SHARE; the caller clears it. */
    public byte[] toBytes() {
        return value().clone();
    }
}
