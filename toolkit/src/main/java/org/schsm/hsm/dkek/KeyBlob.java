package org.schsm.hsm.dkek;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.macs.CMac;
import org.bouncycastle.crypto.modes.CBCBlockCipher;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;
import org.schsm.apdu.Hex;

/**
 * A key wrapped under the DKEK, as WRAP KEY answers and UNWRAP KEY takes (keys.md §6.2, checked
 * against a real Nitrokey HSM blob): KCV of the DKEK (8), key type (1), then four fields each
 * with a 2-byte length: default algorithm OID, allowed algorithm ids, access conditions and key
 * OID; then the AES-256-CBC ciphertext (zero IV, key Kenc) of the key material; then an
 * AES-CMAC (key Kmac) over everything before it.
 */
public record KeyBlob(byte[] kcv, int keyType, byte[] defaultAlgorithm, byte[] allowedAlgorithms,
        byte[] accessConditions, byte[] keyOid, byte[] ciphertext, byte[] mac) {

    public static final int TYPE_RSA = 0x05;
    public static final int TYPE_RSA_CRT = 0x06;
    public static final int TYPE_EC = 0x0C;
    public static final int TYPE_AES = 0x0F;
    static final int BLOCK = 16;
    private static final int KCV = 8;

    public KeyBlob {
        kcv = kcv.clone();
        defaultAlgorithm = defaultAlgorithm.clone();
        allowedAlgorithms = allowedAlgorithms.clone();
        accessConditions = accessConditions.clone();
        keyOid = keyOid.clone();
        ciphertext = ciphertext.clone();
        mac = mac.clone();
    }

    /** Splits a blob into its fields; checks only the layout. */
    public static KeyBlob parse(byte[] blob) {
        ByteBuffer in = ByteBuffer.wrap(blob);
        if (blob.length < KCV + 1 + 8 + BLOCK + BLOCK) {
            throw new KeyBlobException("key blob of " + blob.length + " bytes is too short to hold a key");
        }
        byte[] kcv = take(in, KCV);
        int type = in.get() & 0xFF;
        byte[] algorithm = field(in, "default algorithm");
        byte[] allowed = field(in, "allowed algorithms");
        byte[] access = field(in, "access conditions");
        byte[] oid = field(in, "key OID");
        int cipherLength = in.remaining() - BLOCK;
        if (cipherLength <= 0 || cipherLength % BLOCK != 0) {
            throw new KeyBlobException("key blob's encrypted part is " + cipherLength
                    + " bytes; it must be a positive multiple of 16 followed by a 16-byte MAC");
        }
        byte[] cipher = take(in, cipherLength);
        byte[] mac = take(in, BLOCK);
        return new KeyBlob(kcv, type, algorithm, allowed, access, oid, cipher, mac);
    }

    public byte[] encode() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(signedPart());
        out.writeBytes(mac);
        return out.toByteArray();
    }

    /** Everything the CMAC covers: the header and the ciphertext. */
    byte[] signedPart() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(kcv);
        out.write(keyType);
        for (byte[] f : new byte[][] {defaultAlgorithm, allowedAlgorithms, accessConditions, keyOid}) {
            out.write(f.length >> 8);
            out.write(f.length);
            out.writeBytes(f);
        }
        out.writeBytes(ciphertext);
        return out.toByteArray();
    }

    public String kcvHex() {
        return Hex.encode(kcv);
    }

    /** {@code RSA}, {@code RSA-CRT}, {@code EC}, {@code AES} or the number. */
    public String keyTypeName() {
        return switch (keyType) {
            case TYPE_RSA -> "RSA";
            case TYPE_RSA_CRT -> "RSA-CRT";
            case TYPE_EC -> "EC";
            case TYPE_AES -> "AES";
            default -> "type " + Hex.byteHex(keyType);
        };
    }

    /** True when the blob was made with this DKEK (its KCV matches). */
    public boolean matches(DkekSecret dkek) {
        return Arrays.equals(kcv, dkek.kcv());
    }

    /** True when the CMAC over the blob verifies with Kmac of {@code dkek}. */
    public boolean macVerifies(Dkek dkek) {
        byte[] expected = cmac(dkek, signedPart());
        return java.security.MessageDigest.isEqual(expected, mac);
    }

    /**
     * Checks KCV and CMAC, then decrypts the key material.
     *
     * @throws KeyBlobException wrong DKEK, altered blob, or bad content
     */
    public KeyMaterial open(Dkek dkek) {
        if (!matches(dkek)) {
            throw new KeyBlobException("key blob was wrapped under the DKEK with KCV " + kcvHex()
                    + ", not under this one (KCV " + dkek.kcvHex() + ")");
        }
        if (!macVerifies(dkek)) {
            throw new KeyBlobException("key blob's MAC does not verify: it was altered or is damaged");
        }
        byte[] key = dkek.encryptionKey();
        byte[] plain = new byte[ciphertext.length];
        try {
            org.bouncycastle.crypto.modes.CBCModeCipher cbc = CBCBlockCipher.newInstance(AESEngine.newInstance());
            cbc.init(false, new ParametersWithIV(new KeyParameter(key), new byte[BLOCK]));
            for (int i = 0; i < ciphertext.length; i += BLOCK) {
                cbc.processBlock(ciphertext, i, plain, i);
            }
            return KeyMaterial.decode(keyType, plain);
        } finally {
            Arrays.fill(key, (byte) 0);
            Arrays.fill(plain, (byte) 0);
        }
    }

    /**
     * Wraps {@code material} under {@code dkek} as the card does: 8 random bytes from
     * {@code random} first, {@code 80 00..} padding always, then encryption and MAC.
     */
    public static KeyBlob wrap(KeyMaterial material, Dkek dkek, RandomSource random) {
        byte[] body = material.encode(random.bytes(8));
        int padded = (body.length / BLOCK + 1) * BLOCK;
        byte[] plain = Arrays.copyOf(body, padded);
        plain[body.length] = (byte) 0x80;
        Arrays.fill(body, (byte) 0);
        byte[] key = dkek.encryptionKey();
        byte[] cipher = new byte[padded];
        try {
            org.bouncycastle.crypto.modes.CBCModeCipher cbc = CBCBlockCipher.newInstance(AESEngine.newInstance());
            cbc.init(true, new ParametersWithIV(new KeyParameter(key), new byte[BLOCK]));
            for (int i = 0; i < padded; i += BLOCK) {
                cbc.processBlock(plain, i, cipher, i);
            }
        } finally {
            Arrays.fill(key, (byte) 0);
            Arrays.fill(plain, (byte) 0);
        }
        KeyBlob unsigned = new KeyBlob(dkek.kcv(), material.blobType(), material.defaultAlgorithm(), new byte[0],
                new byte[0], new byte[0], cipher, new byte[BLOCK]);
        return new KeyBlob(unsigned.kcv, unsigned.keyType, unsigned.defaultAlgorithm, unsigned.allowedAlgorithms,
                unsigned.accessConditions, unsigned.keyOid, cipher, cmac(dkek, unsigned.signedPart()));
    }

    private static byte[] cmac(Dkek dkek, byte[] data) {
        byte[] key = dkek.macKey();
        try {
            CMac mac = new CMac(AESEngine.newInstance());
            mac.init(new KeyParameter(key));
            mac.update(data, 0, data.length);
            byte[] out = new byte[mac.getMacSize()];
            mac.doFinal(out, 0);
            return out;
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    private static byte[] field(ByteBuffer in, String name) {
        if (in.remaining() < 2) {
            throw new KeyBlobException("key blob ends before its " + name + " field");
        }
        int length = in.getShort() & 0xFFFF;
        if (length > in.remaining()) {
            throw new KeyBlobException("key blob's " + name + " field announces " + length + " bytes but only "
                    + in.remaining() + " remain");
        }
        return take(in, length);
    }

    private static byte[] take(ByteBuffer in, int n) {
        byte[] out = new byte[n];
        in.get(out);
        return out;
    }

    @Override
    public String toString() {
        return "KeyBlob[" + keyTypeName() + ", KCV " + kcvHex() + ", " + ciphertext.length + " encrypted bytes]";
    }
}
