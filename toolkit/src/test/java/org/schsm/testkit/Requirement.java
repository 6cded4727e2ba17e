package org.schsm.testkit;

/** One thing an interop test needs from the machine, with the hint that gets it there. */
public enum Requirement {
    PCSCD("pcscd running (socket " + PcscEnvironment.PCSCD_SOCKET + ")",
            "start it with `pcscd -f &`, after installing vsmartcard-vpcd"),
    VPCD_DRIVER("vsmartcard's vpcd driver " + PcscEnvironment.VPCD_DRIVER,
            "apt-get install vsmartcard-vpcd, then restart pcscd"),
    VPCD_READER("the reader '" + PcscEnvironment.VPCD_READER + "' listed by `opensc-tool -l`",
            "restart pcscd after installing vsmartcard-vpcd so that it loads the driver"),
    OPENSC_TOOL("opensc-tool on PATH", "apt-get install opensc"),
    SC_HSM_TOOL("sc-hsm-tool on PATH", "apt-get install opensc"),
    PKCS11_TOOL("pkcs11-tool on PATH", "apt-get install opensc"),
    PKCS15_TOOL("pkcs15-tool on PATH", "apt-get install opensc"),
    OPENSSL("openssl on PATH (verifies signatures made on the card)", "apt-get install openssl"),
    PKCS11_MODULE("OpenSC's PKCS#11 module opensc-pkcs11.so",
            "apt-get install opensc-pkcs11, or name it with -Dschsm.interop.pkcs11Module=PATH");

    private final String what;
    private final String hint;

    Requirement(String what, String hint) {
        this.what = what;
        this.hint = hint;
    }

    String what() {
        return what;
    }

    String hint() {
        return hint;
    }
}
