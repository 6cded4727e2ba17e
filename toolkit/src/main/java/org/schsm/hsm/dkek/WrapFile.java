package org.schsm.hsm.dkek;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.schsm.InvalidInputException;
import org.schsm.tlv.Tlv;
import org.schsm.tlv.TlvFormatException;
import org.schsm.tlv.TlvReader;
import org.schsm.tlv.TlvWriter;

/**
 * The file of {@code sc-hsm-tool --wrap-key} (keys.md §6.3): a SEQUENCE holding the key blob
 * as an OCTET STRING, then the content of {@code C4<id>} (the PrKD) and of {@code CE<id>} (the
 * certificate or CV request), each left out when the card had no such file.
 */
public record WrapFile(byte[] keyBlob, Optional<byte[]> privateKeyDescription, Optional<byte[]> certificate) {
    private static final int SEQUENCE = 0x30;
    private static final int OCTET_STRING = 0x04;

    public WrapFile {
        keyBlob = keyBlob.clone();
        privateKeyDescription = privateKeyDescription.map(byte[]::clone);
        certificate = certificate.map(byte[]::clone);
    }

    public static WrapFile decode(byte[] file) {
        Tlv outer;
        try {
            outer = TlvReader.readOne(file);
        } catch (TlvFormatException e) {
            throw new InvalidInputException("not an sc-hsm-tool wrap file: " + e.getMessage());
        }
        if (outer.tag() != SEQUENCE) {
            throw new InvalidInputException("not an sc-hsm-tool wrap file: it starts with " + Tlv.tagHex(outer.tag())
                    + ", not 30 (SEQUENCE)");
        }
        List<Tlv> parts = outer.children();
        if (parts.isEmpty() || parts.get(0).tag() != OCTET_STRING) {
            throw new InvalidInputException("not an sc-hsm-tool wrap file: the key blob (04) does not come first");
        }
        if (parts.size() > 3) {
            throw new InvalidInputException("sc-hsm-tool wrap file has " + parts.size()
                    + " parts; expected key blob, PrKD and certificate at most");
        }
        Optional<byte[]> prkd = parts.size() > 1 ? Optional.of(parts.get(1).encode()) : Optional.empty();
        Optional<byte[]> cert = parts.size() > 2 ? Optional.of(parts.get(2).encode()) : Optional.empty();
        return new WrapFile(parts.get(0).value(), prkd, cert);
    }

    public byte[] encode() {
        TlvWriter w = new TlvWriter().begin(SEQUENCE).add(OCTET_STRING, keyBlob);
        privateKeyDescription.ifPresent(p -> w.add(TlvReader.readOne(p)));
        certificate.ifPresent(c -> w.add(TlvReader.readOne(c)));
        return w.end().toByteArray();
    }

    public KeyBlob blob() {
        return KeyBlob.parse(keyBlob);
    }

    @Override
    public byte[] keyBlob() {
        return keyBlob.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WrapFile w && Arrays.equals(encode(), w.encode());
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(encode());
    }

    @Override
    public String toString() {
        return "WrapFile[blob " + keyBlob.length + " bytes" + privateKeyDescription.map(p -> ", PrKD").orElse("")
                + certificate.map(c -> ", certificate").orElse("") + "]";
    }
}
