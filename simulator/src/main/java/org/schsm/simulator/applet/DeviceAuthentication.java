package org.schsm.simulator.applet;

import javacard.framework.ISOException;
import javacard.security.Signature;

/**
 * What the card signs with its device authentication key {@code CC00}: the outer signature of
 * every authenticated CV request (ECDSA with SHA-256, plain r||s), whose outer CAR is the holder
 * reference (5F20) of the device certificate, the first CV certificate in EF.C_DevAut (2F02).
 */
final class DeviceAuthentication {
    private static final short TAG_CERTIFICATE = 0x7F21;
    private static final short TAG_BODY = 0x7F4E;
    private static final short TAG_CHR = 0x5F20;

    private final KeyStore keys;
    private final FileStore files;
    private final KeyObjects objects;
    private final Tlv tlv;
    private final Signature ecdsaSha256;

    DeviceAuthentication(KeyStore keys, FileStore files, KeyObjects objects, Tlv tlv) {
        this.keys = keys;
        this.files = files;
        this.objects = objects;
        this.tlv = tlv;
        ecdsaSha256 = Signature.getInstance(Signature.ALG_ECDSA_SHA_256, false);
    }

    /** 6A88 unless the card has a device key and a device certificate. */
    void requirePresent() {
        if (keys.find(KeyStore.DEVICE_KEY) == FileStore.NONE
                || files.find(FileAccess.FID_DEVICE_CERTIFICATE) == FileStore.NONE) {
            ISOException.throwIt(Sw.REFERENCED_DATA_NOT_FOUND);
        }
    }

    /** Appends {@code 42 <device CHR>} at {@code off} of {@code out}; returns the offset after it. */
    short appendOuterCar(byte[] out, short off) {
        short entry = files.find(FileAccess.FID_DEVICE_CERTIFICATE);
        byte[] a = files.array();
        short start = files.dataOffset(entry);
        short end = (short) (start + files.size(entry));
        tlv.require(a, start, end, TAG_CERTIFICATE);
        short certEnd = tlv.next();
        tlv.require(a, tlv.valueOffset(), certEnd, TAG_BODY);
        tlv.require(a, tlv.valueOffset(), tlv.next(), TAG_CHR);
        return Tlv.put(out, off, (short) 0x42, a, tlv.valueOffset(), tlv.valueLength());
    }

    /**
     * Signs {@code [off, off+len)} with the device key; writes {@code 5F37 <r||s>} at
     * {@code out}/{@code outOff} using {@code scratch} at {@code scratchOff} for the DER form.
     * Returns the offset after the signature object.
     */
    short appendSignature(byte[] data, short off, short len, byte[] out, short outOff, byte[] scratch,
            short scratchOff) {
        short entry = keys.find(KeyStore.DEVICE_KEY);
        try {
            ecdsaSha256.init(objects.loadEc(keys, entry), Signature.MODE_SIGN);
            short derLength = ecdsaSha256.sign(data, off, len, scratch, scratchOff);
            keys.component(entry, KeyStore.EC_N);
            return PlainSignature.append(scratch, scratchOff, derLength, keys.componentLength(), out, outOff);
        } finally {
            objects.clear();
        }
    }
}
