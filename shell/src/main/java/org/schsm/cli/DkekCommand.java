package org.schsm.cli;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.schsm.InvalidInputException;
import org.schsm.hsm.DkekStatus;
import org.schsm.hsm.SmartCardHsm;
import org.schsm.hsm.dkek.Dkek;
import org.schsm.hsm.dkek.DkekShare;
import org.schsm.hsm.dkek.KdfProgress;
import org.schsm.hsm.dkek.NewShareFile;
import org.schsm.hsm.dkek.PasswordShares;
import org.schsm.hsm.dkek.ShareFile;
import org.schsm.hsm.dkek.WrapFile;
import org.schsm.hsm.dkek.WrapInspection;
import org.schsm.secrets.SecretKind;
import org.schsm.session.DryRunOption;
import org.schsm.session.ExitCode;
import org.schsm.session.FleetOptions;
import org.schsm.session.Json;
import org.schsm.session.PinSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code schsm dkek ...}: the DKEK status, and share files exactly as sc-hsm-tool writes them
 * (docs/keys.md, "DKEK shares"). Passwords are accepted like PINs (value, env:, file:, secret:, or
 * a prompt) and never printed.
 */
@Command(name = "dkek", description = "DKEK status, share files (sc-hsm-tool format) and wrap-file inspection.",
        subcommands = {DkekCommand.Status.class, DkekCommand.CreateShare.class, DkekCommand.ShowShare.class,
            DkekCommand.Import.class, DkekCommand.Reshare.class,
            DkekCommand.InspectWrap.class})
public final class DkekCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "status", description = "Shares, outstanding shares and the key check value; no PIN needed.")
    static final class Status implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--json", description = "Print as JSON.")
        boolean json;

        @Override
        public Integer call() {
            return CardWork.open(spec, false, (hsm, out) -> {
                print(out, hsm.dkekStatus(), json);
                return ExitCode.OK;
            });
        }
    }

    @Command(name = "create-share", description = "Write a new DKEK share file as sc-hsm-tool --create-dkek-share"
            + " does, all random bytes from the card's GET CHALLENGE; file mode 0600. No PIN needed.")
    static final class CreateShare implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "FILE", description = "The new share file (must not exist).")
        Path file;

        @Option(names = "--password", paramLabel = "PASSWORD",
                description = "At least 6 characters: value, env:VAR, file:PATH, secret:NAME (default: prompt twice).")
        @org.schsm.Secret
        String password;

        @Option(names = "--password-shares", paramLabel = "N",
                description = "Instead of a password: a random one split into N shares for N custodians (N >= 3).")
        Integer passwordShares;

        @Option(names = "--threshold", paramLabel = "T", description = "With --password-shares: how many shares rebuild the password.")
        Integer threshold;

        @Override
        public Integer call() {
            if (Files.exists(file)) {
                throw new InvalidInputException(file + " already exists; schsm does not overwrite share files");
            }
            if ((passwordShares == null) != (threshold == null)) {
                throw new InvalidInputException("--password-shares and --threshold go together");
            }
            if (passwordShares != null && password != null) {
                throw new InvalidInputException("give either --password or --password-shares, not both");
            }
            byte[] secret = passwordShares == null ? newPassword(password) : null;
            try {
                return CardWork.open(spec, false, (hsm, out) -> create(hsm, out, secret));
            } finally {
                if (secret != null) {
                    Arrays.fill(secret, (byte) 0);
                }
            }
        }

        private int create(SmartCardHsm hsm, PrintWriter out, byte[] secret) {
            NewShareFile made = secret != null
                    ? NewShareFile.withPassword(secret, hsm::getChallenge, progress(spec.commandLine().getErr()))
                    : NewShareFile.withPasswordShares(threshold, passwordShares, hsm::getChallenge,
                            progress(spec.commandLine().getErr()));
            try (DkekShare share = made.share()) {
                writePrivate(file, made.file());
                made.passwordShares().ifPresent(split -> {
                    Arrays.fill(split.password(), (byte) 0);
                    out.println("Give each custodian the prime, their share id and share value (sc-hsm-tool's form):");
                    for (PasswordShares.Share s : split.shares()) {
                        out.println();
                        out.println("Prime       : " + PasswordShares.formatHex(split.prime()));
                        out.println("Share ID    : " + s.id());
                        out.println("Share value : " + PasswordShares.formatHex(s.value()));
                    }
                    out.println();
                });
                out.println("DKEK share written to " + file + " (mode 0600); its key check value: " + share.kcvHex());
            }
            return ExitCode.OK;
        }
    }

    /** A new share password: given once, or typed twice at the prompt; at least 6 characters as sc-hsm-tool asks. */
    static byte[] newPassword(String spec) {
        PinSource source = PinSource.system();
        char[] first = source.resolve(spec, "new share password", "--password", SecretKind.PASSWORD);
        try {
            if (first.length < 6) {
                throw new InvalidInputException("the share password must have at least 6 characters, as sc-hsm-tool requires");
            }
            if (spec == null) {
                char[] again = source.resolve(null, "new share password again", "--password", SecretKind.PASSWORD);
                try {
                    if (!Arrays.equals(first, again)) {
                        throw new InvalidInputException("the two passwords differ");
                    }
                } finally {
                    Arrays.fill(again, '\0');
                }
            }
            return ShareFile.passwordBytes(first);
        } finally {
            Arrays.fill(first, '\0');
        }
    }

    @Command(name = "show-share", description = "The key check value of one share file; no card needed.")
    static final class ShowShare implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "FILE", description = "Share file written by sc-hsm-tool --create-dkek-share or schsm.")
        Path file;

        @Option(names = "--password", paramLabel = "PASSWORD", description = "value, env:VAR, file:PATH, secret:NAME (default: prompt).")
        @org.schsm.Secret
        String password;

        @Override
        public Integer call() {
            try (DkekShare share = open(spec, file, password)) {
                spec.commandLine().getOut().println("Share key check value: " + share.kcvHex());
                return ExitCode.OK;
            }
        }
    }

    @Command(name = "import", description = "Import one share file into the card (IMPORT DKEK SHARE), as"
            + " sc-hsm-tool --import-dkek-share does; no PIN needed.")
    static final class Import implements Callable<Integer> {
        /** --parallel and --dry-run, for a run over a reader set (org.schsm.fleet.FleetRun reads them). */
        @Mixin
        FleetOptions fleet;

        @Mixin
        DryRunOption dryRun;

        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "FILE", description = "Share file.")
        Path file;

        @Option(names = "--password", paramLabel = "PASSWORD", description = "value, env:VAR, file:PATH, secret:NAME (default: prompt).")
        @org.schsm.Secret
        String password;

        @Override
        public Integer call() {
            try (DkekShare share = open(spec, file, password)) {
                return CardWork.open(spec, false, (hsm, out) -> {
                    DkekStatus status = hsm.importDkekShare(share);
                    out.println("Share imported (share KCV " + share.kcvHex() + ").");
                    print(out, Optional.of(status), false);
                    return ExitCode.OK;
                });
            }
        }
    }

    @Command(name = "reshare", description = "Turn the share files of a DKEK into N new share files with new passwords"
            + " that combine to the same DKEK (same KCV), e.g. when custodians change. No card needed.")
    static final class Reshare implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--share", required = true, paramLabel = "FILE", description = "Every current share file of the DKEK.")
        java.util.List<Path> shares = new java.util.ArrayList<>();

        @Option(names = "--password", paramLabel = "PASSWORD", description = "Current share passwords, one per --share, in order (default: prompt).")
        @org.schsm.Secret
        java.util.List<String> passwords = new java.util.ArrayList<>();

        @Option(names = "--out", required = true, paramLabel = "DIR", description = "Directory for dkek-share-1.pbe ... (created if missing).")
        Path out;

        @Option(names = "--shares", required = true, paramLabel = "N", description = "How many new share files.")
        int count;

        @Option(names = "--new-password", paramLabel = "PASSWORD", description = "New passwords, one per new share, in order (default: prompt twice each).")
        @org.schsm.Secret
        java.util.List<String> newPasswords = new java.util.ArrayList<>();

        @Override
        public Integer call() {
            if (count < 1 || count > 255) {
                throw new InvalidInputException("--shares must be 1..255, not " + count);
            }
            java.util.List<Path> targets = new java.util.ArrayList<>();
            for (int i = 1; i <= count; i++) {
                Path target = out.resolve("dkek-share-" + i + ".pbe");
                if (Files.exists(target)) {
                    throw new InvalidInputException(target + " already exists; schsm does not overwrite share files");
                }
                targets.add(target);
            }
            java.util.List<DkekShare> fresh = java.util.List.of();
            try {
                java.security.SecureRandom random = new java.security.SecureRandom();
                try (Dkek dkek = combine(spec, shares, passwords)) {
                    fresh = dkek.reshare(count, n -> {
                        byte[] b = new byte[n];
                        random.nextBytes(b);
                        return b;
                    });
                    createPrivateDirectory(out);
                    for (int i = 0; i < count; i++) {
                        byte[] password = newPassword(i < newPasswords.size() ? newPasswords.get(i) : null);
                        try {
                            byte[] salt = new byte[8];
                            random.nextBytes(salt);
                            writePrivate(targets.get(i), ShareFile.encrypt(fresh.get(i), password, n -> salt.clone(),
                                    progress(spec.commandLine().getErr())));
                        } finally {
                            Arrays.fill(password, (byte) 0);
                        }
                    }
                    try (Dkek again = Dkek.combine(fresh)) {
                        spec.commandLine().getOut().println(count + " new share files in " + out + "; the DKEK's key check value"
                                + " stays " + again.kcvHex() + " (was " + dkek.kcvHex() + ")");
                    }
                }
            } finally {
                fresh.forEach(DkekShare::close);
            }
            return ExitCode.OK;
        }
    }


    @Command(name = "inspect-wrap", description = "What an sc-hsm-tool wrap file holds (KCV, key type, label); with"
            + " --share files also the MAC check and the key size. No card needed.")
    static final class InspectWrap implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "FILE", description = "Wrap file written by sc-hsm-tool --wrap-key.")
        Path file;

        @Option(names = "--share", paramLabel = "FILE", description = "A DKEK share file; give every share of the DKEK.")
        java.util.List<Path> shares = new java.util.ArrayList<>();

        @Option(names = "--password", paramLabel = "PASSWORD",
                description = "Share password (one per --share, in order): value, env:VAR, file:PATH, secret:NAME (default: prompt).")
        @org.schsm.Secret
        java.util.List<String> passwords = new java.util.ArrayList<>();

        @Override
        public Integer call() {
            WrapFile wrap = WrapFile.decode(read(file));
            Optional<Dkek> dkek = shares.isEmpty() ? Optional.empty() : Optional.of(combine(spec, shares, passwords));
            try {
                WrapInspection.of(wrap, dkek).describe().forEach(spec.commandLine().getOut()::println);
            } finally {
                dkek.ifPresent(Dkek::close);
            }
            return ExitCode.OK;
        }
    }

    static void print(PrintWriter out, Optional<DkekStatus> status, boolean json) {
        if (json) {
            JsonObject o = new JsonObject();
            o.addProperty("configured", status.isPresent());
            status.ifPresent(d -> {
                o.addProperty("shares", d.totalShares());
                o.addProperty("outstanding", d.outstandingShares());
                o.addProperty("keyCheckValue", d.isComplete() ? d.keyCheckValue() : null);
            });
            out.println(Json.GSON.toJson(o));
            return;
        }
        out.println(status.map(DkekStatus::describe).orElse("No DKEK: the device was initialized without DKEK shares."));
    }

    /** The DKEK of share files, each opened with its password (the i-th, or a prompt); the shares are cleared. */
    static Dkek combine(CommandSpec spec, java.util.List<Path> files, java.util.List<String> passwords) {
        java.util.List<DkekShare> opened = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < files.size(); i++) {
                opened.add(open(spec, files.get(i), i < passwords.size() ? passwords.get(i) : null));
            }
            return Dkek.combine(opened);
        } finally {
            opened.forEach(DkekShare::close);
        }
    }

    /** Reads and decrypts a share file, showing progress on a console while the key derivation runs. */
    static DkekShare open(CommandSpec spec, Path file, String passwordSpec) {
        byte[] content = read(file);
        ShareFile.checkFormat(content);
        char[] chars = PinSource.system().resolve(passwordSpec, "password of " + file.getFileName(), "--password",
                SecretKind.PASSWORD);
        byte[] password = ShareFile.passwordBytes(chars);
        Arrays.fill(chars, '\0');
        try {
            return ShareFile.decrypt(content, password, progress(spec.commandLine().getErr()));
        } finally {
            Arrays.fill(password, (byte) 0);
        }
    }

    /** A percentage on the console's error stream, rewritten in place; nothing when not on a terminal. */
    static KdfProgress progress(PrintWriter err) {
        if (System.console() == null) {
            return KdfProgress.NONE;
        }
        int[] last = {-1};
        return (done, total) -> {
            int percent = (int) (done * 100 / total);
            if (percent != last[0]) {
                last[0] = percent;
                err.print("\rDeriving the share key (3 x 10,000,000 MD5 rounds, as sc-hsm-tool): " + percent + "%");
                if (done == total) {
                    err.println();
                }
                err.flush();
            }
        };
    }

    static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new InvalidInputException("cannot read " + file + ": " + reason(e));
        }
    }

    /**
     * Writes a new file readable by its owner only (0600 from the first byte), refusing to overwrite
     * one, and forces it to disk so a full disk shows here and not later. A failure is one line
     * with the system's reason ("No space left on device", "Read-only file system").
     */
    static void writePrivate(Path file, byte[] content) {
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (FileAlreadyExistsException e) {
            throw new InvalidInputException(file + " already exists; schsm does not overwrite share or wrap files");
        } catch (IOException e) {
            throw new InvalidInputException("cannot write " + file + ": " + reason(e));
        }
        try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(file,
                java.nio.file.StandardOpenOption.WRITE)) {
            java.nio.ByteBuffer buffer = java.nio.ByteBuffer.wrap(content);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        } catch (IOException e) {
            try {
                Files.deleteIfExists(file);   // a half-written share or wrap file must not pass for a whole one
            } catch (IOException ignored) {
                // the reason below is what matters
            }
            throw new InvalidInputException("cannot write " + file + ": " + reason(e));
        }
    }

    /** A directory only its owner may enter (0700), created with its parents when missing. */
    static void createPrivateDirectory(Path dir) {
        try {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (FileAlreadyExistsException e) {
            throw new InvalidInputException("cannot create " + dir + ": a file of that name exists");
        } catch (IOException e) {
            throw new InvalidInputException("cannot create " + dir + ": " + reason(e));
        }
    }

    /** The system's reason for a failed file operation, without the stack: "No space left on device". */
    static String reason(IOException e) {
        if (e instanceof java.nio.file.FileSystemException fs && fs.getReason() != null) {
            return fs.getReason();
        }
        return org.schsm.secrets.PrivateFiles.reason(e);
    }
}
