package org.schsm.hsm;

import java.util.Optional;
import org.schsm.apdu.StatusWord;

/**
 * Where a PIN value came from, when that place remembers how the card answered it: the secret
 * store of the CLI, which an unattended script reads night after night. If the PIN on the card
 * was changed, such a script would spend a try each night until the PIN blocks; so the
 * {@link SmartCardHsm} facade tells the origin when the card refused or accepted the value, and
 * the {@link BrickGuard} refuses to present a value whose origin was refused before, unless forced.
 */
public interface PinOrigin {
    /** What to call it in messages, never its value: {@code secret 'lab-user'}. */
    String describe();

    /** The PIN this value is for, when the origin knows it; a value made for the other PIN is refused. */
    Optional<PinReference> reference();

    /** Why and when the card refused this value before, or empty if it has not (or was accepted since). */
    Optional<String> refusedBefore();

    /** What to do about an earlier refusal, for the guard's message: {@code schsm secret update lab-user}. */
    String remedy();

    /** The card refused the value: 63Cx, or 6983 (blocked). */
    void refused(StatusWord statusWord);

    /** The card accepted the value (9000). */
    void accepted();
}
