package org.schsm.simulator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.macs.CMac;
import org.bouncycastle.crypto.modes.CBCBlockCipher;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;

/**
 * Opens a DKEK key blob (reference §6.2) with Bouncy Castle, independently of the applet: checks
 * the KCV and the CMAC, decrypts, and splits the plaintext into its length-prefixed fields.
 */
public final class BlobReader {
    public final byte[] blob;
    public final int type;
    final List<byte[]> header = new ArrayList<>();
    /** Offset of the ciphertext. */
    final int cipherOffset;
    final byte[] plaintext;
    public final int size;
    final List<byte[]> components = new ArrayList<>();
    /** The bytes after the last component: the padding. */
    final byte[] padding;

    public BlobReader(byte[] dkek, byte[] blob) throws Exception {
        this.blob = blob.clone();
        assertArrayEquals(kcv(dkek), Arrays.copyOf(blob, 8), "KCV = SHA-256(DKEK)[0..7]");
        ByteBuffer in = ByteBuffer.wrap(blob);
        in.position(8);
        type = in.get() & 0xFF;
        for (int i = 0; i < 4; i++) {
            byte[] field = new byte[in.getShort() & 0xFFFF];
            in.get(field);
            header.add(field);
        }
        cipherOffset = in.position();
        int signed = blob.length - 16;
        CMac cmac = new CMac(new AESEngine());
        cmac.init(new KeyParameter(derive(dkek, 2)));
        cmac.update(blob, 0, signed);
        byte[] mac = new byte[16];
        cmac.doFinal(mac, 0);
        assertArrayEquals(mac, Arrays.copyOfRange(blob, signed, blob.length), "AES-CMAC with Kmac");
        plaintext = Arrays.copyOfRange(blob, cipherOffset, signed);
        CBCBlockCipher cbc = new CBCBlockCipher(new AESEngine());
        cbc.init(false, new ParametersWithIV(new KeyParameter(derive(dkek, 1)), new byte[16]));
        for (int i = 0; i < plaintext.length; i += 16) {
            cbc.processBlock(plaintext, i, plaintext, i);
        }
        ByteBuffer p = ByteBuffer.wrap(plaintext);
        p.position(8);
        size = p.getShort() & 0xFFFF;
        for (int i = 0; i < 7; i++) {
            byte[] c = new byte[p.getShort() & 0xFFFF];
            p.get(c);
            components.add(c);
        }
        padding = Arrays.copyOfRange(plaintext, p.position(), plaintext.length);
    }

    public static byte[] kcv(byte[] dkek) throws Exception {
        return Arrays.copyOf(MessageDigest.getInstance("SHA-256").digest(dkek), 8);
    }

    static byte[] derive(byte[] dkek, int counter) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        sha.update(dkek);
        sha.update(new byte[] {0, 0, 0, (byte) counter});
        return sha.digest();
    }

    /** Field widths of the components, e.g. [32, 32, 32, 32, 65, 32, 65] for a 256-bit curve. */
    public int[] widths() {
        return components.stream().mapToInt(c -> c.length).toArray();
    }

    /** The padding is 80 and zeros, at least the 80. */
    public void assertPadding() {
        assertEquals((byte) 0x80, padding[0], "padding starts with 80");
        for (int i = 1; i < padding.length; i++) {
            assertEquals(0, padding[i], "padding continues with zeros");
        }
        assertEquals(0, plaintext.length % 16);
    }
}
