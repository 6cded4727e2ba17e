package org.schsm.hsm;

/** How urgent a {@link Finding} is, in increasing order. */
public enum Severity {
    /** Nothing to do. */
    OK,
    /** Worth knowing; no risk now. */
    INFO,
    /** Act soon: tries were spent or a setup step is pending. */
    WARNING,
    /** One mistake (or none) from losing keys or the device; or already lost. */
    CRITICAL
}
