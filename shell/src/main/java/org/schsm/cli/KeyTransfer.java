package org.schsm.cli;

import java.io.ByteArrayInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.util.Optional;
import org.schsm.InvalidInputException;
import org.schsm.apdu.Hex;
import org.schsm.hsm.DkekStatus;
import org.schsm.hsm.FileNotFoundOnCardException;
import org.schsm.hsm.KeyInfo;
import org.schsm.hsm.SmartCardHsm;
import org.schsm.hsm.dkek.WrapFile;

/**
 * Moving keys out of and into the card under the DKEK, shared by {@code key wrap|unwrap|import},
 * {@code backup} and {@code restore}: the sc-hsm-tool wrap file (blob, PrKD {@code C4<id>},
 * certificate or CV request {@code CE<id>}), the checks before anything changes, and the public
 * key fingerprint a backup manifest records.
 */
final class KeyTransfer {
    private static final int PREFIX_KEY = 0xCC00;
    private static final int PREFIX_PRKD = 0xC400;
    private static final int PREFIX_CERTIFICATE = 0xCE00;

    private KeyTransfer() {
    }

    /** WRAP KEY plus the key's description and certificate, as sc-hsm-tool --wrap-key collects them. */
    static WrapFile wrap(SmartCardHsm hsm, int id) {
        byte[] blob = hsm.wrapKey(id);
        return new WrapFile(blob, readOptional(hsm, PREFIX_PRKD | id), readOptional(hsm, PREFIX_CERTIFICATE | id));
    }

    private static Optional<byte[]> readOptional(SmartCardHsm hsm, int fid) {
        try {
            return Optional.of(hsm.readBinary(fid));
        } catch (FileNotFoundOnCardException absent) {
            return Optional.empty();
        }
    }

    /**
     * The device's DKEK must be complete and have the KCV {@code kcv}, or nothing may be sent: a
     * blob under another DKEK is refused by the card only after a forced replacement has already
     * deleted the old key.
     */
    static DkekStatus requireDkek(SmartCardHsm hsm, String kcv) {
        DkekStatus status = hsm.dkekStatus().orElseThrow(() -> new InvalidInputException(
                "the device has no DKEK; initialize it with --dkek-shares and import the shares of KCV " + kcv));
        if (!status.isComplete()) {
            throw new InvalidInputException("the device's DKEK is incomplete (" + status.describe() + ")");
        }
        if (!kcv.equalsIgnoreCase(status.keyCheckValue())) {
            throw new InvalidInputException("the key was wrapped under the DKEK with KCV " + kcv + ", the device has "
                    + status.keyCheckValue());
        }
        return status;
    }

    /** True when key {@code id} (EF {@code CC<id>}) is on the card. */
    static boolean exists(SmartCardHsm hsm, int id) {
        return hsm.enumerateObjects().contains(PREFIX_KEY | id);
    }

    /**
     * Checks the blob's KCV against the device's DKEK, deletes an existing key only through the
     * brick guard (forced by {@code force}), then UNWRAP KEY and the description and certificate as
     * sc-hsm-tool writes them.
     */
    static void unwrap(SmartCardHsm hsm, int id, WrapFile file, boolean force) {
        requireDkek(hsm, file.blob().kcvHex());
        if (exists(hsm, id)) {
            (force ? hsm.withForce() : hsm).deleteKey(id);
        }
        store(hsm, id, file);
    }

    /** UNWRAP KEY, then the PrKD and certificate; the caller has checked the DKEK and that the id is free. */
    static void store(SmartCardHsm hsm, int id, WrapFile file) {
        hsm.unwrapKey(id, file.keyBlob());
        file.privateKeyDescription().ifPresent(prkd -> hsm.updateBinary(PREFIX_PRKD | id, prkd));
        file.certificate().ifPresent(cert -> hsm.updateBinary(PREFIX_CERTIFICATE | id, cert));
    }

    /**
     * The key's public key as the card shows it: from the CV request or CV certificate in
     * {@code CE<id>}, or from an X.509 certificate there; empty when {@code CE<id>} holds neither.
     */
    static Optional<PublicKey> publicKey(KeyInfo key) {
        if (key.publicKey().isPresent()) {
            return Optional.of(key.jcaPublicKey());
        }
        if (key.credential() == KeyInfo.Credential.X509_CERTIFICATE && key.credentialBytes().isPresent()) {
            try {
                return Optional.of(CertificateFactory.getInstance("X.509")
                        .generateCertificate(new ByteArrayInputStream(key.credentialBytes().get())).getPublicKey());
            } catch (CertificateException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** SHA-256 of the DER SubjectPublicKeyInfo, as {@code openssl pkey -pubin -outform DER | sha256sum} shows it. */
    static String fingerprint(PublicKey key) {
        try {
            return Hex.encode(MessageDigest.getInstance("SHA-256").digest(key.getEncoded())).toLowerCase();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
