package org.schsm.hsm;

import java.util.List;
import org.schsm.SchsmException;

/**
 * The API refused, before sending anything, a command that could block a PIN for good or erase
 * keys. The message's first line is the reason; {@link #details()} explains further.
 * {@link #forceWouldProceed()} is false when even force would not help (PIN already blocked).
 */
public class BrickGuardException extends SchsmException {
    private final String reason;
    private final List<String> details;
    private final boolean forceWouldProceed;

    public BrickGuardException(String reason, List<String> details, boolean forceWouldProceed) {
        super(details.isEmpty() ? reason : reason + "\n" + String.join("\n", details));
        this.reason = reason;
        this.details = List.copyOf(details);
        this.forceWouldProceed = forceWouldProceed;
    }

    /** The one-line reason (first line of the message). */
    public String reason() {
        return reason;
    }

    public List<String> details() {
        return details;
    }

    public boolean forceWouldProceed() {
        return forceWouldProceed;
    }
}
