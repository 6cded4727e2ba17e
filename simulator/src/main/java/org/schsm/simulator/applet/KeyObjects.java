package org.schsm.simulator.applet;

import javacard.framework.ISOException;
import javacard.security.ECKey;
import javacard.security.ECPrivateKey;
import javacard.security.ECPublicKey;
import javacard.security.KeyBuilder;
import javacard.security.KeyPair;
import javacard.security.RSAPrivateCrtKey;
import javacard.security.RSAPublicKey;

/**
 * The Java Card key objects the key commands work with, one pair per supported size, all
 * allocated at install time. A stored key is loaded into the object of its size before use and
 * cleared afterwards ({@link #clear}); generation runs on the pair of the requested size.
 *
 * <p>Sizes are what jCardSim can do: EC over prime fields of 192, 224, 256, 384 and 521 bits
 * (its KeyBuilder refuses other lengths, e.g. brainpoolP320r1 and P512r1), RSA of 1024, 1536,
 * 2048, 3072 and 4096 bits.
 */
final class KeyObjects {
    private static final short[] EC_BITS = {192, 224, 256, 384, 521};
    private static final short[] RSA_BITS = {1024, 1536, 2048, 3072, 4096};

    private final ECPrivateKey[] ecPrivate;
    private final ECPublicKey[] ecPublic;
    private final KeyPair[] ecPairs;
    private final RSAPrivateCrtKey[] rsaPrivate;
    private final RSAPublicKey[] rsaPublic;
    private final KeyPair[] rsaPairs;

    KeyObjects() {
        short n = (short) EC_BITS.length;
        ecPrivate = new ECPrivateKey[n];
        ecPublic = new ECPublicKey[n];
        ecPairs = new KeyPair[n];
        for (short i = 0; i < n; i++) {
            ecPrivate[i] = (ECPrivateKey) KeyBuilder.buildKey(KeyBuilder.TYPE_EC_FP_PRIVATE, EC_BITS[i], false);
            ecPublic[i] = (ECPublicKey) KeyBuilder.buildKey(KeyBuilder.TYPE_EC_FP_PUBLIC, EC_BITS[i], false);
            ecPairs[i] = new KeyPair(ecPublic[i], ecPrivate[i]);
        }
        n = (short) RSA_BITS.length;
        rsaPrivate = new RSAPrivateCrtKey[n];
        rsaPublic = new RSAPublicKey[n];
        rsaPairs = new KeyPair[n];
        for (short i = 0; i < n; i++) {
            rsaPrivate[i] = (RSAPrivateCrtKey) KeyBuilder.buildKey(KeyBuilder.TYPE_RSA_CRT_PRIVATE, RSA_BITS[i], false);
            rsaPublic[i] = (RSAPublicKey) KeyBuilder.buildKey(KeyBuilder.TYPE_RSA_PUBLIC, RSA_BITS[i], false);
            rsaPairs[i] = new KeyPair(rsaPublic[i], rsaPrivate[i]);
        }
    }

    /** Index of an EC field size, 6A81 when jCardSim cannot do it. */
    static short ecIndex(short bits) {
        return index(EC_BITS, bits);
    }

    /** Index of an RSA modulus size, 6A81 when jCardSim cannot do it. */
    static short rsaIndex(short bits) {
        return index(RSA_BITS, bits);
    }

    private static short index(short[] sizes, short bits) {
        for (short i = 0; i < sizes.length; i++) {
            if (sizes[i] == bits) {
                return i;
            }
        }
        ISOException.throwIt(Sw.FUNCTION_NOT_SUPPORTED);
        return -1;
    }

    ECPrivateKey ecPrivate(short index) {
        return ecPrivate[index];
    }

    ECPublicKey ecPublic(short index) {
        return ecPublic[index];
    }

    KeyPair ecPair(short index) {
        return ecPairs[index];
    }

    RSAPrivateCrtKey rsaPrivate(short index) {
        return rsaPrivate[index];
    }

    RSAPublicKey rsaPublic(short index) {
        return rsaPublic[index];
    }

    KeyPair rsaPair(short index) {
        return rsaPairs[index];
    }

    /**
     * Loads the EC private key stored in {@code entry} into the object of its size and returns
     * it; call {@link #clear} when done.
     */
    ECPrivateKey loadEc(KeyStore keys, short entry) {
        ECPrivateKey key = ecPrivate[ecIndex(keys.bits(entry))];
        setDomain(key, keys, entry);
        byte[] a = keys.array();
        short d = keys.component(entry, KeyStore.EC_D);
        key.setS(a, d, keys.componentLength());
        return key;
    }

    /** Sets the curve of the key stored in {@code entry} on {@code key}. */
    static void setDomain(ECKey key, KeyStore keys, short entry) {
        byte[] a = keys.array();
        for (short i = KeyStore.EC_P; i <= KeyStore.EC_H; i++) {
            short off = keys.component(entry, i);
            setEcComponent(key, i, a, off, keys.componentLength());
        }
    }

    /**
     * Sets domain component {@code index} ({@link KeyStore#EC_P} .. {@link KeyStore#EC_H}, the
     * order of the record and of the CV template's 81..85, 87) on {@code key}; the cofactor is
     * its last byte (1 when empty).
     */
    static void setEcComponent(ECKey key, short index, byte[] a, short off, short len) {
        switch (index) {
            case KeyStore.EC_P:
                key.setFieldFP(a, off, len);
                break;
            case KeyStore.EC_A:
                key.setA(a, off, len);
                break;
            case KeyStore.EC_B:
                key.setB(a, off, len);
                break;
            case KeyStore.EC_G:
                key.setG(a, off, len);
                break;
            case KeyStore.EC_N:
                key.setR(a, off, len);
                break;
            default:
                key.setK(len == 0 ? 1 : (short) (a[(short) (off + len - 1)] & 0xFF));
                break;
        }
    }

    /** Loads the RSA-CRT private key stored in {@code entry}; call {@link #clear} when done. */
    RSAPrivateCrtKey loadRsa(KeyStore keys, short entry) {
        RSAPrivateCrtKey key = rsaPrivate[rsaIndex(keys.bits(entry))];
        byte[] a = keys.array();
        for (short i = KeyStore.RSA_P; i <= KeyStore.RSA_QINV; i++) {
            short off = keys.component(entry, i);
            short len = keys.componentLength();
            if (i == KeyStore.RSA_P) {
                key.setP(a, off, len);
            } else if (i == KeyStore.RSA_Q) {
                key.setQ(a, off, len);
            } else if (i == KeyStore.RSA_DP) {
                key.setDP1(a, off, len);
            } else if (i == KeyStore.RSA_DQ) {
                key.setDQ1(a, off, len);
            } else {
                key.setPQ(a, off, len);
            }
        }
        return key;
    }

    /** Clears every private key object, so no key material stays in them between commands. */
    void clear() {
        for (short i = 0; i < ecPrivate.length; i++) {
            ecPrivate[i].clearKey();
            ecPublic[i].clearKey();
        }
        for (short i = 0; i < rsaPrivate.length; i++) {
            rsaPrivate[i].clearKey();
            rsaPublic[i].clearKey();
        }
    }

    /** Bit length of the unsigned big-endian number at {@code off}; 6A80 for zero. */
    static short bitLength(byte[] buf, short off, short len) {
        short i = 0;
        while (i < len && buf[(short) (off + i)] == 0) {
            i++;
        }
        if (i == len) {
            ISOException.throwIt(Sw.WRONG_DATA);
        }
        short bits = (short) ((len - i - 1) * 8);
        short top = (short) (buf[(short) (off + i)] & 0xFF);
        while (top != 0) {
            bits++;
            top = (short) (top >> 1);
        }
        return bits;
    }
}
