package org.schsm.hsm.cvc;

/**
 * What the device certificate chain in EF 2F02 says about the device (docs/keys.md, "Device
 * identity"). {@link #kind()} is the word shown in {@code --json} output.
 */
public sealed interface ChainVerdict {
    String kind();

    /** One line for people. */
    String describe();

    /** device &lt;- issuer &lt;- one of CardContact's roots, every signature checked. */
    record Genuine(String root) implements ChainVerdict {
        @Override
        public String kind() {
            return "genuine";
        }

        @Override
        public String describe() {
            return "genuine SmartCard-HSM (chain verified up to root " + root + ")";
        }
    }

    /**
     * device &lt;- issuer &lt;- a simulator root. {@code rootVerified} tells whether the issuer's
     * signature was checked too (the root certificate was known) or only the root's name matched.
     */
    record Simulated(String root, boolean rootVerified) implements ChainVerdict {
        @Override
        public String kind() {
            return "simulated";
        }

        @Override
        public String describe() {
            return "simulated SmartCard-HSM (root " + root
                    + (rootVerified ? ", chain verified" : ", device certificate verified; root not available") + ")";
        }
    }

    /** One certificate signed by its own key, as pico-hsm writes it. */
    record SelfSigned(String holder) implements ChainVerdict {
        @Override
        public String kind() {
            return "self-signed";
        }

        @Override
        public String describe() {
            return "self-signed device certificate " + holder + " (not a CardContact device; pico-hsm writes this)";
        }
    }

    /** The chain cannot be decoded or does not verify. */
    record Broken(String reason) implements ChainVerdict {
        @Override
        public String kind() {
            return "broken";
        }

        @Override
        public String describe() {
            return "broken: " + reason;
        }
    }
}
