package org.schsm.hsm;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;
import org.schsm.Advice;
import org.schsm.SchsmException;

/**
 * The brick guard refused a command before it was sent: it would spend a PIN's last try, be sent
 * to a blocked PIN, or erase keys. The first line of the message says what would happen; the
 * following lines say what it costs and how to force it. Nothing was sent except status queries.
 */
public class BrickGuardException extends SchsmException {

    public enum Reason {
        /** The PIN has exactly one try left; a wrong value blocks it. */
        LAST_TRY,
        /** The PIN is already blocked; the card would refuse even the right value. */
        BLOCKED,
        /** The command erases all keys, certificates and files (re-initialization). */
        ERASES_KEYS,
        /** The value comes from a place that recorded that the card refused it before (a stored secret). */
        REFUSED_BEFORE,
        /** The command deletes one key for good (DELETE FILE of a key). */
        DELETES_KEY
    }

    private final Set<Reason> reasons;

    public BrickGuardException(Advice message, Set<Reason> reasons) {
        super(message);
        this.reasons = Collections.unmodifiableSet(EnumSet.copyOf(reasons));
    }

    /** A refusal whose message names no remedy. */
    public BrickGuardException(String message, Set<Reason> reasons) {
        this(Advice.of(message), reasons);
    }

    public Set<Reason> reasons() {
        return reasons;
    }
}
