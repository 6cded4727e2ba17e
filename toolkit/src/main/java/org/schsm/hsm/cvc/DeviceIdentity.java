package org.schsm.hsm.cvc;

import java.util.List;
import java.util.Optional;
import org.schsm.hsm.cvc.ChainVerdict.Broken;
import org.schsm.hsm.cvc.ChainVerdict.Genuine;
import org.schsm.hsm.cvc.ChainVerdict.SelfSigned;
import org.schsm.hsm.cvc.ChainVerdict.Simulated;
import org.schsm.hsm.cvc.TrustedRoots.Root;

/**
 * Who the device says it is: EF.C_DevAut (2F02) holds the device CV certificate followed by the
 * certificate of its issuer (DICA), which a root signed (keys.md §7.1). The serial number is
 * the device CHR without its 5-character sequence number (§7.3).
 *
 * <p>The verdict checks every signature of the chain device &lt;- issuer &lt;- root, taking EC
 * domain parameters from the issuer or root where a certificate carries none (real device and
 * DICA certificates carry only the point). Dates are not checked: a device outlives its
 * certificate's validity, and OpenSC's chip authentication also turns the date check off
 * (keys.md §7.5).
 *
 * @param serialNumber   empty when 2F02 could not be decoded
 * @param issuer         empty when 2F02 holds a single certificate
 * @param checkedBefore  true when the signatures were not checked now because these exact
 *                       certificates verified against the same anchor before ({@link VerifiedChains})
 */
public record DeviceIdentity(Optional<String> serialNumber, Optional<CvCertificate> device,
        Optional<CvCertificate> issuer, ChainVerdict verdict, boolean checkedBefore) {

    /** The file identifier of EF.C_DevAut. */
    public static final int EF_C_DEVAUT = 0x2F02;

    /** Decodes the content of 2F02 and judges the chain against {@code roots}, every signature checked. */
    public static DeviceIdentity of(byte[] efCDevAut, TrustedRoots roots) {
        return of(efCDevAut, roots, VerifiedChains.none());
    }

    /**
     * The same, with the signature checks skipped for certificates that {@code verified} holds,
     * and remembered there when they verify now.
     */
    public static DeviceIdentity of(byte[] efCDevAut, TrustedRoots roots, VerifiedChains verified) {
        List<CvCertificate> certificates;
        try {
            certificates = CvCertificate.decodeAll(efCDevAut);
        } catch (CvcFormatException e) {
            return broken("EF 2F02 does not hold CV certificates: " + e.getMessage());
        }
        if (certificates.isEmpty()) {
            return broken("EF 2F02 is empty");
        }
        CvCertificate device = certificates.get(0);
        Optional<String> serial = serialOf(device);
        Signatures signatures = new Signatures(efCDevAut, verified);
        if (certificates.size() == 1) {
            ChainVerdict verdict = selfSigned(device, signatures);
            return new DeviceIdentity(serial, Optional.of(device), Optional.empty(), verdict, signatures.checkedBefore);
        }
        CvCertificate issuer = certificates.get(1);
        ChainVerdict verdict;
        try {
            verdict = chain(device, issuer, roots, signatures);
        } catch (CvcFormatException e) {
            verdict = new Broken(e.getMessage());
        }
        return new DeviceIdentity(serial, Optional.of(device), Optional.of(issuer), verdict, signatures.checkedBefore);
    }

    /**
     * Only the serial number: the device certificate decoded, no signature checked. For commands
     * that name a device (fleet selection, backup manifests, key requests) and show no verdict.
     */
    public static Optional<String> serialNumberOf(byte[] efCDevAut) {
        try {
            List<CvCertificate> certificates = CvCertificate.decodeAll(efCDevAut);
            return certificates.isEmpty() ? Optional.empty() : serialOf(certificates.get(0));
        } catch (CvcFormatException e) {
            return Optional.empty();
        }
    }

    /** The device certificate's serial number, empty when its CHR does not have the form of one. */
    private static Optional<String> serialOf(CvCertificate device) {
        try {
            return Optional.of(device.serialNumber());
        } catch (CvcFormatException e) {
            return Optional.empty();
        }
    }

    /**
     * The signature checks of one chain against one anchor: all of them are skipped when
     * {@link VerifiedChains} holds the chain and anchor, and the pair is remembered once all of
     * them verified.
     */
    private static final class Signatures {
        private final byte[] efCDevAut;
        private final VerifiedChains verified;
        private byte[] anchor;
        private boolean checkedBefore;

        Signatures(byte[] efCDevAut, VerifiedChains verified) {
            this.efCDevAut = efCDevAut;
            this.verified = verified;
        }

        /** Fixes the trust anchor, and whether this chain verified against it before. */
        void anchoredAt(CvPublicKey anchorKey) {
            anchor = anchorKey.point();
            checkedBefore = verified.contains(efCDevAut, anchor);
        }

        boolean verify(byte[] data, byte[] signature, CvPublicKey signer) {
            return checkedBefore || CvcSignatures.verify(data, signature, signer);
        }

        /** Every signature verified: remember it for the next run. */
        ChainVerdict allVerified(ChainVerdict verdict) {
            if (!checkedBefore) {
                verified.remember(efCDevAut, anchor);
            }
            return verdict;
        }
    }

    /** No certificates to judge: the file could not be read ({@code reason} says why). */
    public static DeviceIdentity unreadable(String reason) {
        return broken(reason);
    }

    private static DeviceIdentity broken(String reason) {
        return new DeviceIdentity(Optional.empty(), Optional.empty(), Optional.empty(), new Broken(reason), false);
    }

    private static ChainVerdict selfSigned(CvCertificate device, Signatures signatures) {
        if (!device.isSelfSigned()) {
            return new Broken("EF 2F02 holds only the device certificate " + device.holderReference()
                    + "; the certificate of its issuer " + device.authorityReference().orElse("?") + " is missing");
        }
        try {
            signatures.anchoredAt(device.publicKey());
            if (signatures.verify(device.signedBody(), device.signature(), device.publicKey())) {
                return signatures.allVerified(new SelfSigned(device.holderReference()));
            }
            return new Broken("self-signed device certificate " + device.holderReference() + " does not verify");
        } catch (CvcFormatException e) {
            return new Broken("self-signed device certificate " + device.holderReference() + ": " + e.getMessage());
        }
    }

    private static ChainVerdict chain(CvCertificate device, CvCertificate issuer, TrustedRoots roots, Signatures signatures) {
        String issuerName = issuer.holderReference();
        if (!device.authorityReference().orElse("").equals(issuerName)) {
            return new Broken("device certificate " + device.holderReference() + " names issuer "
                    + device.authorityReference().orElse("(none)") + " but the second certificate in 2F02 is "
                    + issuerName);
        }
        String rootName = issuer.authorityReference()
                .orElseThrow(() -> new CvcFormatException("issuer certificate " + issuerName + " names no root (42)"));
        Optional<Root> root = roots.find(rootName);
        boolean simulatorName = TrustedRoots.namesSimulator(rootName);
        CvPublicKey issuerKey;
        if (root.isPresent()) {
            CvPublicKey rootKey = root.get().publicKey();
            issuerKey = issuer.publicKey().withDomainOf(rootKey);
            signatures.anchoredAt(rootKey);
            if (!signatures.verify(issuer.signedBody(), issuer.signature(), rootKey)) {
                return new Broken("issuer certificate " + issuerName + " does not verify with root " + rootName);
            }
        } else if (simulatorName && issuer.publicKey().hasDomainParameters()) {
            issuerKey = issuer.publicKey();
            signatures.anchoredAt(issuerKey);
        } else {
            return new Broken("issuer certificate " + issuerName + " chains to root " + rootName
                    + ", which is neither one of CardContact's roots nor a known simulator root");
        }
        if (!issuerKey.hasDomainParameters()) {
            return new Broken("issuer certificate " + issuerName + " has no EC domain parameters to check with");
        }
        if (!signatures.verify(device.signedBody(), device.signature(), issuerKey)) {
            return new Broken("device certificate " + device.holderReference() + " does not verify with issuer "
                    + issuerName);
        }
        if (root.isPresent() && root.get().genuine()) {
            return signatures.allVerified(new Genuine(rootName));
        }
        return signatures.allVerified(new Simulated(rootName, root.isPresent()));
    }

    /** The device public key with domain parameters filled in from the chain, when known. */
    public Optional<CvPublicKey> devicePublicKey(TrustedRoots roots) {
        return device.map(d -> {
            CvPublicKey key = d.publicKey();
            if (issuer.isPresent()) {
                CvPublicKey issuerKey = issuer.get().publicKey();
                Optional<Root> root = issuer.get().authorityReference().flatMap(roots::find);
                if (root.isPresent()) {
                    issuerKey = issuerKey.withDomainOf(root.get().publicKey());
                }
                key = key.withDomainOf(issuerKey);
            }
            return key;
        });
    }
}
