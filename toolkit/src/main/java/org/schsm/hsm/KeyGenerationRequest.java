package org.schsm.hsm;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.schsm.InvalidInputException;
import org.schsm.hsm.cvc.CvPublicKey;
import org.schsm.hsm.cvc.EcCurves;
import org.schsm.hsm.pkcs15.KeyType;
import org.schsm.tlv.TlvWriter;

/**
 * The data field of GENERATE ASYMMETRIC KEY PAIR (keys.md §2.1): the content of a CV request
 * body, as OpenSC and CardContact's hosts send it. 5F29 = 00, the inner CAR 42, the key template
 * 7F49 (EC: id-TA-ECDSA-SHA-256 with the domain parameters 81..85 and 87 at full field width and
 * no public point; RSA: id-TA-RSA-v1-5-SHA-256, exponent 82 and the size as a universal INTEGER
 * {@code 02 02 <bits>}), the CHR 5F20, then optionally the use counter 90, the algorithm list 91
 * and the key domain 92.
 *
 * @param holderReference CHR; OpenSC sends the device serial followed by {@code 00001}
 * @param algorithms      allowed algorithm ids (keys.md §3.1); empty array for no restriction
 */
public record KeyGenerationRequest(KeySpec spec, String authorityReference, String holderReference,
        Optional<Long> useCounter, byte[] algorithms, Optional<Integer> keyDomain) {

    /** The inner CAR OpenSC sends. */
    public static final String OPENSC_CAR = "UTCA00001";
    private static final byte[] RSA_EXPONENT = {0x01, 0x00, 0x01};

    public KeyGenerationRequest {
        algorithms = algorithms.clone();
        if (algorithms.length > 16) {
            throw new InvalidInputException("at most 16 allowed algorithms, not " + algorithms.length);
        }
        useCounter.ifPresent(c -> {
            if (c < 1 || c > 0xFFFFFFFFL) {
                throw new InvalidInputException("key use counter must be 1..4294967295, not " + c);
            }
        });
    }

    /** What OpenSC sends for a device with serial {@code serial}. */
    public static KeyGenerationRequest openScStyle(KeySpec spec, String serial) {
        return new KeyGenerationRequest(spec, OPENSC_CAR, serial + "00001", Optional.empty(), new byte[0],
                Optional.empty());
    }

    public byte[] encode() {
        TlvWriter w = new TlvWriter()
                .add(0x5F29, new byte[] {0})
                .add(0x42, authorityReference.getBytes(StandardCharsets.US_ASCII));
        w.add(org.schsm.tlv.TlvReader.readOne(publicKeyTemplate()));
        w.add(0x5F20, holderReference.getBytes(StandardCharsets.US_ASCII));
        useCounter.ifPresent(c -> w.add(0x90, new byte[] {(byte) (c >> 24), (byte) (c >> 16), (byte) (c >> 8),
            (byte) (long) c}));
        if (algorithms.length > 0) {
            w.add(0x91, algorithms);
        }
        keyDomain.ifPresent(d -> w.add(0x92, new byte[] {(byte) (int) d}));
        return w.toByteArray();
    }

    private byte[] publicKeyTemplate() {
        if (spec.type() == KeyType.RSA) {
            return new TlvWriter().begin(0x7F49)
                    .add(0x06, oid(CvPublicKey.ID_TA_RSA_V1_5_SHA_256))
                    .add(0x82, RSA_EXPONENT)
                    .add(0x02, new byte[] {(byte) (spec.bits() >> 8), (byte) spec.bits()})
                    .end().toByteArray();
        }
        CvPublicKey full = EcCurves.namedTemplate(CvPublicKey.ID_TA_ECDSA_SHA_256, spec.curve());
        TlvWriter w = new TlvWriter().begin(0x7F49).add(0x06, oid(CvPublicKey.ID_TA_ECDSA_SHA_256));
        full.parts().forEach((tag, value) -> {
            if (tag != 0x86) {
                w.add(tag, value);
            }
        });
        return w.end().toByteArray();
    }

    private static byte[] oid(String dotted) {
        return CvPublicKey.oidBytes(dotted);
    }
}
