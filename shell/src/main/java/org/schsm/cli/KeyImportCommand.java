package org.schsm.cli;

import java.nio.file.Path;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.schsm.InvalidInputException;
import org.schsm.hsm.dkek.Dkek;
import org.schsm.hsm.dkek.KeyBlob;
import org.schsm.hsm.dkek.KeyMaterial;
import org.schsm.hsm.dkek.PrivateKeyFiles;
import org.schsm.hsm.dkek.WrapFile;
import org.schsm.hsm.pkcs15.PrivateKeyDescription;
import org.schsm.secrets.SecretKind;
import org.schsm.session.ExitCode;
import org.schsm.session.PinSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code schsm key import}: brings a private key from outside (PEM, PKCS#8, PKCS#12; EC or RSA) onto
 * the card. The key blob is built on the host with the DKEK the share files combine to (keys.md
 * §6.2, the same layout the card writes), then sent with UNWRAP KEY, so the key never crosses the
 * card interface in clear; the PrKD follows (and the certificate of a PKCS#12 file), so OpenSC
 * lists the key. The DKEK is never shown and is cleared after the blob is made.
 */
@Command(name = "import", description = "Import a private key (PEM, PKCS#8 or PKCS#12; EC or RSA) under the DKEK"
        + " its share files give, with a description (and certificate) so OpenSC shows it (user PIN needed).")
final class KeyImportCommand implements Callable<Integer> {
    private static final SecureRandom RANDOM = new SecureRandom();

    @Spec
    CommandSpec spec;

    @Option(names = "--in", required = true, paramLabel = "FILE", description = "The private key: PEM, DER PKCS#8 or PKCS#12.")
    Path in;

    @Option(names = "--id", required = true, paramLabel = "N", description = "Key id 1..255 to import to.")
    int id;

    @Option(names = "--share", required = true, paramLabel = "FILE", description = "Every share file of the device's DKEK.")
    List<Path> shares = new ArrayList<>();

    @Option(names = "--password", paramLabel = "PASSWORD",
            description = "Share passwords, one per --share, in order: value, env:VAR, file:PATH, secret:NAME (default: prompt).")
    @org.schsm.Secret
    List<String> passwords = new ArrayList<>();

    @Option(names = "--key-password", paramLabel = "PASSWORD",
            description = "Password of an encrypted PEM or a PKCS#12 file: value, env:VAR, file:PATH, secret:NAME"
                    + " (default: prompt when the file needs one).")
    @org.schsm.Secret
    String keyPassword;

    @Option(names = "--label", paramLabel = "TEXT", description = "Label OpenSC and schsm keys show.")
    String label;

    @Option(names = "--force", description = "Replace an existing key at that id: it cannot come back unless wrapped.")
    boolean force;

    @Mixin
    UserPinOption pin;

    @Override
    public Integer call() {
        if (id < 1 || id > 0xFF) {
            throw new InvalidInputException("key id must be 1..255 (00 is the device key), not " + id);
        }
        PrivateKeyFiles key = readKey(DkekCommand.read(in));
        WrapFile file;
        PublicKey publicKey;
        String kind;
        try (Dkek dkek = DkekCommand.combine(spec, shares, passwords); KeyMaterial material = KeyMaterial.of(key.key())) {
            KeyBlob blob = KeyBlob.wrap(material, dkek, n -> {
                byte[] b = new byte[n];
                RANDOM.nextBytes(b);
                return b;
            });
            byte[] prkd = PrivateKeyDescription.forKey(material.keyType(), label,
                    PrivateKeyDescription.intrinsicId(material.keyType(), material.publicValue()), id,
                    material.sizeBits()).encode();
            file = new WrapFile(blob.encode(), Optional.of(prkd), key.certificate());
            publicKey = material.publicKey();
            kind = material.keyType() + " " + material.sizeBits() + " bits";
        }
        return CardWork.withUserPin(spec, pin.value, false, (hsm, out) -> {
            KeyTransfer.unwrap(hsm, id, file, force);
            out.println(String.format("Key %02X imported from %s: %s%s, DKEK KCV %s; public key SHA-256 %s", id,
                    in.getFileName(), kind, key.certificate().isPresent() ? " with its certificate" : "",
                    file.blob().kcvHex(), KeyTransfer.fingerprint(publicKey)));
            return ExitCode.OK;
        });
    }

    /** Reads the key; a file that needs a password and got none asks for one (or says how to give it). */
    private PrivateKeyFiles readKey(byte[] content) {
        if (keyPassword != null) {
            return readWith(content, PinSource.system().resolve(keyPassword, "key file password", "--key-password",
                    SecretKind.PASSWORD));
        }
        try {
            return PrivateKeyFiles.read(content, null);
        } catch (InvalidInputException needsPassword) {
            return readWith(content, PinSource.system().resolve(null, "key file password", "--key-password",
                    SecretKind.PASSWORD));
        }
    }

    private static PrivateKeyFiles readWith(byte[] content, char[] password) {
        try {
            return PrivateKeyFiles.read(content, password);
        } finally {
            Arrays.fill(password, '\0');
        }
    }
}
