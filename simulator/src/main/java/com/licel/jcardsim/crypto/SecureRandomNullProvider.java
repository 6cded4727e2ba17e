package com.licel.jcardsim.crypto;

import java.security.SecureRandom;

/**
 * schsm's replacement for jCardSim 3.0.6's class of the same name, which must come before the
 * jcardsim jar on the class path ({@code SimulatedCard} refuses to start otherwise).
 *
 * <p>jCardSim hands an instance of this class to Bouncy Castle as the randomness for key pair
 * generation ({@code KeyPairImpl}) and for signing ({@code AsymmetricSignatureImpl}, a new
 * instance on every {@code init}). Its own version is an unseeded SHA-1 digest generator: every
 * simulated card generated the same key pairs in the same order, and two ECDSA signatures after
 * two {@code init} calls used the same nonce, which gives the private key away to anyone holding
 * both. This version is the platform's strong default {@link SecureRandom}.
 */
public class SecureRandomNullProvider extends SecureRandom {
    private static final long serialVersionUID = 1L;

    /** Looked up by {@code SimulatedCard} to make sure this class, not jCardSim's, is loaded. */
    public static final boolean SCHSM_REPLACEMENT = true;

    public SecureRandomNullProvider() {
        super();
    }
}
