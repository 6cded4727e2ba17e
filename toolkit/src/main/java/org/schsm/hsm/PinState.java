package org.schsm.hsm;

/** What a VERIFY without data says about a PIN (ref §3.2). */
public enum PinState {
    /** {@code 9000}: verified in this session. */
    VERIFIED,
    /** {@code 63Cx}: not verified, x tries left. */
    NOT_VERIFIED,
    /** {@code 6983} (or {@code 63C0}): no tries left. */
    BLOCKED,
    /** {@code 6984}: the user PIN is a transport PIN and must be changed first. */
    TRANSPORT_PIN,
    /** {@code 6A88}: the device was never initialized. */
    NOT_INITIALIZED,
    /** Any other status word, e.g. public-key authentication active (ref §6). */
    UNKNOWN
}
