// SmartCard-HSM DKEK: INITIALIZE tag 92, IMPORT DKEK SHARE (80 52), WRAP KEY (80 72), UNWRAP KEY
// (80 74); happy paths, the KCV, the blob layout, and every refusal.
//
//   schsm test -r sim:fresh scripts/conformance/sc-hsm-dkek.groovy
//
// References: "keys §n" is the key and DKEK summary in docs/keys.md (same numbering as the
// project's protocol notes), "sim" is docs/simulator.md.
//
// WARNING: every case re-initializes the card (INITIALIZE DEVICE erases all keys and files) with
// the documented default SO-PIN 3537363231383830 and imports TEST shares printed below. Run it on
// a simulator or a test card only: a DKEK made from these shares protects nothing.

def SELECT = '00 A4 04 00 0B E8 2B 06 01 04 01 81 C3 1F 02 01 00'
def SO     = '35 37 36 32 31 38 38 30'
def PIN    = '36 34 38 32 31 39'
def VERIFY = "00 20 00 81 06 $PIN"
def STATUS = '80 52 00 00 00'
// Test shares (public on purpose).
def SHARE_A = '00 11 22 33 44 55 66 77 88 99 AA BB CC DD EE FF 01 23 45 67 89 AB CD EF FE DC BA 98 76 54 32 10'
def SHARE_B = 'A5 ' * 32

def unhex = { String s -> s.replaceAll(/\s/, '').decodeHex() }
def kcv = { byte[] dkek -> java.security.MessageDigest.getInstance('SHA-256').digest(dkek)[0..7] as byte[] }
def xor = { byte[] a, byte[] b -> (0..<32).collect { (byte) (a[it] ^ b[it]) } as byte[] }
def initialize = { String dkekTag -> "80 50 00 00 ${String.format('%02X', 25 + dkekTag.replaceAll(/\s/, '').length().intdiv(2))} " +
        "80 02 00 01 81 06 $PIN 82 08 $SO 91 01 03 $dkekTag" }
def importShare = { String share -> "80 52 00 00 20 $share 00" }
def hex2 = { int v -> String.format('%02X %02X', v >> 8, v & 0xFF) }
def ascii = { String s -> s.bytes.collect { String.format('%02X', it) }.join(' ') }
def length = { String data -> data.replaceAll(/\s/, '').length().intdiv(2) }
def ext = { String header, String data -> "$header 00 ${hex2(length(data))} $data 00 00" }
def extNoLe = { String header, String data -> "$header 00 ${hex2(length(data))} $data" }

// secp256r1 as OpenSC's request builder sends it (keys §2.1).
def P = 'FFFFFFFF00000001000000000000000000000000FFFFFFFFFFFFFFFFFFFFFFFF'
def A = 'FFFFFFFF00000001000000000000000000000000FFFFFFFFFFFFFFFFFFFFFFFC'
def B = '5AC635D8AA3A93E7B3EBBD55769886BC651D06B0CC53B0F63BCE3C3E27D2604B'
def G = '046B17D1F2E12C4247F8BCE6E563A440F277037D812DEB33A0F4A13945D898C2964FE342E2FE1A7F9B8EE7EB4A7C0F9E162BCE33576B315ECECBB6406837BF51F5'
def N = 'FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551'
def EC_KEY = "7F49 81 DA 06 0A 04 00 7F 00 07 02 02 02 02 03 81 20 $P 82 20 $A 83 20 $B 84 41 $G 85 20 $N 87 01 01"
def RSA_2048 = "7F49 15 06 0A 04 00 7F 00 07 02 02 02 01 02 82 03 01 00 01 02 02 08 00"
def body = { String key, String extra = '' ->
    "5F29 01 00 42 09 ${ascii('UTCA00001')} $key 5F20 0E ${ascii('ZZSIMCONF00001')} $extra"
}
def generate = { int id, String data -> ext(String.format('00 46 %02X 00', id), data) }
def GEN_EC1 = generate(1, body(EC_KEY))
def wrap = { int id -> String.format('80 72 %02X 92 00 00 00', id) }
def unwrap = { int id, String blob -> extNoLe(String.format('80 74 %02X 93', id), blob) }
def sign = { int id, String hash -> ext(String.format('80 68 %02X 70', id), hash) }
def HASH = '00 11 22 33 44 55 66 77 88 99 AA BB CC DD EE FF 00 11 22 33 44 55 66 77 88 99 AA BB CC DD EE FF'
def ENUMERATE = '80 58 00 00 00 00 00'
// KCV, type 0C, 00 0A + id-TA-ECDSA-SHA-256, three empty fields (keys §6.2).
def EC_HEADER = '0C000A04007F00070202020203000000000000'
def RSA_HEADER = '06000A04007F00070202020102000000000000'

suite('SmartCard-HSM DKEK, wrap and unwrap') {
    // Every case starts initialized with ONE DKEK share announced and none imported, nothing
    // verified, no keys but the device key.
    setup {
        send SELECT, sw: 0x9000
        send initialize('92 01 01'), sw: 0x9000
        send SELECT, sw: 0x9000
    }

    // ---- INITIALIZE tag 92, IMPORT DKEK SHARE, status ----
    testcase('status after INITIALIZE with one share: 1 announced, 1 outstanding, no KCV', ref: 'keys §4.1; sim IMPORT DKEK SHARE') {
        send STATUS, sw: 0x9000, data: '0101' + '00' * 8
    }
    testcase('status after INITIALIZE with three shares', ref: 'keys §4.1; sim IMPORT DKEK SHARE') {
        send initialize('92 01 03'), sw: 0x9000
        send STATUS, sw: 0x9000, data: '0303' + '00' * 8
    }
    testcase('importing the only share needs no PIN and answers its KCV', ref: 'keys §4.1 (sc-hsm-tool verifies no PIN); sim IMPORT DKEK SHARE') {
        send importShare(SHARE_A), sw: 0x9000, data: '0100' + hex(kcv(unhex(SHARE_A)))
    }
    testcase('the KCV is the first 8 bytes of SHA-256 of the DKEK, also in later status', ref: 'keys §4.1; sim IMPORT DKEK SHARE') {
        send importShare(SHARE_A), sw: 0x9000
        send STATUS, sw: 0x9000, data: '0100' + hex(kcv(unhex(SHARE_A)))
    }
    testcase('two shares combine by XOR; no KCV while one is outstanding', ref: 'keys §4.1; sim IMPORT DKEK SHARE') {
        send initialize('92 01 02'), sw: 0x9000
        send importShare(SHARE_A), sw: 0x9000, data: '0201' + '00' * 8
        send importShare(SHARE_B), sw: 0x9000, data: '0200' + hex(kcv(xor(unhex(SHARE_A), unhex(SHARE_B))))
    }
    testcase('a share after the last one is refused with 6986', ref: 'keys §4.1, §4.2 (pico 6986); sim IMPORT DKEK SHARE') {
        send importShare(SHARE_A), sw: 0x9000
        send importShare(SHARE_B), sw: 0x6986
        send STATUS, sw: 0x9000, data: '0100' + hex(kcv(unhex(SHARE_A)))
    }
    testcase('without tag 92 no share is expected: 6A88, status all zero', ref: 'keys §4.1 ("no DKEK"); sim IMPORT DKEK SHARE') {
        send initialize(''), sw: 0x9000
        send importShare(SHARE_A), sw: 0x6A88
        send STATUS, sw: 0x9000, data: '00' * 10
    }
    testcase('tag 92 = 00: the card keeps its own DKEK and takes no share', ref: 'keys §4.1 (vendor blog); sim IMPORT DKEK SHARE') {
        send initialize('92 01 00'), sw: 0x9000
        send STATUS, sw: 0x9000, data: '00' * 10
        send importShare(SHARE_A), sw: 0x6A88
    }
    testcase('a share of 31 or 33 bytes is refused with 6700', ref: 'keys §4.1 (32 bytes); sim IMPORT DKEK SHARE') {
        send '80 52 00 00 1F ' + '11 ' * 31 + '00', sw: 0x6700
        send '80 52 00 00 21 ' + '11 ' * 33 + '00', sw: 0x6700
        send STATUS, sw: 0x9000, data: '0101' + '00' * 8
    }
    testcase('IMPORT DKEK SHARE with P1P2 other than 0000 is refused with 6A86', ref: 'keys §4.2 (P1 other than 00: key domains, not kept here); sim IMPORT DKEK SHARE') {
        send '80 52 01 00 00', sw: 0x6A86
        send "80 52 00 01 20 $SHARE_A 00", sw: 0x6A86
    }
    testcase('re-initialization forgets the DKEK', ref: 'keys §4.1; sim INITIALIZE DEVICE') {
        send importShare(SHARE_A), sw: 0x9000
        send initialize('92 01 01'), sw: 0x9000
        send STATUS, sw: 0x9000, data: '0101' + '00' * 8
    }

    // ---- WRAP KEY ----
    testcase('WRAP KEY without the user PIN answers 6982', ref: 'keys §6.1 (user PIN); sim WRAP KEY') {
        send wrap(1), sw: 0x6982
    }
    testcase('WRAP KEY while a share is outstanding answers 6A88', ref: 'keys §6.1 (complete DKEK), §10 #10; sim WRAP KEY') {
        send VERIFY, sw: 0x9000
        send GEN_EC1, sw: 0x9000
        send wrap(1), sw: 0x6A88
    }
    testcase('WRAP KEY of a key that does not exist answers 6A88', ref: 'keys §6.1; sim WRAP KEY (OpenSC issue 2685)') {
        send importShare(SHARE_A), sw: 0x9000
        send VERIFY, sw: 0x9000
        send wrap(9), sw: 0x6A88
    }
    testcase('WRAP KEY of the device key or with P2 other than 92 answers 6A86', ref: 'keys §6.1; sim WRAP KEY') {
        send importShare(SHARE_A), sw: 0x9000
        send VERIFY, sw: 0x9000
        send GEN_EC1, sw: 0x9000
        send wrap(0), sw: 0x6A86
        send '80 72 01 93 00 00 00', sw: 0x6A86
    }
    testcase('WRAP KEY with command data answers 6700', ref: 'keys §6.1 (no data); sim WRAP KEY') {
        send importShare(SHARE_A), sw: 0x9000
        send VERIFY, sw: 0x9000
        send GEN_EC1, sw: 0x9000
        send '80 72 01 92 00 00 01 00 00 00', sw: 0x6700
    }
    testcase('WRAP KEY of a key whose algorithm list lacks 92 answers 6985', ref: 'keys §6.1, §10 #10; sim WRAP KEY') {
        send importShare(SHARE_A), sw: 0x9000
        send VERIFY, sw: 0x9000
        send generate(2, body(EC_KEY, '91 01 70')), sw: 0x9000
        send wrap(2), sw: 0x6985
    }
    testcase('WRAP KEY on a device without DKEK answers 6A88', ref: 'keys §6.1; sim WRAP KEY') {
        send initialize(''), sw: 0x9000
        send VERIFY, sw: 0x9000
        send GEN_EC1, sw: 0x9000
        send wrap(1), sw: 0x6A88
    }
    testcase('WRAP KEY under the card\'s own DKEK (92 = 00) answers 6A88: such keys never leave', ref: 'keys §4.1; sim WRAP KEY') {
        send initialize('92 01 00'), sw: 0x9000
        send VERIFY, sw: 0x9000
        send GEN_EC1, sw: 0x9000
        send wrap(1), sw: 0x6A88
    }
    testcase('a P-256 key wraps into 363 bytes: KCV, 0C, the ECDSA OID, empty fields, ciphertext, MAC', ref: 'keys §6.2 (real blob of the same size); sim WRAP KEY') {
        send importShare(SHARE_A), sw: 0x9000
        send VERIFY, sw: 0x9000
        send GEN_EC1, sw: 0x9000
        send wrap(1), sw: 0x9000, data: ~('^' + hex(kcv(unhex(SHARE_A))) + EC_HEADER + '[0-9A-F]{672}$')
    }
    testcase('an RSA 2048 key wraps as RSA-CRT (06) into 971 bytes', ref: 'keys §6.2; sim WRAP KEY') {
        send importShare(SHARE_A), sw: 0x9000
        send VERIFY, sw: 0x9000
        send generate(2, body(RSA_2048)), sw: 0x9000
        send wrap(2), sw: 0x9000, data: ~('^' + hex(kcv(unhex(SHARE_A))) + RSA_HEADER + '[0-9A-F]{1888}$')
    }
    testcase('the algorithm list travels in the blob header', ref: 'keys §6.2; sim WRAP KEY') {
        send importShare(SHARE_A), sw: 0x9000
        send VERIFY, sw: 0x9000
        send generate(3, body(EC_KEY, '91 02 70 92')), sw: 0x9000
        send wrap(3), sw: 0x9000, data: ~('^[0-9A-F]{16}0C000A04007F0007020202020300027092' + '00000000[0-9A-F]+$')
    }
    testcase('two wraps of one key differ (fresh random prefix) but both unwrap', ref: 'keys §6.2; sim WRAP KEY') {
        send importShare(SHARE_A), sw: 0x9000
        send VERIFY, sw: 0x9000
        send GEN_EC1, sw: 0x9000
        def one = hex(send(wrap(1)).data())
        def two = hex(send(wrap(1)).data())
        if (one == two) {
            fail('the same blob twice')
        }
        send unwrap(2, one), sw: 0x9000
        send unwrap(3, two), sw: 0x9000
    }

    // ---- UNWRAP KEY ----
    testcase('UNWRAP KEY of a wrapped key under another id; the key signs', ref: 'keys §6.1 (CardContact script form); sim UNWRAP KEY') {
        send importShare(SHARE_A), sw: 0x9000
        send VERIFY, sw: 0x9000
        send GEN_EC1, sw: 0x9000
        def blob = hex(send(wrap(1)).data())
        send unwrap(5, blob), sw: 0x9000
        send ENUMERATE, sw: 0x9000, data: ~/^(....)*CC05(....)*$/
        send sign(5, HASH), sw: 0x9000, data: ~/^30[0-9A-F]+$/
    }
    testcase('UNWRAP KEY takes the blob from EF 2F10 when the command has no data', ref: 'keys §6.1 (OpenSC form); sim UNWRAP KEY') {
        send importShare(SHARE_A), sw: 0x9000
        send VERIFY, sw: 0x9000
        send GEN_EC1, sw: 0x9000
        def blob = hex(send(wrap(1)).data())
        send extNoLe('00 D7 2F 10', "54 02 00 00 53 82 ${hex2(length(blob))} $blob"), sw: 0x9000
        send '80 74 06 93', sw: 0x9000
        send sign(6, HASH), sw: 0x9000
    }
    testcase('the recovery path in miniature: wrap, re-initialize, import the same share, unwrap', ref: 'keys §6.3; sim UNWRAP KEY') {
        send importShare(SHARE_A), sw: 0x9000
        send VERIFY, sw: 0x9000
        send GEN_EC1, sw: 0x9000
        def blob = hex(send(wrap(1)).data())
        send initialize('92 01 01'), sw: 0x9000
        send sign(1, HASH), sw: 0x6982
        send importShare(SHARE_A), sw: 0x9000
        send VERIFY, sw: 0x9000
        send sign(1, HASH), sw: 0x6A88
        send unwrap(1, blob), sw: 0x9000
        send sign(1, HASH), sw: 0x9000
    }
    testcase('UNWRAP KEY under another DKEK (KCV differs) answers 6A80 and adds nothing', ref: 'keys §6.1 (OpenSC: does not match DKEK); sim UNWRAP KEY') {
        send importShare(SHARE_A), sw: 0x9000
        send VERIFY, sw: 0x9000
        send GEN_EC1, sw: 0x9000
        def blob = hex(send(wrap(1)).data())
        send initialize('92 01 01'), sw: 0x9000
        send importShare(SHARE_B), sw: 0x9000
        send VERIFY, sw: 0x9000
        send unwrap(1, blob), sw: 0x6A80
        send '00 A4 00 00 02 CC 01 00', sw: 0x6A82
    }
    testcase('UNWRAP KEY of an altered blob (MAC or ciphertext) answers 6A80 and adds nothing', ref: 'keys §6.2 (AES-CMAC); sim UNWRAP KEY') {
        send importShare(SHARE_A), sw: 0x9000
        send VERIFY, sw: 0x9000
        send GEN_EC1, sw: 0x9000
        def blob = hex(send(wrap(1)).data())
        def flip = { String h, int at -> h.substring(0, at) + (h[at] == '0' ? '1' : '0') + h.substring(at + 1) }
        send unwrap(2, flip(blob, blob.length() - 1)), sw: 0x6A80
        send unwrap(2, flip(blob, 80)), sw: 0x6A80
        send '00 A4 00 00 02 CC 02 00', sw: 0x6A82
    }
    testcase('UNWRAP KEY of a truncated or malformed blob answers 6A80', ref: 'keys §6.2; sim UNWRAP KEY') {
        send importShare(SHARE_A), sw: 0x9000
        send VERIFY, sw: 0x9000
        send GEN_EC1, sw: 0x9000
        def blob = hex(send(wrap(1)).data())
        send unwrap(2, blob.substring(0, blob.length() - 2)), sw: 0x6A80
        send unwrap(2, blob.substring(0, 80)), sw: 0x6A80
        send unwrap(2, blob.substring(0, 18) + 'FF' + blob.substring(20)), sw: 0x6A80
    }
    testcase('UNWRAP KEY into a key id in use answers 6A89', ref: 'sim UNWRAP KEY') {
        send importShare(SHARE_A), sw: 0x9000
        send VERIFY, sw: 0x9000
        send GEN_EC1, sw: 0x9000
        send unwrap(1, hex(send(wrap(1)).data())), sw: 0x6A89
    }
    testcase('UNWRAP KEY without the user PIN answers 6982', ref: 'keys §6.1 (user PIN); sim UNWRAP KEY') {
        send unwrap(1, '00 ' * 64), sw: 0x6982
    }
    testcase('UNWRAP KEY while a share is outstanding answers 6A88', ref: 'keys §6.1; sim UNWRAP KEY') {
        send VERIFY, sw: 0x9000
        send unwrap(1, '00 ' * 64), sw: 0x6A88
    }
    testcase('UNWRAP KEY with no data and no EF 2F10 answers 6A82', ref: 'sim UNWRAP KEY') {
        send importShare(SHARE_A), sw: 0x9000
        send VERIFY, sw: 0x9000
        send '80 74 01 93', sw: 0x6A82
    }
    testcase('UNWRAP KEY with P2 other than 93 or into key 00 answers 6A86', ref: 'keys §6.1; sim UNWRAP KEY') {
        send importShare(SHARE_A), sw: 0x9000
        send VERIFY, sw: 0x9000
        send extNoLe('80 74 01 92', '00 ' * 64), sw: 0x6A86
        send unwrap(0, '00 ' * 64), sw: 0x6A86
    }
}
