package org.schsm.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.schsm.InvalidInputException;
import org.schsm.hsm.KeyInfo;
import org.schsm.hsm.KeySigning;
import org.schsm.hsm.KeySpec;
import org.schsm.hsm.dkek.WrapFile;
import org.schsm.session.DryRunOption;
import org.schsm.session.ExitCode;
import org.schsm.session.FleetOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code schsm key ...}: generate, sign with, show and delete one key (docs/keys.md). */
@Command(name = "key", description = "Generate, sign with, show the public key of, delete, wrap, unwrap or import one key.",
        subcommands = {KeyCommand.Generate.class, KeyCommand.Sign.class, KeyCommand.Public.class, KeyCommand.Delete.class,
                KeyCommand.Wrap.class, KeyCommand.Unwrap.class, KeyImportCommand.class,
                DkekCommand.InspectWrap.class})
public final class KeyCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "generate", description = "Generate a key pair on the card and label it as OpenSC does (user PIN needed).")
    static final class Generate implements Callable<Integer> {
        /** --parallel and --dry-run, for a run over a reader set (org.schsm.fleet.FleetRun reads them). */
        @Mixin
        FleetOptions fleet;

        @Mixin
        DryRunOption dryRun;

        @Spec
        CommandSpec spec;

        @Option(names = "--type", required = true, paramLabel = "TYPE",
                description = "ec:secp256r1, ec:brainpoolP256r1, ... or rsa:2048.")
        String type;

        @Option(names = "--id", paramLabel = "N", description = "Key id 1..255 (default: the lowest free one).")
        int id;

        @Option(names = "--label", paramLabel = "TEXT", description = "Label OpenSC and schsm keys show.")
        String label;

        @Mixin
        UserPinOption pin;

        @Override
        public Integer call() {
            KeySpec keySpec = KeySpec.parse(type);
            return CardWork.withUserPin(spec, pin.value, false, (hsm, out) -> {
                KeyInfo key = hsm.generateKeyPair(id, keySpec, label);
                out.println(String.format("Generated key %s: %s %d bits%s%s", key.idHex(),
                        key.type().map(Enum::name).orElse("?"), key.sizeBits(), key.curve().map(c -> " " + c).orElse(""),
                        key.label().map(l -> ", label \"" + l + "\"").orElse("")));
                return ExitCode.OK;
            });
        }
    }

    @Command(name = "sign", description = "Sign a file: SHA-256 (or --alg) with the key's natural scheme; ECDSA"
            + " signatures are DER, as openssl dgst -verify expects (user PIN needed).")
    static final class Sign implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--id", required = true, paramLabel = "N", description = "Key id.")
        int id;

        @Option(names = "--alg", paramLabel = "HASH", description = "sha1, sha256 (default), sha384 or sha512.")
        String alg = "sha256";

        @Option(names = "--in", required = true, paramLabel = "FILE", description = "The message to sign.")
        Path in;

        @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where the signature goes.")
        Path out;

        @Mixin
        UserPinOption pin;

        @Override
        public Integer call() {
            String hash = KeySigning.hashName(alg);
            byte[] message = DkekCommand.read(in);
            return CardWork.withUserPin(spec, pin.value, false, (hsm, printer) -> {
                byte[] signature = hsm.sign(id, hash, message);
                write(out, signature);
                printer.println("Signature of " + signature.length + " bytes written to " + out);
                return ExitCode.OK;
            });
        }
    }

    @Command(name = "public", description = "Show a key's public key from its CV request; --pem prints it as a PEM"
            + " SubjectPublicKeyInfo. No PIN needed.")
    static final class Public implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--id", required = true, paramLabel = "N", description = "Key id.")
        int id;

        @Option(names = "--pem", description = "Print the public key as PEM.")
        boolean pem;

        @Override
        public Integer call() {
            return CardWork.open(spec, false, (hsm, out) -> {
                KeyInfo key = hsm.key(id);
                if (pem) {
                    out.print(key.publicKeyPem());
                    out.flush();
                } else {
                    out.println(String.format("Key %s: %s %d bits%s", key.idHex(), key.type().map(Enum::name).orElse("?"),
                            key.sizeBits(), key.curve().map(c -> " " + c).orElse("")));
                    out.println("SubjectPublicKeyInfo: " + org.schsm.apdu.Hex.encode(key.jcaPublicKey().getEncoded()));
                }
                return ExitCode.OK;
            });
        }
    }

    @Command(name = "delete", description = "Delete a key with its description and certificate; irreversible, so"
            + " --force is needed (user PIN needed).")
    static final class Delete implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--id", required = true, paramLabel = "N", description = "Key id.")
        int id;

        @Option(names = "--force", description = "Really delete: a key that was not wrapped cannot come back.")
        boolean force;

        @Mixin
        UserPinOption pin;

        @Override
        public Integer call() {
            return CardWork.withUserPin(spec, pin.value, false, (hsm, out) -> {
                (force ? hsm.withForce() : hsm).deleteKey(id);
                out.println(String.format("Key %02X deleted.", id));
                return ExitCode.OK;
            });
        }
    }

    @Command(name = "wrap", description = "Export a key as an sc-hsm-tool wrap file (key blob under the DKEK, its"
            + " description and certificate); the DKEK must be complete. File mode 0600, never overwritten (user PIN needed).")
    static final class Wrap implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--id", required = true, paramLabel = "N", description = "Key id.")
        int id;

        @Option(names = "--out", required = true, paramLabel = "FILE", description = "The wrap file to create.")
        Path out;

        @Mixin
        UserPinOption pin;

        @Override
        public Integer call() {
            // Refused before the card is touched: an existing file may be the only copy of another key.
            if (Files.exists(out)) {
                throw new InvalidInputException(out + " already exists; schsm does not overwrite share or wrap files");
            }
            return CardWork.withUserPin(spec, pin.value, false, (hsm, printer) -> {
                WrapFile file = KeyTransfer.wrap(hsm, id);
                DkekCommand.writePrivate(out, file.encode());
                printer.println(String.format("Key %02X wrapped to %s (mode 0600): %s, DKEK KCV %s", id, out,
                        file.blob().keyTypeName(), file.blob().kcvHex()));
                return ExitCode.OK;
            });
        }
    }

    @Command(name = "unwrap", description = "Import a key from an sc-hsm-tool wrap file under the same DKEK, with its"
            + " description and certificate so OpenSC shows it; an existing key at that id is replaced only with --force"
            + " (user PIN needed).")
    static final class Unwrap implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--in", required = true, paramLabel = "FILE", description = "The wrap file.")
        Path in;

        @Option(names = "--id", required = true, paramLabel = "N", description = "Key id to import to.")
        int id;

        @Option(names = "--force", description = "Delete an existing key at that id first: it cannot come back unless wrapped.")
        boolean force;

        @Mixin
        UserPinOption pin;

        @Override
        public Integer call() {
            WrapFile file = WrapFile.decode(DkekCommand.read(in));
            String kcv = file.blob().kcvHex();
            return CardWork.withUserPin(spec, pin.value, false, (hsm, out) -> {
                KeyTransfer.unwrap(hsm, id, file, force);
                out.println(String.format("Key %02X unwrapped from %s: %s, DKEK KCV %s", id, in,
                        file.blob().keyTypeName(), kcv));
                return ExitCode.OK;
            });
        }
    }

    private static void write(Path path, byte[] data) {
        try {
            Files.write(path, data);
        } catch (IOException e) {
            throw new InvalidInputException("cannot write " + path + ": " + e.getClass().getSimpleName());
        }
    }
}
