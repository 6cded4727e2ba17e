package org.schsm.conformance;

/** Thrown by {@code skip 'reason'}: the case does not apply to this card; nothing failed. */
public final class CaseSkippedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CaseSkippedException(String reason) {
        super(reason);
    }
}
