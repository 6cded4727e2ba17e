package org.schsm.secrets;

import java.io.PrintWriter;
import java.util.Optional;
import org.schsm.InvalidInputException;
import org.schsm.apdu.StatusWord;
import org.schsm.hsm.PinOrigin;
import org.schsm.hsm.PinReference;

/**
 * The origin of a value read from the store: the toolkit reports the card's answer to it, and it
 * records a refusal in the store (and forgets it when the card accepts the value again), so the
 * brick guard can refuse the next night's run instead of spending another try.
 */
final class StoredPin implements PinOrigin {
    private final SecretStore store;
    private final String name;
    private final SecretKind kind;
    private final SecretStore.Entry entry;
    private final PrintWriter warnings;

    StoredPin(SecretStore store, SecretStore.Entry entry, PrintWriter warnings) {
        this.store = store;
        this.name = entry.name();
        this.kind = entry.kind();
        this.entry = entry;
        this.warnings = warnings;
    }

    @Override
    public String describe() {
        return "secret '" + name + "'";
    }

    @Override
    public Optional<PinReference> reference() {
        return kind.reference();
    }

    @Override
    public Optional<String> refusedBefore() {
        return entry.refused().map(when -> "the card refused " + describe() + " at " + when
                + entry.refusedWith().map(sw -> " (" + sw + ")").orElse("")
                + "; the PIN on the card has probably been changed since it was stored");
    }

    @Override
    public String remedy() {
        return "Store the current value with `schsm secret update " + name + "`, or";
    }

    @Override
    public void refused(StatusWord statusWord) {
        record(() -> store.markRefused(name, statusWord.toString()));
    }

    @Override
    public void accepted() {
        if (entry.refused().isPresent()) {
            record(() -> store.clearRefused(name));
        }
    }

    /** A store that cannot be written must not hide the card's answer: warn and go on. */
    private void record(Runnable change) {
        try {
            change.run();
        } catch (InvalidInputException e) {
            if (warnings != null) {
                warnings.println("warning: " + describe() + ": the card's answer was not recorded: " + e.getMessage());
                warnings.flush();
            }
        }
    }
}
