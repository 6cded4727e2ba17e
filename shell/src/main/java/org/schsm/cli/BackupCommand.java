package org.schsm.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.schsm.InvalidInputException;
import org.schsm.apdu.StatusWordException;
import org.schsm.hsm.DkekStatus;
import org.schsm.hsm.KeyInfo;
import org.schsm.hsm.Pin;
import org.schsm.hsm.SmartCardHsm;
import org.schsm.hsm.dkek.WrapFile;
import org.schsm.session.ExitCode;
import org.schsm.session.PinSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code schsm backup DIR}: every key the card will wrap, as an sc-hsm-tool wrap file
 * ({@code key-<id>.wrap}), and {@code manifest.json} (docs/recovery.md). Nothing is sent before
 * the directory is known to be usable; the DKEK is checked before the PIN is verified, so a
 * device that cannot export spends no try. The manifest is written last: a backup cut short (full
 * disk) has none, and {@code schsm restore} refuses it.
 */
@Command(name = "backup", description = {"Back up every exportable key under the DKEK: one sc-hsm-tool wrap file per"
        + " key and manifest.json (device serial, DKEK KCV, per key id, label, type, size and public-key SHA-256;"
        + " keys the card will not wrap are listed with its reason). Files 0600, DIR 0700 (user PIN needed)."})
public final class BackupCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "DIR", description = "Directory for the backup; created if missing, must be empty.")
    Path dir;

    @Option(names = "--allow-non-empty", description = "Write into a directory that already holds files"
            + " (existing files are still never overwritten).")
    boolean allowNonEmpty;

    @Option(names = "--force", description = "Verify the PIN even when it has one try left (a wrong PIN then blocks it).")
    boolean force;

    @Mixin
    UserPinOption pin;

    @Override
    public Integer call() {
        checkDirectory();
        try (Pin value = new Secrets(PinSource.system()).userPin(pin.value, "user PIN", "--pin")) {
            return CardWork.open(spec, force, (hsm, out) -> backup(hsm, value, out));
        }
    }

    private int backup(SmartCardHsm hsm, Pin value, PrintWriter out) {
        DkekStatus dkek = exportableDkek(hsm);
        BackupManifest manifest = new BackupManifest();
        manifest.created = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        manifest.deviceSerial = hsm.serialNumber().orElse(null);
        manifest.dkekKcv = dkek.keyCheckValue();
        manifest.dkekShares = dkek.totalShares();
        List<KeyInfo> keys = hsm.keys();
        for (KeyInfo key : keys) {
            Path target = dir.resolve(BackupManifest.wrapFileName(key.id()));
            if (Files.exists(target)) {
                throw new InvalidInputException(target + " already exists; schsm does not overwrite wrap files");
            }
        }
        hsm.verify(value);
        DkekCommand.createPrivateDirectory(dir);
        for (KeyInfo key : keys) {
            WrapFile file;
            try {
                file = KeyTransfer.wrap(hsm, key.id());
            } catch (StatusWordException refused) {
                manifest.notExported.add(notExported(key, "the card refused WRAP KEY: " + refused.statusWord()));
                out.println(String.format("Key %s: NOT backed up, the card refused WRAP KEY: %s", key.idHex(),
                        refused.statusWord()));
                continue;
            }
            BackupManifest.Key entry = entry(key);
            DkekCommand.writePrivate(dir.resolve(entry.file), file.encode());
            manifest.keys.add(entry);
            out.println(String.format("Key %s: %s -> %s", key.idHex(), describe(key), entry.file));
        }
        DkekCommand.writePrivate(dir.resolve(BackupManifest.FILE_NAME), manifest.encode());
        out.println(String.format("%d of %d keys backed up to %s under the DKEK with KCV %s%s; manifest %s.",
                manifest.keys.size(), keys.size(), dir, dkek.keyCheckValue(),
                manifest.notExported.isEmpty() ? "" : " (" + manifest.notExported.size() + " not exportable, listed in the manifest)",
                BackupManifest.FILE_NAME));
        out.println("Keep the share files and their passwords apart from this directory: together they are the keys.");
        return ExitCode.OK;
    }

    /** Refuses (before the PIN) a device whose keys cannot leave it under a DKEK the user holds. */
    static DkekStatus exportableDkek(SmartCardHsm hsm) {
        DkekStatus dkek = hsm.dkekStatus().orElseThrow(() -> new InvalidInputException(
                "the device has no DKEK (initialized without --dkek-shares): its keys cannot be backed up"));
        if (!dkek.isConfigured()) {
            throw new InvalidInputException("the device's DKEK is its own random one (initialized with --dkek-shares 0):"
                    + " its keys cannot be backed up");
        }
        if (!dkek.isComplete()) {
            throw new InvalidInputException("the DKEK is incomplete (" + dkek.describe() + "); import the missing"
                    + " share(s) with 'schsm dkek import FILE' first");
        }
        return dkek;
    }

    /** Before the card: DIR must be a directory that is empty (or allowed not to be), or not exist yet. */
    private void checkDirectory() {
        if (!Files.exists(dir)) {
            return;
        }
        if (!Files.isDirectory(dir)) {
            throw new InvalidInputException(dir + " exists and is not a directory");
        }
        try (Stream<Path> entries = Files.list(dir)) {
            if (entries.findAny().isPresent() && !allowNonEmpty) {
                throw new InvalidInputException(dir + " is not empty; give an empty or new directory, or --allow-non-empty");
            }
        } catch (IOException e) {
            throw new InvalidInputException("cannot read " + dir + ": " + DkekCommand.reason(e));
        }
        if (Files.exists(dir.resolve(BackupManifest.FILE_NAME))) {
            throw new InvalidInputException(dir + " already holds a backup (" + BackupManifest.FILE_NAME
                    + "); schsm does not overwrite it");
        }
    }

    private static BackupManifest.Key entry(KeyInfo key) {
        BackupManifest.Key e = new BackupManifest.Key();
        e.id = key.id();
        e.file = BackupManifest.wrapFileName(key.id());
        e.label = key.label().orElse(null);
        e.type = key.type().map(Enum::name).orElse(null);
        e.size = key.sizeBits() > 0 ? key.sizeBits() : null;
        e.curve = key.curve().orElse(null);
        e.publicKeySha256 = KeyTransfer.publicKey(key).map(KeyTransfer::fingerprint).orElse(null);
        return e;
    }

    private static BackupManifest.NotExported notExported(KeyInfo key, String reason) {
        BackupManifest.NotExported n = new BackupManifest.NotExported();
        n.id = key.id();
        n.label = key.label().orElse(null);
        n.type = key.type().map(Enum::name).orElse(null);
        n.size = key.sizeBits() > 0 ? key.sizeBits() : null;
        n.reason = reason;
        return n;
    }

    static String describe(KeyInfo key) {
        return key.type().map(Enum::name).orElse("?") + " " + (key.sizeBits() > 0 ? key.sizeBits() + " bits" : "? bits")
                + key.curve().map(c -> " " + c).orElse("") + key.label().map(l -> " \"" + l + "\"").orElse("");
    }
}
