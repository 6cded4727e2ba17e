package org.schsm.hsm;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.IntPredicate;
import org.schsm.hsm.cvc.AuthenticatedRequest;
import org.schsm.hsm.cvc.CvCertificate;
import org.schsm.hsm.cvc.CvPublicKey;
import org.schsm.hsm.cvc.CvcFormatException;
import org.schsm.hsm.pkcs15.KeyType;
import org.schsm.hsm.pkcs15.Pkcs15FormatException;
import org.schsm.hsm.pkcs15.PrivateKeyDescription;
import org.schsm.transport.CardTransport;

/**
 * Lists the keys on the card the way OpenSC's PKCS#15 emulation finds them (keys.md §1.2): one
 * ENUMERATE OBJECTS, then for every key {@code CC<id>} other than the device key {@code CC00}
 * its description {@code C4<id>} and its CV request or certificate {@code CE<id>}, each read
 * whole with one extended READ BINARY. A file the listing does not show is not read, so 50 keys
 * cost at most 1 + 2 x 50 APDUs. (pico-hsm never lists {@code CE} files; when the listing has no
 * {@code CE} file at all, {@code CE<id>} is read anyway, and a 6A82 answer means none.)
 */
final class KeyInventory {
    static final int PREFIX_KEY = 0xCC;
    static final int PREFIX_PRKD = 0xC4;
    static final int PREFIX_EE_CERTIFICATE = 0xCE;
    static final int DEVICE_KEY_ID = 0x00;

    private KeyInventory() {
    }

    static List<KeyInfo> list(CardTransport transport) {
        return describe(transport, ElementaryFiles.enumerateObjects(transport));
    }

    static List<KeyInfo> describe(CardTransport transport, List<Integer> fids) {
        return describe(transport, fids, id -> true);
    }

    /** Key {@code id} of the listing {@code fids}, reading only its own files (2 APDUs at most). */
    static Optional<KeyInfo> describeOne(CardTransport transport, List<Integer> fids, int id) {
        return describe(transport, fids, k -> k == id).stream().findFirst();
    }

    private static List<KeyInfo> describe(CardTransport transport, List<Integer> fids, IntPredicate wanted) {
        Set<Integer> present = new TreeSet<>(fids);
        boolean listsCertificates = fids.stream().anyMatch(f -> f >> 8 == PREFIX_EE_CERTIFICATE);
        List<KeyInfo> keys = new ArrayList<>();
        for (int fid : present) {
            if (fid >> 8 != PREFIX_KEY || (fid & 0xFF) == DEVICE_KEY_ID || !wanted.test(fid & 0xFF)) {
                continue;
            }
            int id = fid & 0xFF;
            byte[] prkd = present.contains(PREFIX_PRKD << 8 | id) ? readOptional(transport, PREFIX_PRKD << 8 | id) : null;
            byte[] ce = present.contains(PREFIX_EE_CERTIFICATE << 8 | id) || !listsCertificates
                    ? readOptional(transport, PREFIX_EE_CERTIFICATE << 8 | id) : null;
            keys.add(info(id, prkd, ce));
        }
        return keys;
    }

    /** Everything known about key {@code id} from the contents of its C4 and CE files (either may be null). */
    static KeyInfo info(int id, byte[] prkd, byte[] ce) {
        Optional<PrivateKeyDescription> description = Optional.empty();
        if (prkd != null && prkd.length > 0) {
            try {
                description = Optional.of(PrivateKeyDescription.decode(prkd));
            } catch (Pkcs15FormatException e) {
                description = Optional.empty();
            }
        }
        KeyInfo.Credential credential = KeyInfo.Credential.of(ce);
        Optional<CvPublicKey> publicKey = Optional.empty();
        Optional<KeyType> type = description.map(PrivateKeyDescription::type);
        int size = description.map(PrivateKeyDescription::sizeBits).orElse(0);
        Optional<String> curve = Optional.empty();
        try {
            if (credential == KeyInfo.Credential.CV_REQUEST) {
                publicKey = Optional.of(AuthenticatedRequest.decode(ce).request().publicKey());
            } else if (credential == KeyInfo.Credential.CV_CERTIFICATE) {
                publicKey = Optional.of(CvCertificate.decode(ce).publicKey());
            }
        } catch (CvcFormatException e) {
            publicKey = Optional.empty();
        }
        if (publicKey.isPresent()) {
            CvPublicKey key = publicKey.get();
            type = Optional.of(key.isEc() ? KeyType.EC : KeyType.RSA);
            if (key.sizeBits() > 0) {
                size = key.sizeBits();
            }
            curve = key.curveName();
        } else if (credential == KeyInfo.Credential.X509_CERTIFICATE) {
            X509Summary summary = X509Summary.of(ce);
            if (summary != null) {
                type = Optional.of(summary.type());
                size = summary.sizeBits();
                curve = summary.curve();
            }
        }
        return new KeyInfo(id, type, size, curve, description.flatMap(PrivateKeyDescription::label), publicKey,
                credential, Optional.ofNullable(ce), description, Optional.empty());
    }

    private static byte[] readOptional(CardTransport transport, int fid) {
        try {
            return ElementaryFiles.readBinary(transport, fid);
        } catch (FileNotFoundOnCardException e) {
            return null;
        }
    }
}
