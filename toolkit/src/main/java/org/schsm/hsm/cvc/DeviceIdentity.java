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
 * @param serialNumber empty when 2F02 could not be decoded
 * @param issuer       empty when 2F02 holds a single certificate
 */
public record DeviceIdentity(Optional<String> serialNumber, Optional<CvCertificate> device,
        Optional<CvCertificate> issuer, ChainVerdict verdict) {

    /** The file identifier of EF.C_DevAut. */
    public static final int EF_C_DEVAUT = 0x2F02;

    /** Decodes the content of 2F02 and judges the chain against {@code roots}. */
    public static DeviceIdentity of(byte[] efCDevAut, TrustedRoots roots) {
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
        Optional<String> serial;
        try {
            serial = Optional.of(device.serialNumber());
        } catch (CvcFormatException e) {
            serial = Optional.empty();
        }
        if (certificates.size() == 1) {
            return new DeviceIdentity(serial, Optional.of(device), Optional.empty(), selfSigned(device));
        }
        CvCertificate issuer = certificates.get(1);
        ChainVerdict verdict;
        try {
            verdict = chain(device, issuer, roots);
        } catch (CvcFormatException e) {
            verdict = new Broken(e.getMessage());
        }
        return new DeviceIdentity(serial, Optional.of(device), Optional.of(issuer), verdict);
    }

    /** No certificates to judge: the file could not be read ({@code reason} says why). */
    public static DeviceIdentity unreadable(String reason) {
        return broken(reason);
    }

    private static DeviceIdentity broken(String reason) {
        return new DeviceIdentity(Optional.empty(), Optional.empty(), Optional.empty(), new Broken(reason));
    }

    private static ChainVerdict selfSigned(CvCertificate device) {
        if (!device.isSelfSigned()) {
            return new Broken("EF 2F02 holds only the device certificate " + device.holderReference()
                    + "; the certificate of its issuer " + device.authorityReference().orElse("?") + " is missing");
        }
        try {
            if (CvcSignatures.verify(device.signedBody(), device.signature(), device.publicKey())) {
                return new SelfSigned(device.holderReference());
            }
            return new Broken("self-signed device certificate " + device.holderReference() + " does not verify");
        } catch (CvcFormatException e) {
            return new Broken("self-signed device certificate " + device.holderReference() + ": " + e.getMessage());
        }
    }

    private static ChainVerdict chain(CvCertificate device, CvCertificate issuer, TrustedRoots roots) {
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
            if (!CvcSignatures.verify(issuer.signedBody(), issuer.signature(), rootKey)) {
                return new Broken("issuer certificate " + issuerName + " does not verify with root " + rootName);
            }
        } else if (simulatorName && issuer.publicKey().hasDomainParameters()) {
            issuerKey = issuer.publicKey();
        } else {
            return new Broken("issuer certificate " + issuerName + " chains to root " + rootName
                    + ", which is neither one of CardContact's roots nor a known simulator root");
        }
        if (!issuerKey.hasDomainParameters()) {
            return new Broken("issuer certificate " + issuerName + " has no EC domain parameters to check with");
        }
        if (!CvcSignatures.verify(device.signedBody(), device.signature(), issuerKey)) {
            return new Broken("device certificate " + device.holderReference() + " does not verify with issuer "
                    + issuerName);
        }
        if (root.isPresent() && root.get().genuine()) {
            return new Genuine(rootName);
        }
        return new Simulated(rootName, root.isPresent());
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
