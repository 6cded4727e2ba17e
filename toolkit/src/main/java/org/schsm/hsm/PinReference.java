package org.schsm.hsm;

/** The two PIN references of the SmartCard-HSM, as carried in P2 of VERIFY, CHANGE and RESET RETRY COUNTER. */
public enum PinReference {
    /** User PIN, P2 {@code 81}: the only login role; protects keys. */
    USER(0x81, "user PIN"),
    /** Security Officer PIN (initialization code), P2 {@code 88}: 8 bytes, 15 tries, never unblockable. */
    SO(0x88, "SO-PIN");

    private final int p2;
    private final String label;

    PinReference(int p2, String label) {
        this.p2 = p2;
        this.label = label;
    }

    public int p2() {
        return p2;
    }

    /** "user PIN" or "SO-PIN", for messages. */
    public String label() {
        return label;
    }
}
