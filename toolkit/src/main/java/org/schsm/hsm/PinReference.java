package org.schsm.hsm;

/**
 * The two PIN references of the SmartCard-HSM, named as in ISO 7816-4 and addressed by P2 of
 * VERIFY, CHANGE REFERENCE DATA and RESET RETRY COUNTER.
 */
public enum PinReference {
    /** The user PIN: the only login role; it guards key use. */
    USER(0x81, "user PIN"),
    /**
     * The SO-PIN (initialization code): 8 bytes, 15 tries, never unblockable. It is presented only
     * to INITIALIZE DEVICE, RESET RETRY COUNTER and its own CHANGE REFERENCE DATA.
     */
    SO(0x88, "SO-PIN");

    private final int p2;
    private final String label;

    PinReference(int p2, String label) {
        this.p2 = p2;
        this.label = label;
    }

    /** The P2 byte that addresses this PIN. */
    public int p2() {
        return p2;
    }

    /** Human name used in messages: "user PIN", "SO-PIN". */
    public String label() {
        return label;
    }
}
