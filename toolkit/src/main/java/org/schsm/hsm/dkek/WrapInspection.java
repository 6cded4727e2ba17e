package org.schsm.hsm.dkek;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.schsm.apdu.Hex;
import org.schsm.hsm.pkcs15.KeyType;
import org.schsm.hsm.cvc.AuthenticatedRequest;
import org.schsm.hsm.cvc.CvcFormatException;
import org.schsm.hsm.pkcs15.Pkcs15FormatException;
import org.schsm.hsm.pkcs15.PrivateKeyDescription;

/**
 * What a wrap file says without a card: the blob's KCV, key type and algorithms, the label and
 * size from the PrKD, the CV request's holder; and, when the DKEK is known (from its share files),
 * whether the MAC verifies and the key's real type and size from inside the blob.
 *
 * @param macVerified empty when no DKEK was given
 */
public record WrapInspection(String kcv, String blobKeyType, String defaultAlgorithm, String allowedAlgorithms,
        Optional<String> label, Optional<Integer> descriptionSizeBits, Optional<String> requestHolder,
        Optional<Boolean> macVerified, Optional<KeyType> keyType, Optional<Integer> keySizeBits) {

    public static WrapInspection of(WrapFile file, Optional<Dkek> dkek) {
        KeyBlob blob = file.blob();
        Optional<PrivateKeyDescription> prkd = Optional.empty();
        if (file.privateKeyDescription().isPresent()) {
            try {
                prkd = Optional.of(PrivateKeyDescription.decode(file.privateKeyDescription().get()));
            } catch (Pkcs15FormatException e) {
                prkd = Optional.empty();
            }
        }
        Optional<String> holder = Optional.empty();
        if (file.certificate().isPresent() && file.certificate().get()[0] == 0x67) {
            try {
                holder = Optional.of(AuthenticatedRequest.decode(file.certificate().get()).request().holderReference());
            } catch (CvcFormatException e) {
                holder = Optional.empty();
            }
        }
        Optional<Boolean> mac = Optional.empty();
        Optional<KeyType> type = Optional.empty();
        Optional<Integer> size = Optional.empty();
        if (dkek.isPresent()) {
            boolean ok = blob.matches(dkek.get()) && blob.macVerifies(dkek.get());
            mac = Optional.of(ok);
            if (ok) {
                try (KeyMaterial key = blob.open(dkek.get())) {
                    type = Optional.of(key.keyType());
                    size = Optional.of(key.sizeBits());
                }
            }
        }
        return new WrapInspection(blob.kcvHex(), blob.keyTypeName(), Hex.encode(blob.defaultAlgorithm()),
                Hex.encode(blob.allowedAlgorithms()), prkd.flatMap(PrivateKeyDescription::label),
                prkd.map(PrivateKeyDescription::sizeBits), holder, mac, type, size);
    }

    /** Lines for people. */
    public List<String> describe() {
        List<String> lines = new ArrayList<>();
        lines.add("Key blob KCV         : " + kcv);
        lines.add("Key type (blob)      : " + blobKeyType);
        lines.add("Default algorithm    : " + defaultAlgorithm);
        lines.add("Allowed algorithms   : " + (allowedAlgorithms.isEmpty() ? "(no restriction)" : allowedAlgorithms));
        label.ifPresent(l -> lines.add("Label                : " + l));
        descriptionSizeBits.ifPresent(s -> lines.add("Size (description)   : " + s + " bits"));
        requestHolder.ifPresent(h -> lines.add("CV request holder    : " + h));
        macVerified.ifPresentOrElse(
                ok -> lines.add("MAC                  : " + (ok ? "verified with the given DKEK" : "does NOT verify (wrong DKEK or altered blob)")),
                () -> lines.add("MAC                  : not checked (no DKEK share given)"));
        keyType.ifPresent(t -> lines.add("Key                  : " + t + " " + keySizeBits.orElse(0) + " bits"));
        return lines;
    }
}
