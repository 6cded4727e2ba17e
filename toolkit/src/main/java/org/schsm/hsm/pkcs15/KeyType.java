package org.schsm.hsm.pkcs15;

/** The asymmetric key types the SmartCard-HSM generates and wraps. */
public enum KeyType {
    EC,
    RSA
}
