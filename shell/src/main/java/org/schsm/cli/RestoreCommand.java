package org.schsm.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.schsm.InvalidInputException;
import org.schsm.SchsmException;
import org.schsm.apdu.StatusWordException;
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
 * {@code schsm restore DIR}: puts the keys of a {@code schsm backup} directory back (docs/recovery.md).
 * Every wrap file is read and checked against the manifest before the card is opened; the
 * device's DKEK must have the manifest's KCV before the PIN is verified or anything is written;
 * an existing key is replaced only with {@code --force} (the brick guard); and each restored key's
 * public key is compared with the manifest's fingerprint. One report line per key.
 *
 * <p>Exit code: 0 when every key was restored; 4 (guard) when some were skipped because their id
 * is in use; 1 when some failed.
 */
@Command(name = "restore", description = {"Restore the keys of a 'schsm backup' directory: the device's DKEK KCV must"
        + " match the manifest before anything is sent; existing keys are replaced only with --force; each restored"
        + " key's public key is checked against the manifest (user PIN needed)."})
public final class RestoreCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "DIR", description = "A directory written by schsm backup.")
    Path dir;

    @Option(names = "--force", description = "Replace keys whose id is in use: those keys are lost unless wrapped.")
    boolean force;

    @Mixin
    UserPinOption pin;

    /** What became of one key. */
    enum Outcome { RESTORED, SKIPPED_EXISTS, FAILED }

    @Override
    public Integer call() {
        BackupManifest manifest = BackupManifest.read(dir);
        Map<BackupManifest.Key, WrapFile> files = new LinkedHashMap<>();
        for (BackupManifest.Key k : manifest.keys) {
            WrapFile file = WrapFile.decode(DkekCommand.read(dir.resolve(k.file)));
            if (!file.blob().kcvHex().equalsIgnoreCase(manifest.dkekKcv)) {
                throw new InvalidInputException(k.file + " is wrapped under the DKEK with KCV " + file.blob().kcvHex()
                        + ", the manifest says " + manifest.dkekKcv);
            }
            files.put(k, file);
        }
        try (Pin value = new Secrets(PinSource.system()).userPin(pin.value, "user PIN", "--pin")) {
            return CardWork.open(spec, false, (hsm, out) -> restore(hsm, value, manifest, files, out));
        }
    }

    private int restore(SmartCardHsm hsm, Pin value, BackupManifest manifest, Map<BackupManifest.Key, WrapFile> files,
            PrintWriter out) {
        KeyTransfer.requireDkek(hsm, manifest.dkekKcv);
        Optional<String> serial = hsm.serialNumber();
        if (manifest.deviceSerial != null && serial.isPresent() && !serial.get().equals(manifest.deviceSerial)) {
            out.println("note: the keys come from device " + manifest.deviceSerial + "; this is " + serial.get());
        }
        hsm.verify(value);
        List<Integer> listing = hsm.enumerateObjects();
        Map<BackupManifest.Key, String> problems = new LinkedHashMap<>();
        List<BackupManifest.Key> restored = new ArrayList<>();
        List<BackupManifest.Key> skipped = new ArrayList<>();
        for (Map.Entry<BackupManifest.Key, WrapFile> e : files.entrySet()) {
            int id = e.getKey().id;
            try {
                if (listing.contains(0xCC00 | id)) {
                    if (!force) {
                        skipped.add(e.getKey());
                        continue;
                    }
                    hsm.withForce().deleteKey(id);
                }
                KeyTransfer.store(hsm, id, e.getValue());
                restored.add(e.getKey());
            } catch (StatusWordException refused) {
                problems.put(e.getKey(), "the card refused " + refused.getMessage().replace(" refused by the card: ", ": "));
            } catch (SchsmException failed) {
                problems.put(e.getKey(), failed.getMessage());
            }
        }
        Map<Integer, KeyInfo> now = new LinkedHashMap<>();
        for (KeyInfo k : hsm.keys()) {
            now.put(k.id(), k);
        }
        int failed = 0;
        int ok = 0;
        for (BackupManifest.Key k : files.keySet()) {
            String id = String.format("%02X", k.id);
            if (skipped.contains(k)) {
                out.println("Key " + id + ": skipped-exists (a key with this id is on the device; --force replaces it)");
            } else if (problems.containsKey(k)) {
                failed++;
                out.println("Key " + id + ": failed (" + problems.get(k) + ")");
            } else {
                String check = checkPublicKey(k, now.get(k.id));
                if (check.startsWith("public key differs") || check.startsWith("not listed")) {
                    failed++;
                    out.println("Key " + id + ": failed (" + check + ")");
                } else {
                    ok++;
                    out.println("Key " + id + ": restored (" + check + ")");
                }
            }
        }
        for (BackupManifest.NotExported n : manifest.notExported) {
            out.println(String.format("Key %02X: not in the backup (%s)", n.id, n.reason));
        }
        out.println(String.format("%d restored, %d skipped, %d failed, of %d keys in %s.", ok, skipped.size(), failed,
                files.size(), dir));
        return failed > 0 ? ExitCode.CARD_REFUSED : skipped.isEmpty() ? ExitCode.OK : ExitCode.GUARD;
    }

    /** Compares the restored key's public key (as the card now shows it) with the manifest's fingerprint. */
    private static String checkPublicKey(BackupManifest.Key k, KeyInfo listed) {
        if (listed == null) {
            return "not listed on the device after UNWRAP KEY";
        }
        Optional<String> now = KeyTransfer.publicKey(listed).map(KeyTransfer::fingerprint);
        if (k.publicKeySha256 == null) {
            return "the manifest records no public key to compare";
        }
        if (now.isEmpty()) {
            return "no public key on the device to compare with the manifest";
        }
        if (!now.get().equalsIgnoreCase(k.publicKeySha256)) {
            return "public key differs from the manifest: SHA-256 " + now.get() + ", expected " + k.publicKeySha256;
        }
        return BackupCommand.describe(listed) + ", public key SHA-256 " + now.get().substring(0, 16) + "... matches";
    }
}
