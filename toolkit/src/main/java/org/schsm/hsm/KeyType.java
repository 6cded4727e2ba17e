package org.schsm.hsm;

/** The asymmetric key types the SmartCard-HSM generates and wraps. */
public enum KeyType {
    EC,
    RSA
}
