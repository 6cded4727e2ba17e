package org.schsm.hsm;

/**
 * What an elementary file holds, told by its file id as OpenSC and CardContact's hosts lay them
 * out on the SmartCard-HSM (keys.md §1.2).
 */
public enum FileKind {
    DEVICE_KEY("device key"),
    KEY("private key"),
    KEY_DESCRIPTION("key description (PKCS#15 PrKD)"),
    KEY_CERTIFICATE("certificate or CV request of a key"),
    CA_CERTIFICATE("CA certificate"),
    CERTIFICATE_DESCRIPTION("certificate description (PKCS#15 CD)"),
    DATA_DESCRIPTION("data object description (PKCS#15 DCOD)"),
    PRIVATE_DATA("PIN-protected data object"),
    PUBLIC_DATA("public data object"),
    DEVICE_CERTIFICATES("device certificate chain (EF.C_DevAut)"),
    TOKEN_INFO("token info (PKCS#15 TokenInfo)"),
    UNWRAP_STAGING("key blob staging for UNWRAP KEY"),
    OTHER("other");

    private final String word;

    FileKind(String word) {
        this.word = word;
    }

    public String word() {
        return word;
    }

    public static FileKind of(int fid) {
        switch (fid) {
            case 0xCC00:
                return DEVICE_KEY;
            case 0x2F02:
                return DEVICE_CERTIFICATES;
            case 0x2F03:
                return TOKEN_INFO;
            case 0x2F10:
                return UNWRAP_STAGING;
            default:
                break;
        }
        return switch (fid >> 8) {
            case 0xCC -> KEY;
            case 0xC4 -> KEY_DESCRIPTION;
            case 0xCE -> KEY_CERTIFICATE;
            case 0xCA -> CA_CERTIFICATE;
            case 0xC8 -> CERTIFICATE_DESCRIPTION;
            case 0xC9 -> DATA_DESCRIPTION;
            case 0xCD -> PRIVATE_DATA;
            case 0xCF -> PUBLIC_DATA;
            default -> OTHER;
        };
    }
}
