// SmartCard-HSM keys and files: GET CHALLENGE, ENUMERATE OBJECTS, SELECT / READ BINARY /
// UPDATE BINARY / DELETE FILE on EFs, GENERATE ASYMMETRIC KEY PAIR, COMPUTE SIGNATURE, DECIPHER;
// happy paths, missing PIN (6982), wrong lengths, unknown FIDs (6A82), device key protection.
//
//   schsm test -r sim:fresh scripts/conformance/sc-hsm-keys.groovy
//
// References: "keys §n" is a section of the key protocol notes docs/simulator.md cites and
// restates with their sources, "sim" is docs/simulator.md.
//
// WARNING: every case re-initializes the card (INITIALIZE DEVICE erases all keys and files) with
// the documented default SO-PIN 3537363231383830. Run it on a simulator or a test card only.

def SELECT = '00 A4 04 00 0B E8 2B 06 01 04 01 81 C3 1F 02 01 00'
def SO     = '35 37 36 32 31 38 38 30'
def PIN    = '36 34 38 32 31 39'
def VERIFY = "00 20 00 81 06 $PIN"

def hex2 = { int v -> String.format('%02X %02X', v >> 8, v & 0xFF) }
def ascii = { String s -> s.bytes.collect { String.format('%02X', it) }.join(' ') }
def length = { String data -> data.replaceAll(/\s/, '').length().intdiv(2) }
// An extended case-4 APDU: header, 00 Lc(2), data, Le 0000 (OpenSC sends the key commands so).
def ext = { String header, String data -> "$header 00 ${hex2(length(data))} $data 00 00" }

// secp256r1 as OpenSC's request builder sends it (keys §2.1): OID id-TA-ECDSA-SHA-256, p, a, b, G, n, cofactor.
def P = 'FFFFFFFF00000001000000000000000000000000FFFFFFFFFFFFFFFFFFFFFFFF'
def A = 'FFFFFFFF00000001000000000000000000000000FFFFFFFFFFFFFFFFFFFFFFFC'
def B = '5AC635D8AA3A93E7B3EBBD55769886BC651D06B0CC53B0F63BCE3C3E27D2604B'
def G = '046B17D1F2E12C4247F8BCE6E563A440F277037D812DEB33A0F4A13945D898C2964FE342E2FE1A7F9B8EE7EB4A7C0F9E162BCE33576B315ECECBB6406837BF51F5'
def N = 'FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551'
def EC_KEY = "7F49 81 DA 06 0A 04 00 7F 00 07 02 02 02 02 03 81 20 $P 82 20 $A 83 20 $B 84 41 $G 85 20 $N 87 01 01"
def RSA_KEY = { int bits -> "7F49 15 06 0A 04 00 7F 00 07 02 02 02 01 02 82 03 01 00 01 02 02 ${hex2(bits)}" }
def body = { String key, String extra = '' ->
    "5F29 01 00 42 09 ${ascii('UTCA00001')} $key 5F20 0E ${ascii('ZZSIMCONF00001')} $extra"
}
def generate = { int id, String data -> ext(String.format('00 46 %02X 00', id), data) }
def GEN_EC1 = generate(1, body(EC_KEY))
def GEN_RSA2 = generate(2, body(RSA_KEY(1024)))
// Most cases start the same way: the user PIN verified and one key made (EC P-256 as key 1
// unless another request is given).
def withKey = { ctx, String request = GEN_EC1 ->
    ctx.send VERIFY, sw: 0x9000
    ctx.send request, sw: 0x9000
}
def sign = { int id, int alg, String data -> ext(String.format('80 68 %02X %02X', id, alg), data) }
def decipher = { int id, int alg, String data -> ext(String.format('80 62 %02X %02X', id, alg), data) }
def HASH = '00 11 22 33 44 55 66 77 88 99 AA BB CC DD EE FF 00 11 22 33 44 55 66 77 88 99 AA BB CC DD EE FF'
def MESSAGE = ascii('schsm conformance')
def ENUMERATE = '80 58 00 00 00 00 00'
def read = { String fid, int offset, String le = '00 00' -> "00 B1 $fid 00 00 04 54 02 ${hex2(offset)} $le" }

suite('SmartCard-HSM keys and files') {
    // Every case starts from the same state: initialized (user PIN 648219, 3 tries), nothing
    // verified, no keys but the device key, no files but EF.C_DevAut.
    setup {
        send SELECT, sw: 0x9000
        send "80 50 00 00 19 80 02 00 01 81 06 $PIN 82 08 $SO 91 01 03", sw: 0x9000
        send SELECT, sw: 0x9000
    }

    // ---- GET CHALLENGE ----
    testcase('GET CHALLENGE answers Le random bytes without a PIN', ref: 'keys §8; sim GET CHALLENGE') {
        send '00 84 00 00 08', sw: 0x9000, data: ~/^[0-9A-F]{16}$/
        send '00 84 00 00 20', sw: 0x9000, data: ~/^[0-9A-F]{64}$/
    }
    testcase('GET CHALLENGE with Le 00 answers 256 bytes', ref: 'sim GET CHALLENGE') {
        send '00 84 00 00 00', sw: 0x9000, data: ~/^[0-9A-F]{512}$/
    }
    testcase('two challenges differ', ref: 'keys §8 (sc-hsm-tool makes DKEK shares from them)') {
        def a = hex(send('00 84 00 00 20').data())
        def b = hex(send('00 84 00 00 20').data())
        if (a == b) {
            fail('the same 32 random bytes twice')
        }
    }
    testcase('GET CHALLENGE without Le is refused', ref: 'keys §8 (pico 6700); sim GET CHALLENGE') {
        send '00 84 00 00', sw: 0x6700
    }
    testcase('GET CHALLENGE with P1P2 other than 0000 is refused', ref: 'sim GET CHALLENGE') {
        send '00 84 01 00 08', sw: 0x6A86
    }

    // ---- ENUMERATE OBJECTS, SELECT, READ BINARY ----
    testcase('ENUMERATE OBJECTS lists EF.C_DevAut and the device key', ref: 'keys §1.1 (real listing); sim File commands') {
        send ENUMERATE, sw: 0x9000, data: ~/^(....)*2F02(....)*$/
        send ENUMERATE, sw: 0x9000, data: ~/^(....)*CC00(....)*$/
    }
    testcase('ENUMERATE OBJECTS with data or other P1P2 is refused', ref: 'sim File commands') {
        send '80 58 00 00 01 00 00', sw: 0x6700
        send '80 58 01 00 00', sw: 0x6A86
    }
    testcase('SELECT of EF 2F02 answers its FCP', ref: 'keys §1.3; sim SELECT') {
        send '00 A4 00 00 02 2F 02 00', sw: 0x9000, data: ~/^620B8002[0-9A-F]{4}82010183022F02$/
    }
    testcase('SELECT of an unknown FID answers 6A82', ref: 'keys §1.3; sim SELECT') {
        send '00 A4 00 00 02 CF 77 00', sw: 0x6A82
    }
    testcase('EF 2F02 is readable without a PIN and starts with a CV certificate', ref: 'keys §7.1; sim Device identity') {
        send read('2F 02', 0), sw: 0x9000, data: ~/^7F21/
    }
    testcase('READ BINARY of an unknown FID answers 6A82', ref: 'keys §1.4; sim File commands') {
        send read('CF 77', 0), sw: 0x6A82
    }
    testcase('READ BINARY past the end answers the rest with 6282', ref: 'keys §1.4, §10 #5; sim File commands') {
        def fcp = send('00 A4 00 00 02 2F 02 00').data()
        int size = ((fcp[4] & 0xFF) << 8) | (fcp[5] & 0xFF)
        send "00 B1 2F 02 04 54 02 ${hex2(size - 4)} 10", sw: 0x6282, data: ~/^[0-9A-F]{8}$/
    }
    testcase('READ BINARY with a malformed offset object answers 6A80', ref: 'sim File commands') {
        send '00 B1 2F 02 03 53 01 00 00', sw: 0x6A80
    }

    // ---- UPDATE BINARY, DELETE FILE ----
    testcase('UPDATE BINARY without the user PIN answers 6982', ref: 'keys §1.5; sim File commands') {
        send '00 D7 CF 01 08 54 02 00 00 53 02 AB CD', sw: 0x6982
    }
    testcase('UPDATE BINARY creates an empty EF that becomes the current EF', ref: 'keys §1.5 (OpenSC create_file); sim File commands') {
        send VERIFY, sw: 0x9000
        send '00 D7 CF 01 06 54 02 00 00 53 00', sw: 0x9000
        send '00 D7 00 00 08 54 02 00 00 53 02 AB CD', sw: 0x9000
        send read('CF 01', 0), sw: 0x9000, data: 'ABCD'
    }
    testcase('UPDATE BINARY in chunks at growing offsets', ref: 'keys §1.5 (OpenSC sc_hsm_write_ef); sim File commands') {
        send VERIFY, sw: 0x9000
        send '00 D7 CF 02 09 54 02 00 00 53 03 01 02 03', sw: 0x9000
        send '00 D7 CF 02 09 54 02 00 03 53 03 04 05 06', sw: 0x9000
        send read('CF 02', 0), sw: 0x9000, data: '010203040506'
        send read('CF 02', 4), sw: 0x9000, data: '0506'
    }
    testcase('UPDATE BINARY cannot write EF 2F02', ref: 'keys §1.2 (read-only); sim File commands') {
        send VERIFY, sw: 0x9000
        send '00 D7 2F 02 07 54 02 00 00 53 01 00', sw: 0x6982
    }
    testcase('UPDATE BINARY cannot write a key', ref: 'keys §1.2; sim Keys') {
        send VERIFY, sw: 0x9000
        send '00 D7 CC 01 07 54 02 00 00 53 01 00', sw: 0x6982
    }
    testcase('UPDATE BINARY with malformed data objects answers 6A80', ref: 'sim File commands') {
        send VERIFY, sw: 0x9000
        send '00 D7 CF 01 07 54 02 00 00 53 02 AA', sw: 0x6A80
        send '00 D7 CF 01 04 54 02 00 00', sw: 0x6A80
    }
    testcase('UPDATE BINARY without data answers 6700', ref: 'sim File commands') {
        send VERIFY, sw: 0x9000
        send '00 D7 CF 01', sw: 0x6700
    }
    testcase('PIN-protected data (CD) needs the PIN to be read', ref: 'keys §1.4; sim File commands') {
        send VERIFY, sw: 0x9000
        send '00 D7 CD 01 07 54 02 00 00 53 01 42', sw: 0x9000
        send SELECT, sw: 0x9000
        send read('CD 01', 0), sw: 0x6982
    }
    testcase('DELETE FILE removes an EF', ref: 'keys §1.6; sim File commands') {
        send VERIFY, sw: 0x9000
        send '00 D7 CF 03 07 54 02 00 00 53 01 11', sw: 0x9000
        send '00 E4 02 00 02 CF 03', sw: 0x9000
        send '00 A4 00 00 02 CF 03 00', sw: 0x6A82
    }
    testcase('DELETE FILE without the user PIN answers 6982', ref: 'keys §1.6 (pico 6982); sim File commands') {
        send '00 E4 02 00 02 CF 03', sw: 0x6982
    }
    testcase('DELETE FILE of an unknown FID answers 6A82', ref: 'keys §1.6; sim File commands') {
        send VERIFY, sw: 0x9000
        send '00 E4 02 00 02 CF 77', sw: 0x6A82
    }
    testcase('DELETE FILE refuses EF 2F02', ref: 'keys §1.2; sim File commands') {
        send VERIFY, sw: 0x9000
        send '00 E4 02 00 02 2F 02', sw: 0x6982
    }
    testcase('DELETE FILE refuses the device key CC00', ref: 'keys §1.6 (pico 6982); sim File commands') {
        send VERIFY, sw: 0x9000
        send '00 E4 02 00 02 CC 00', sw: 0x6982
        send ENUMERATE, sw: 0x9000, data: ~/^(....)*CC00(....)*$/
    }
    testcase('DELETE FILE with a wrong length or P1P2 is refused', ref: 'sim File commands') {
        send VERIFY, sw: 0x9000
        send '00 E4 02 00 01 CF', sw: 0x6700
        send '00 E4 00 00 02 CF 01', sw: 0x6A86
    }

    // ---- GENERATE ASYMMETRIC KEY PAIR ----
    testcase('GENERATE ASYMMETRIC KEY PAIR without the user PIN answers 6982', ref: 'keys §2.1 (pico 6982); sim GENERATE') {
        send GEN_EC1, sw: 0x6982
    }
    testcase('an EC P-256 key answers an authenticated request', ref: 'keys §2.2; sim GENERATE') {
        send VERIFY, sw: 0x9000
        send GEN_EC1, sw: 0x9000, data: ~/^6782/, tlv: [
            '67/7F21/7F4E/5F20': ascii('ZZSIMCONF00001').replace(' ', ''),
            '67/7F21/7F4E/42': ascii('UTCA00001').replace(' ', ''),
            '67/7F21/7F4E/7F49/81': P]
    }
    testcase('the card stores the request in CE<id> and lists the key', ref: 'keys §2.2 (CardContact reads CE after GAKP); sim GENERATE') {
        send VERIFY, sw: 0x9000
        def answer = hex(send(GEN_EC1).data())
        send read('CE 01', 0), sw: 0x9000, data: answer
        send ENUMERATE, sw: 0x9000, data: ~/^(....)*CC01(....)*$/
        send ENUMERATE, sw: 0x9000, data: ~/^(....)*CE01(....)*$/
    }
    testcase('an RSA 1024 key answers modulus and exponent', ref: 'keys §2.1, §2.2; sim GENERATE') {
        send VERIFY, sw: 0x9000
        send generate(2, body(RSA_KEY(1024))), sw: 0x9000, tlv: ['67/7F21/7F4E/7F49/82': '010001']
    }
    testcase('a key is never readable, and SELECT shows it with size 0', ref: 'keys §1.1, §1.2; sim Keys') {
        withKey(delegate)
        send read('CC 01', 0), sw: 0x6982
        send '00 A4 00 00 02 CC 01 00', sw: 0x9000, data: ~/^62..800200008201018302CC01/
    }
    testcase('SELECT of a key reports its uses left, algorithm list and key domain', ref: 'keys §2.1; sim SELECT (A5 as pico-hsm)') {
        withKey(delegate, generate(1, body(EC_KEY, '90 04 00 00 00 02 91 02 73 70')))
        send '00 A4 00 00 02 CC 01 00', sw: 0x9000, tlv: ['62/A5/90': '00000002', '62/A5/91': '7370', '62/A5/92': '00']
        send sign(1, 0x73, MESSAGE), sw: 0x9000
        send '00 A4 00 00 02 CC 01 00', sw: 0x9000, tlv: ['62/A5/90': '00000001']
    }
    testcase('SELECT of the device key reports no usage', ref: 'sim SELECT') {
        send '00 A4 00 00 02 CC 00 00', sw: 0x9000, data: '620B800200008201018302CC00'
    }
    testcase('a key id in use is refused', ref: 'sim GENERATE') {
        withKey(delegate)
        send GEN_EC1, sw: 0x6A89
    }
    testcase('key id 00 (the device key) and P2 other than 00 are refused', ref: 'keys §1.2, §10 #6; sim GENERATE') {
        send VERIFY, sw: 0x9000
        send generate(0, body(EC_KEY)), sw: 0x6A86
        send ext('00 46 01 01', body(EC_KEY)), sw: 0x6A86
    }
    testcase('a request without public key template answers 6A80', ref: 'sim GENERATE') {
        send VERIFY, sw: 0x9000
        send generate(1, '5F29 01 00'), sw: 0x6A80
    }
    testcase('an RSA size the card cannot do answers 6A81', ref: 'sim Keys') {
        send VERIFY, sw: 0x9000
        send generate(1, body(RSA_KEY(1000))), sw: 0x6A81
    }
    testcase('an extended Le too small for the answer leaves no key behind', ref: 'sim GENERATE') {
        send VERIFY, sw: 0x9000
        String data = body(EC_KEY)
        send "00 46 01 00 00 ${hex2(length(data))} $data 01 00", sw: 0x6700
        send '00 A4 00 00 02 CC 01 00', sw: 0x6A82
        send GEN_EC1, sw: 0x9000
    }
    testcase('a short APDU with Le cannot carry the answer', ref: 'sim GENERATE') {
        send VERIFY, sw: 0x9000
        String data = body(EC_KEY)
        send "00 46 01 00 ${String.format('%02X', length(data))} $data 00", sw: 0x6700
    }

    // ---- COMPUTE SIGNATURE ----
    testcase('ECDSA over a hash answers a DER signature', ref: 'keys §3.1, §3.2; sim COMPUTE SIGNATURE') {
        withKey(delegate)
        send sign(1, 0x70, HASH), sw: 0x9000, data: ~/^30[0-9A-F]{2}02/
    }
    testcase('ECDSA with SHA-256 on the card answers a DER signature', ref: 'keys §3.1; sim COMPUTE SIGNATURE') {
        withKey(delegate)
        send sign(1, 0x73, MESSAGE), sw: 0x9000, data: ~/^30/
    }
    testcase('RSA raw signs one modulus-long block', ref: 'keys §3.1 (OpenSC pads, sends 20); sim COMPUTE SIGNATURE') {
        withKey(delegate, GEN_RSA2)
        // PKCS#1 v1.5 type 1 block of 128 bytes around a 32-byte hash, padded by the host
        send sign(2, 0x20, '00 01 ' + 'FF ' * 93 + '00 ' + HASH), sw: 0x9000, data: ~/^[0-9A-F]{256}$/
    }
    testcase('RSA-PSS over a host hash answers a modulus-long signature', ref: 'keys §3.1, §3.2 (OpenSC sends 40 with the hash); sim COMPUTE SIGNATURE') {
        withKey(delegate, GEN_RSA2)
        send sign(2, 0x40, HASH), sw: 0x9000, data: ~/^[0-9A-F]{256}$/
    }
    testcase('RSA-PSS with SHA-1 on the card answers a modulus-long signature', ref: 'keys §3.1; sim COMPUTE SIGNATURE') {
        withKey(delegate, GEN_RSA2)
        send sign(2, 0x41, MESSAGE), sw: 0x9000, data: ~/^[0-9A-F]{256}$/
    }
    testcase('RSA-PSS over a hash of no known length answers 6700', ref: 'sim COMPUTE SIGNATURE') {
        withKey(delegate, GEN_RSA2)
        send sign(2, 0x40, '00 11 22'), sw: 0x6700
    }
    testcase('signing without the user PIN answers 6982', ref: 'keys §3.2; sim COMPUTE SIGNATURE') {
        withKey(delegate)
        send SELECT, sw: 0x9000
        send sign(1, 0x70, HASH), sw: 0x6982
    }
    testcase('signing with an unknown key answers 6A88', ref: 'sim COMPUTE SIGNATURE') {
        send VERIFY, sw: 0x9000
        send sign(9, 0x70, HASH), sw: 0x6A88
    }
    testcase('the device key does not sign', ref: 'keys §1.2 (PrK.DevAut); sim COMPUTE SIGNATURE') {
        send VERIFY, sw: 0x9000
        send sign(0, 0x70, HASH), sw: 0x6982
    }
    testcase('an RSA algorithm on an EC key answers 6A81', ref: 'keys §3.2; sim COMPUTE SIGNATURE') {
        withKey(delegate)
        send sign(1, 0x20, HASH), sw: 0x6A81
    }
    testcase('an algorithm outside the key\'s list (91) answers 6A81', ref: 'keys §2.1, §3.2; sim COMPUTE SIGNATURE') {
        withKey(delegate, generate(1, body(EC_KEY, '91 01 73')))
        send sign(1, 0x70, HASH), sw: 0x6A81
        send sign(1, 0x73, MESSAGE), sw: 0x9000
    }
    testcase('an exhausted use counter (90) answers 6984', ref: 'keys §2.1, §3.2; sim COMPUTE SIGNATURE') {
        withKey(delegate, generate(1, body(EC_KEY, '90 04 00 00 00 01')))
        send sign(1, 0x70, HASH), sw: 0x9000
        send sign(1, 0x70, HASH), sw: 0x6984
    }
    testcase('an unknown algorithm ID answers 6A86', ref: 'sim COMPUTE SIGNATURE') {
        withKey(delegate)
        send sign(1, 0x77, HASH), sw: 0x6A86
    }
    testcase('RSA raw with a block of the wrong length answers 6700', ref: 'sim COMPUTE SIGNATURE') {
        withKey(delegate, GEN_RSA2)
        send sign(2, 0x20, HASH), sw: 0x6700
    }

    // ---- DECIPHER ----
    testcase('ECDH answers 04 and the shared X', ref: 'keys §3.3; sim DECIPHER') {
        withKey(delegate)
        // the peer point G makes the shared point the key's own public point
        def q = hex(send(read('CE 01', 0)).data())
        int at = q.indexOf('8520' + N + '864104') + 4 + 64 + 6
        def x = q.substring(at, at + 64)
        send decipher(1, 0x80, G), sw: 0x9000, data: '04' + x
    }
    testcase('ECDH with a point of the wrong length answers 6700', ref: 'sim DECIPHER') {
        withKey(delegate)
        send decipher(1, 0x80, HASH), sw: 0x6700
    }
    testcase('ECDH with a point off the curve answers 6A80', ref: 'sim DECIPHER') {
        withKey(delegate)
        send decipher(1, 0x80, '04 ' + '00 ' * 64), sw: 0x6A80
    }
    testcase('RSA raw decryption answers one modulus-long block', ref: 'keys §3.3; sim DECIPHER') {
        withKey(delegate, GEN_RSA2)
        send decipher(2, 0x21, '00 ' * 127 + '02'), sw: 0x9000, data: ~/^[0-9A-F]{256}$/
    }
    testcase('DECIPHER without the user PIN answers 6982', ref: 'keys §3.2; sim DECIPHER') {
        send decipher(1, 0x80, G), sw: 0x6982
    }
    testcase('DECIPHER with pico-only algorithm 22 answers 6A86', ref: 'keys §3.1, §10 #15; sim DECIPHER') {
        withKey(delegate, GEN_RSA2)
        send decipher(2, 0x22, '00 ' * 128), sw: 0x6A86
    }

    // ---- deleting keys, re-initialization ----
    testcase('DELETE FILE of a key removes it', ref: 'keys §1.6; sim File commands') {
        withKey(delegate)
        send '00 E4 02 00 02 CC 01', sw: 0x9000
        send sign(1, 0x70, HASH), sw: 0x6A88
    }
    testcase('re-initialization erases keys and keeps the device key and 2F02', ref: 'keys §1.2; sim INITIALIZE DEVICE') {
        withKey(delegate)
        send "80 50 00 00 19 80 02 00 01 81 06 $PIN 82 08 $SO 91 01 03", sw: 0x9000
        send ENUMERATE, sw: 0x9000, data: ~/^(....)*CC00(....)*$/
        send '00 A4 00 00 02 CC 01 00', sw: 0x6A82
        send '00 A4 00 00 02 CE 01 00', sw: 0x6A82
        send '00 A4 00 00 02 2F 02 00', sw: 0x9000
    }
}
