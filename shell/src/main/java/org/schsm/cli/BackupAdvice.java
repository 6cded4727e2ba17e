package org.schsm.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.schsm.hsm.DeviceStatus;
import org.schsm.hsm.DkekStatus;
import org.schsm.hsm.PinStatus;

/**
 * What {@code schsm doctor} adds when a device is at risk (the user PIN on its last try, or
 * blocked without reset, or the SO-PIN blocked): whether its keys can be backed up under the DKEK
 * and the commands for it (docs/recovery.md §8). Read from the status alone, so it spends nothing.
 * What it cannot know without the user PIN it says: the card decides per key, at WRAP KEY, whether
 * the key is exportable (a key whose algorithm list lacks WRAP is not).
 *
 * @param possible  true: back up now; false: no backup can be made now; empty: nothing to say
 * @param text      the explanation, one paragraph
 * @param commands  the commands, in order
 */
record BackupAdvice(Optional<Boolean> possible, String text, List<String> commands) {

    static Optional<BackupAdvice> of(DeviceStatus status, OptionalInt keys) {
        if (!status.initialized() || keys.orElse(1) == 0) {
            return Optional.empty();
        }
        PinStatus user = status.userPin();
        boolean resetDisabled = status.resetRetryCounterEnabled().map(enabled -> !enabled).orElse(false);
        boolean lastTry = user.state() == PinStatus.State.NOT_VERIFIED && user.triesLeft() == 1;
        boolean blockedForGood = user.isBlocked() && (resetDisabled || status.soPin().isBlocked());
        boolean soBlocked = status.soPin().isBlocked() && !user.isBlocked();
        if (!lastTry && !blockedForGood && !soBlocked) {
            return Optional.empty();
        }
        String what = keys.isPresent() ? keys.getAsInt() + (keys.getAsInt() == 1 ? " key" : " keys") : "the keys";
        Optional<DkekStatus> dkek = status.dkek().isAvailable() ? Optional.of(status.dkek().value()) : Optional.empty();
        if (blockedForGood) {
            List<String> restore = new ArrayList<>();
            String shares = dkek.filter(DkekStatus::isConfigured).map(d -> String.valueOf(d.totalShares())).orElse("N");
            restore.add("schsm init --force --dkek-shares " + shares);
            restore.add("schsm dkek import SHARE-FILE   (each share of the old DKEK)");
            restore.add("schsm restore BACKUP-DIR");
            return Optional.of(new BackupAdvice(Optional.of(false), "Backup: " + what + " cannot be backed up now: WRAP KEY"
                    + " needs the user PIN, which is blocked. A backup made earlier (schsm backup) is restored after"
                    + " the re-initialization, into a device initialized with the same DKEK shares"
                    + dkek.filter(DkekStatus::isConfigured).filter(DkekStatus::isComplete)
                            .map(d -> " (this device's DKEK has KCV " + d.keyCheckValue() + ")").orElse("") + ".",
                    restore));
        }
        String guard = lastTry ? " --force" : "";
        String why = lastTry ? "the user PIN has one try left: back up now, with the PIN you are sure of (the guard"
                + " asks for --force before it spends the last try)" : "the SO-PIN is blocked, so this device can never be"
                + " re-initialized: move the keys to a new device while the user PIN works";
        if (dkek.isEmpty()) {
            return Optional.of(new BackupAdvice(Optional.empty(), "Backup: " + why + ". The DKEK status could not be read,"
                    + " so whether the keys can be wrapped is unknown; schsm backup says.",
                    List.of("schsm dkek status", "schsm backup BACKUP-DIR" + guard)));
        }
        DkekStatus d = dkek.get();
        if (!d.isConfigured()) {
            return Optional.of(new BackupAdvice(Optional.of(false), "Backup: " + why + ", but " + what + " cannot be"
                    + " backed up: the device was initialized without DKEK shares (or with a DKEK of its own), so WRAP"
                    + " KEY has no key a user holds to wrap under. Keep using the keys; a re-initialization loses them.",
                    List.of()));
        }
        if (!d.isComplete()) {
            return Optional.of(new BackupAdvice(Optional.of(true), "Backup: " + why + ". The DKEK still misses "
                    + d.outstandingShares() + " of " + d.totalShares() + " shares: import them, then back up " + what
                    + ". The card decides per key whether it is exportable.",
                    List.of("schsm dkek import SHARE-FILE", "schsm backup BACKUP-DIR" + guard)));
        }
        return Optional.of(new BackupAdvice(Optional.of(true), "Backup: " + why + ". The DKEK is complete (KCV "
                + d.keyCheckValue() + "), so " + what + " can be wrapped; the card decides per key whether it is"
                + " exportable, and schsm backup lists any it refuses.",
                List.of("schsm backup BACKUP-DIR" + guard)));
    }

    /** For {@code doctor --json}: {@code possible} (true, false or null), {@code text}, {@code commands}. */
    com.google.gson.JsonObject toJson() {
        com.google.gson.JsonObject o = new com.google.gson.JsonObject();
        o.addProperty("possible", possible.orElse(null));
        o.addProperty("text", text);
        com.google.gson.JsonArray c = new com.google.gson.JsonArray();
        commands.forEach(c::add);
        o.add("commands", c);
        return o;
    }

    /** The block doctor prints after its findings. */
    String toText() {
        StringBuilder sb = new StringBuilder(text).append('\n');
        for (String c : commands) {
            sb.append("  ").append(c).append('\n');
        }
        return sb.toString();
    }
}
