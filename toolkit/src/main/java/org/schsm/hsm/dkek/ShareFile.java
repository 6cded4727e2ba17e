package org.schsm.hsm.dkek;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import javax.crypto.BadPaddingException;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.schsm.InvalidInputException;
import org.schsm.Secret;
import org.schsm.apdu.Hex;

/**
 * The DKEK share file of {@code sc-hsm-tool --create-dkek-share} (keys.md §5.1): always 64
 * bytes, {@code Salted__}, an 8-byte salt, then the 32-byte share and a full block of padding
 * {@code 10 x 16} encrypted with AES-256-CBC under a key and IV from {@link OpenSslKeyDerivation}
 * (MD5, 10,000,000 rounds). A wrong password shows as bad padding, which is also how sc-hsm-tool
 * notices it.
 */
public final class ShareFile {
    public static final int LENGTH = 64;
    static final byte[] MAGIC = "Salted__".getBytes(StandardCharsets.US_ASCII);
    private static final int SALT = 8;

    private ShareFile() {
    }

    /** Writes {@code share} protected by {@code password}; {@code random} supplies the 8-byte salt. */
    public static byte[] encrypt(DkekShare share, @Secret byte[] password, RandomSource random, KdfProgress progress) {
        return encrypt(share, password, random.bytes(SALT), OpenSslKeyDerivation.SC_HSM_TOOL_ROUNDS, progress);
    }

    static byte[] encrypt(DkekShare share, byte[] password, byte[] salt, int rounds, KdfProgress progress) {
        if (salt.length != SALT) {
            throw new IllegalArgumentException("salt must be 8 bytes");
        }
        byte[] keyIv = OpenSslKeyDerivation.keyAndIv(password, salt, rounds, progress);
        byte[] plain = share.toBytes();
        try {
            Cipher aes = cipher(Cipher.ENCRYPT_MODE, keyIv);
            byte[] body = aes.doFinal(plain);
            ByteBuffer out = ByteBuffer.allocate(LENGTH).put(MAGIC).put(salt).put(body);
            return out.array();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-CBC is always available", e);
        } finally {
            Arrays.fill(keyIv, (byte) 0);
            Arrays.fill(plain, (byte) 0);
        }
    }

    /**
     * Reads a share file.
     *
     * @throws InvalidInputException    not a share file (length or magic)
     * @throws WrongPasswordException   the padding does not check out
     */
    public static DkekShare decrypt(byte[] file, @Secret byte[] password, KdfProgress progress) {
        return decrypt(file, password, OpenSslKeyDerivation.SC_HSM_TOOL_ROUNDS, progress);
    }

    static DkekShare decrypt(byte[] file, byte[] password, int rounds, KdfProgress progress) {
        checkFormat(file);
        byte[] salt = Arrays.copyOfRange(file, MAGIC.length, MAGIC.length + SALT);
        byte[] keyIv = OpenSslKeyDerivation.keyAndIv(password, salt, rounds, progress);
        byte[] plain = null;
        try {
            Cipher aes = cipher(Cipher.DECRYPT_MODE, keyIv);
            plain = aes.doFinal(file, MAGIC.length + SALT, LENGTH - MAGIC.length - SALT);
            if (plain.length != DkekSecret.LENGTH) {
                throw new WrongPasswordException();
            }
            return new DkekShare(plain);
        } catch (BadPaddingException e) {
            throw new WrongPasswordException();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-CBC is always available", e);
        } finally {
            Arrays.fill(keyIv, (byte) 0);
            if (plain != null) {
                Arrays.fill(plain, (byte) 0);
            }
        }
    }

    /** Throws unless {@code file} has a share file's length and magic. */
    public static void checkFormat(byte[] file) {
        if (file.length != LENGTH) {
            throw new InvalidInputException("a DKEK share file is " + LENGTH + " bytes; this one has " + file.length);
        }
        if (!Arrays.equals(Arrays.copyOf(file, MAGIC.length), MAGIC)) {
            throw new InvalidInputException("not a DKEK share file: it starts with " + Hex.encode(file, 0, 8)
                    + ", not 'Salted__'");
        }
    }

    /** The password as sc-hsm-tool reads it: the typed characters' bytes (UTF-8). The caller clears it. */
    public static byte[] passwordBytes(@Secret char[] password) {
        ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(password));
        byte[] out = new byte[encoded.remaining()];
        encoded.get(out);
        Arrays.fill(encoded.array(), (byte) 0);
        return out;
    }

    private static Cipher cipher(int mode, byte[] keyIv) throws java.security.GeneralSecurityException {
        Cipher aes = Cipher.getInstance("AES/CBC/PKCS5Padding");
        aes.init(mode, new SecretKeySpec(keyIv, 0, 32, "AES"), new IvParameterSpec(keyIv, 32, 16));
        return aes;
    }
}
