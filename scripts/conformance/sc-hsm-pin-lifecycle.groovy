// SmartCard-HSM PIN life cycle: SELECT, INITIALIZE DEVICE, VERIFY, CHANGE REFERENCE DATA,
// RESET RETRY COUNTER, transport PIN, wrong lengths, wrong P1/P2, unknown INS and CLA.
//
//   schsm test -r sim:fresh scripts/conformance/sc-hsm-pin-lifecycle.groovy
//
// References: "ref §n" is docs/protocol.md §n, "sim" is docs/simulator.md.
//
// WARNING: every case of the second suite re-initializes the card (INITIALIZE DEVICE erases all
// keys and files) with the documented default SO-PIN 3537363231383830. Run it on a simulator or a
// test card only.
//
// Portable by design: cases check what the protocol fixes (the AID in FCP tag 84; the options
// byte, fourth from the end of tag 85, as OpenSC reads it) and take the version from the card.
// Cases that hold only for schsm's simulator (its SO-PIN counter coming back after a right SO-PIN,
// its FCP length, its speed) say so in their reference and skip on any other card; they are the
// only ones that spend an SO-PIN try, so a real card never loses one to this suite.

def SELECT   = '00 A4 04 00 0B E8 2B 06 01 04 01 81 C3 1F 02 01 00'
def AID      = 'E8 2B 06 01 04 01 81 C3 1F 02 01'
def SO       = '35 37 36 32 31 38 38 30'      // default SO-PIN, 8 bytes
def OTHER_SO = '31 32 33 34 35 36 37 38'
def PIN      = '36 34 38 32 31 39'            // "648219"
def WRONG    = '31 31 31 31 31 31'            // "111111"
def NEW_PIN  = '31 32 33 34 35 36 37'         // "1234567"

def hex2 = { int v -> String.format('%02X %02X', v >> 8, v & 0xFF) }
def hex1 = { int v -> String.format('%02X', v) }
// INITIALIZE DEVICE as OpenSC encodes it: 80 options, 81 user PIN, 82 SO-PIN, 91 retry counter.
def initialize = { int options = 0x0001, int retries = 3, String so = SO ->
    "80 50 00 00 19 80 02 ${hex2(options)} 81 06 $PIN 82 08 $so 91 01 ${hex1(retries)}"
}
// FCP tag 85 as OpenSC reads it, from the end (ref §1.2): options low byte, build type, major,
// minor. Only the options byte is fixed by what INITIALIZE set; the version is the card's own.
def options = { int low -> ~/${String.format('%02X', low)}[0-9A-F]{6}$/ }
// schsm's simulator carries a device certificate issued by its own CA, ZZSIMDICA (country ZZ: no real CA; docs/simulator.md,
// EF.C_DevAut); no other card does. Reading EF 2F02 (SELECT, READ BINARY) changes nothing.
def simulatorOnly = { ctx, String why ->
    ctx.send '00 A4 00 00 02 2F 02 00'
    def cert = ctx.send '00 B1 00 00 04 54 02 00 00 00'
    ctx.skipUnless(cert.isOk() && ctx.hex(cert.data()).contains('5A5A53494D44494341'),
            "holds only for schsm's simulator ($why); this card is another implementation")
    ctx.send SELECT, sw: 0x9000
}
// Spending an SO-PIN try is only done when all 15 are there (see the warning above).
def requireAllSoTries = { ctx ->
    ctx.skipUnless(ctx.send('00 20 00 88').sw() == 0x63CF, 'the SO-PIN has fewer than 15 tries left; not spending one')
}

suite('SmartCard-HSM never initialized') {
    // No setup: these cases only apply to a factory-fresh card and skip on any other.
    setup {
        send SELECT, sw: 0x9000
        skipUnless(send('00 20 00 88').sw() == 0x6A88, 'the card has been initialized')
    }

    testcase('VERIFY SO-PIN status on a never initialized card', ref: 'ref §3.2; sim VERIFY') {
        description 'both references answer "referenced data not found" before the first INITIALIZE'
        send '00 20 00 88', sw: 0x6A88
    }
    testcase('VERIFY user PIN status on a never initialized card', ref: 'ref §3.2; sim VERIFY') {
        send '00 20 00 81', sw: 0x6A88
    }
    testcase('VERIFY with data on a never initialized card', ref: 'ref §3.2; sim VERIFY') {
        send "00 20 00 81 06 $PIN", sw: 0x6A88
    }
    testcase('CHANGE REFERENCE DATA on a never initialized card', ref: 'ref §4; sim CHANGE REFERENCE DATA') {
        send "00 24 00 81 0C $PIN $PIN", sw: 0x6A88
    }
    testcase('RESET RETRY COUNTER on a never initialized card', ref: 'ref §5; sim RESET RETRY COUNTER') {
        send "00 2C 01 81 08 $SO", sw: 0x6A88
    }
    testcase('FCP of a never initialized card shows options 0000', ref: 'ref §1.2; sim SELECT') {
        send SELECT, sw: 0x9000, tlv: ['62/85': options(0x00), '62/84': AID]
    }
}

suite('SmartCard-HSM PIN lifecycle') {
    // Every case starts from the same state: initialized with options 0001 (PIN reset allowed),
    // user PIN 648219 with 3 tries, default SO-PIN, nothing verified.
    setup {
        send SELECT, sw: 0x9000
        send initialize(), sw: 0x9000
        send SELECT, sw: 0x9000
    }

    // ---- SELECT ----
    testcase('SELECT returns an FCP with the AID, the options and a version', ref: 'ref §1.1, §1.2; sim SELECT') {
        send SELECT, sw: 0x9000, data: ~/^62/, tlv: ['62/84': AID, '62/85': options(0x01)]
        def info = AppletInfo.fromFcp(last.data())
        assert info.version().major() >= 1
        description "the card reports ${info.cardName()}"
    }
    testcase('SELECT without Le also returns the FCP', ref: 'sim SELECT') {
        send '00 A4 04 00 0B E8 2B 06 01 04 01 81 C3 1F 02 01', sw: 0x9000, data: ~/^62/
    }
    testcase('SELECT with P2 0C returns no data', ref: 'sim SELECT (ISO; pico differs, ref §1.2)') {
        send '00 A4 04 0C 0B E8 2B 06 01 04 01 81 C3 1F 02 01', sw: 0x9000, data: ''
    }
    testcase('SELECT with a too short Le answers 6Cxx with the FCP length', ref: 'sim Commands and status words (simulator only)') {
        simulatorOnly(delegate, 'ISO lets a card answer a short Le with the data cut, or 6Cxx')
        def fcp = send(SELECT, sw: 0x9000).data()
        send '00 A4 04 00 0B E8 2B 06 01 04 01 81 C3 1F 02 01 05', sw: String.format('6C%02X', fcp.length)
    }
    testcase('SELECT of an unknown AID answers 6A82', ref: 'sim SELECT; ISO 7816-4') {
        send '00 A4 04 00 05 A0 00 00 00 01 00', sw: 0x6A82
    }
    testcase('SELECT with an unsupported P1 answers 6A86', ref: 'sim SELECT') {
        send '00 A4 08 00 02 3F 00', sw: 0x6A86
    }
    testcase('SELECT logs the user out', ref: 'ref §1.3; sim SELECT') {
        send "00 20 00 81 06 $PIN", sw: 0x9000
        send '00 20 00 81', sw: 0x9000
        send SELECT, sw: 0x9000
        send '00 20 00 81', sw: 0x63C3
    }

    // ---- INITIALIZE DEVICE ----
    testcase('INITIALIZE without data answers 6700', ref: 'ref §2.6; sim INITIALIZE DEVICE') {
        send '80 50 00 00', sw: 0x6700
    }
    testcase('INITIALIZE with P1P2 other than 0000 answers 6A86', ref: 'sim INITIALIZE DEVICE') {
        send initialize().replace('80 50 00 00', '80 50 00 01'), sw: 0x6A86
    }
    testcase('INITIALIZE in class 00 is an unknown instruction', ref: 'sim Commands and status words') {
        send initialize().replace('80 50 00 00', '00 50 00 00'), sw: 0x6D00
    }
    testcase('INITIALIZE without the SO-PIN tag answers 6A80', ref: 'ref §2.2; sim INITIALIZE DEVICE') {
        send "80 50 00 00 0F 80 02 00 01 81 06 $PIN 91 01 03", sw: 0x6A80
    }
    testcase('INITIALIZE with a 5-byte user PIN answers 6A80', ref: 'ref §2.4; sim INITIALIZE DEVICE') {
        send "80 50 00 00 18 80 02 00 01 81 05 31 32 33 34 35 82 08 $SO 91 01 03", sw: 0x6A80
    }
    testcase('INITIALIZE with retry counter 0 answers 6A80', ref: 'ref §2.2; sim INITIALIZE DEVICE') {
        send initialize(0x0001, 0), sw: 0x6A80
    }
    testcase('INITIALIZE with public-key authentication answers 6A81', ref: 'ref §2.2 tag 93; sim INITIALIZE DEVICE') {
        send "80 50 00 00 1D 80 02 00 01 81 06 $PIN 82 08 $SO 91 01 03 93 02 01 01", sw: 0x6A81
    }
    testcase('INITIALIZE sets the user PIN retry counter', ref: 'ref §2.2 tag 91; sim INITIALIZE DEVICE') {
        send initialize(0x0001, 5), sw: 0x9000
        send SELECT, sw: 0x9000
        send '00 20 00 81', sw: 0x63C5
    }
    testcase('re-INITIALIZE restores the user PIN tries', ref: 'ref §2.5; sim INITIALIZE DEVICE') {
        send "00 20 00 81 06 $WRONG", sw: 0x63C2
        send "00 20 00 81 06 $WRONG", sw: 0x63C1
        send initialize(), sw: 0x9000
        send SELECT, sw: 0x9000
        send '00 20 00 81', sw: 0x63C3
    }
    testcase('re-INITIALIZE with a wrong SO-PIN spends an SO try and erases nothing', ref: 'ref §2.5; sim INITIALIZE DEVICE, SO-PIN counter (simulator only)') {
        simulatorOnly(delegate, 'a right SO-PIN gives the spent try back')
        requireAllSoTries(delegate)
        send initialize(0x0001, 3, OTHER_SO), sw: 0x63CE
        send SELECT, sw: 0x9000, tlv: ['62/85': options(0x01)]
        send '00 20 00 88', sw: 0x63CE
        send initialize(), sw: 0x9000             // the right SO-PIN: back to 15 on the simulator
        send SELECT, sw: 0x9000
        send '00 20 00 88', sw: 0x63CF
    }

    // ---- VERIFY ----
    testcase('VERIFY without data reports the tries left and spends nothing', ref: 'ref §3.1, §3.2; sim VERIFY') {
        description 'status query spends nothing'
        send '00 20 00 81', sw: 0x63C3
        send '00 20 00 81', sw: 0x63C3
    }
    testcase('VERIFY status query with Le is accepted', ref: 'sim VERIFY (case 2)') {
        send '00 20 00 81 00', sw: '63CX'
    }
    testcase('VERIFY SO-PIN status shows 15 tries', ref: 'ref §2.5; sim SO-PIN counter') {
        send '00 20 00 88', sw: 0x63CF
    }
    testcase('VERIFY with the right PIN succeeds and the status shows it', ref: 'ref §3.2; sim VERIFY') {
        send "00 20 00 81 06 $PIN", sw: 0x9000
        send '00 20 00 81', sw: 0x9000
    }
    testcase('VERIFY with a wrong PIN answers 63C2', ref: 'ref §3.2; sim VERIFY') {
        send "00 20 00 81 06 $WRONG", sw: 0x63C2
        send '00 20 00 81', sw: 0x63C2
    }
    testcase('three wrong PINs block the user PIN', ref: 'ref §3.2; sim VERIFY') {
        send "00 20 00 81 06 $WRONG", sw: 0x63C2
        send "00 20 00 81 06 $WRONG", sw: 0x63C1
        send "00 20 00 81 06 $WRONG", sw: 0x6983
        send '00 20 00 81', sw: 0x6983
    }
    testcase('the right PIN does not unblock a blocked PIN', ref: 'ref §3.2; sim VERIFY') {
        3.times { send "00 20 00 81 06 $WRONG", sw: [0x63C2, 0x63C1, 0x6983] }
        send "00 20 00 81 06 $PIN", sw: 0x6983
    }
    testcase('the right PIN restores the retry counter', ref: 'ref §3.2; sim VERIFY') {
        send "00 20 00 81 06 $WRONG", sw: 0x63C2
        send "00 20 00 81 06 $PIN", sw: 0x9000
        send SELECT, sw: 0x9000
        send '00 20 00 81', sw: 0x63C3
    }
    testcase('a failed VERIFY ends the verified session', ref: 'sim VERIFY') {
        send "00 20 00 81 06 $PIN", sw: 0x9000
        send "00 20 00 81 06 $WRONG", sw: 0x63C2
        send '00 20 00 81', sw: 0x63C2
    }
    testcase('VERIFY with a 5-byte PIN answers 6700 and spends nothing', ref: 'ref §2.4; sim VERIFY') {
        send '00 20 00 81 05 31 32 33 34 35', sw: 0x6700
        send '00 20 00 81', sw: 0x63C3
    }
    testcase('VERIFY with a 17-byte PIN answers 6700', ref: 'ref §2.4; sim VERIFY') {
        send '00 20 00 81 11 31 32 33 34 35 36 37 38 39 30 31 32 33 34 35 36 37', sw: 0x6700
        send '00 20 00 81', sw: 0x63C3
    }
    testcase('VERIFY SO-PIN with the right value succeeds', ref: 'ref open question 6; sim VERIFY') {
        send "00 20 00 88 08 $SO", sw: 0x9000
        send '00 20 00 88', sw: 0x9000
    }
    testcase('VERIFY SO-PIN given as 16 characters answers 6700 and spends nothing', ref: 'ref §10; sim VERIFY') {
        send '00 20 00 88 10 33 35 33 37 33 36 33 32 33 31 33 38 33 38 33 30', sw: 0x6700
        send '00 20 00 88', sw: 0x63CF
    }
    testcase('VERIFY SO-PIN wrong then right restores its tries', ref: 'sim SO-PIN counter (simulator only)') {
        simulatorOnly(delegate, 'a right SO-PIN gives the spent try back; undocumented for the real card')
        requireAllSoTries(delegate)
        send "00 20 00 88 08 $OTHER_SO", sw: 0x63CE
        send "00 20 00 88 08 $SO", sw: 0x9000
        send SELECT, sw: 0x9000
        send '00 20 00 88', sw: 0x63CF
    }
    testcase('VERIFY with P1 01 answers 6A86', ref: 'sim VERIFY') {
        send '00 20 01 81', sw: 0x6A86
    }
    testcase('VERIFY of an unknown reference answers 6A88', ref: 'ref §3.2; sim VERIFY') {
        send '00 20 00 85', sw: 0x6A88
    }

    // ---- CHANGE REFERENCE DATA ----
    testcase('CHANGE REFERENCE DATA replaces the user PIN', ref: 'ref §4; sim CHANGE REFERENCE DATA') {
        send "00 24 00 81 0D $PIN $NEW_PIN", sw: 0x9000
        send SELECT, sw: 0x9000
        send "00 20 00 81 07 $NEW_PIN", sw: 0x9000
        send SELECT, sw: 0x9000
        send "00 20 00 81 06 $PIN", sw: 0x63C2
    }
    testcase('CHANGE REFERENCE DATA with a wrong old PIN spends a try', ref: 'ref §4; sim CHANGE REFERENCE DATA') {
        send "00 24 00 81 0D $WRONG $NEW_PIN", sw: 0x63C2
        send '00 20 00 81', sw: 0x63C2
    }
    testcase('CHANGE REFERENCE DATA shorter than 12 bytes answers 6700', ref: 'sim CHANGE REFERENCE DATA') {
        send "00 24 00 81 06 $PIN", sw: 0x6700
        send '00 20 00 81', sw: 0x63C3
    }
    testcase('CHANGE REFERENCE DATA of 11 bytes answers 6700 and changes nothing', ref: 'sim CHANGE REFERENCE DATA') {
        send "00 24 00 81 0B $PIN 31 32 33 34 35", sw: 0x6700
        send "00 20 00 81 06 $PIN", sw: 0x9000
    }
    testcase('CHANGE REFERENCE DATA of a blocked PIN answers 6983', ref: 'ref §4; sim CHANGE REFERENCE DATA') {
        3.times { send "00 20 00 81 06 $WRONG" }
        send "00 24 00 81 0D $PIN $NEW_PIN", sw: 0x6983
    }
    testcase('CHANGE REFERENCE DATA replaces the SO-PIN', ref: 'ref §4; sim CHANGE REFERENCE DATA') {
        send "00 24 00 88 10 $SO $OTHER_SO", sw: 0x9000
        send "00 20 00 88 08 $OTHER_SO", sw: 0x9000
        send "00 24 00 88 10 $OTHER_SO $SO", sw: 0x9000   // back to the default for the next cases
    }
    testcase('CHANGE REFERENCE DATA of the SO-PIN with 15 bytes answers 6700', ref: 'sim CHANGE REFERENCE DATA') {
        send "00 24 00 88 0F $SO 31 32 33 34 35 36 37", sw: 0x6700
        send '00 20 00 88', sw: 0x63CF
    }
    testcase('CHANGE REFERENCE DATA with P1 01 answers 6A86', ref: 'sim CHANGE REFERENCE DATA') {
        send "00 24 01 81 0D $PIN $NEW_PIN", sw: 0x6A86
    }
    testcase('CHANGE REFERENCE DATA of an unknown reference answers 6A88', ref: 'ref §4; sim CHANGE REFERENCE DATA') {
        send "00 24 00 83 0D $PIN $NEW_PIN", sw: 0x6A88
    }

    // ---- RESET RETRY COUNTER ----
    testcase('RESET RETRY COUNTER P1 01 unblocks the user PIN', ref: 'ref §5; sim RESET RETRY COUNTER') {
        3.times { send "00 20 00 81 06 $WRONG" }
        send '00 20 00 81', sw: 0x6983
        send "00 2C 01 81 08 $SO", sw: 0x9000
        send '00 20 00 81', sw: 0x63C3
        send "00 20 00 81 06 $PIN", sw: 0x9000
    }
    testcase('RESET RETRY COUNTER P1 00 sets a new user PIN', ref: 'ref §5; sim RESET RETRY COUNTER') {
        send "00 2C 00 81 0F $SO $NEW_PIN", sw: 0x9000
        send "00 20 00 81 07 $NEW_PIN", sw: 0x9000
    }
    testcase('RESET RETRY COUNTER with a wrong SO-PIN spends an SO try', ref: 'ref §5; sim RESET RETRY COUNTER, SO-PIN counter (simulator only)') {
        simulatorOnly(delegate, 'the right SO-PIN afterwards gives the spent try back')
        requireAllSoTries(delegate)
        send "00 2C 01 81 08 $OTHER_SO", sw: 0x63CE
        send "00 20 00 88 08 $SO", sw: 0x9000       // gives the try back on the simulator
    }
    testcase('RESET RETRY COUNTER P1 02 needs an SO session', ref: 'sim RESET RETRY COUNTER') {
        send "00 2C 02 81 07 $NEW_PIN", sw: 0x6982
    }
    testcase('RESET RETRY COUNTER P1 02 after VERIFY SO-PIN sets a new PIN', ref: 'sim RESET RETRY COUNTER') {
        send "00 20 00 88 08 $SO", sw: 0x9000
        send "00 2C 02 81 07 $NEW_PIN", sw: 0x9000
        send "00 20 00 81 07 $NEW_PIN", sw: 0x9000
    }
    testcase('RESET RETRY COUNTER P1 03 after VERIFY SO-PIN resets the counter', ref: 'sim RESET RETRY COUNTER') {
        send "00 20 00 81 06 $WRONG", sw: 0x63C2
        send "00 20 00 88 08 $SO", sw: 0x9000
        send '00 2C 03 81', sw: 0x9000
        send '00 20 00 81', sw: 0x63C3
    }
    testcase('RESET RETRY COUNTER with P1 04 answers 6A86', ref: 'sim RESET RETRY COUNTER') {
        send "00 2C 04 81 08 $SO", sw: 0x6A86
    }
    testcase('RESET RETRY COUNTER of the SO-PIN answers 6A88', ref: 'ref §5; sim RESET RETRY COUNTER') {
        send "00 2C 01 88 08 $SO", sw: 0x6A88
    }
    testcase('RESET RETRY COUNTER P1 01 with 7 bytes answers 6700', ref: 'sim RESET RETRY COUNTER') {
        send '00 2C 01 81 07 35 37 36 32 31 38 38', sw: 0x6700
        send '00 20 00 88', sw: 0x63CF
    }
    testcase('RESET RETRY COUNTER without option 0001 answers 6986 before any SO try', ref: 'ref §2.3; sim RESET RETRY COUNTER') {
        send initialize(0x0000), sw: 0x9000
        send SELECT, sw: 0x9000, tlv: ['62/85': options(0x00)]
        send "00 2C 01 81 08 $OTHER_SO", sw: 0x6986
        send '00 20 00 88', sw: 0x63CF
    }

    // ---- transport PIN ----
    testcase('transport PIN: the FCP shows option 0002', ref: 'ref §2.3; sim SELECT') {
        send initialize(0x0003), sw: 0x9000
        send SELECT, sw: 0x9000, tlv: ['62/85': options(0x03)]
    }
    testcase('transport PIN: VERIFY status answers 6984', ref: 'ref open question 5; sim CHANGE REFERENCE DATA') {
        send initialize(0x0003), sw: 0x9000
        send SELECT, sw: 0x9000
        send '00 20 00 81', sw: 0x6984
    }
    testcase('transport PIN: VERIFY with the PIN answers 6984 and spends nothing', ref: 'sim CHANGE REFERENCE DATA') {
        send initialize(0x0003), sw: 0x9000
        send SELECT, sw: 0x9000
        send "00 20 00 81 06 $PIN", sw: 0x6984
        send "00 20 00 81 06 $WRONG", sw: 0x6984
    }
    testcase('transport PIN: CHANGE REFERENCE DATA ends transport mode', ref: 'ref §2.3; sim CHANGE REFERENCE DATA') {
        send initialize(0x0003), sw: 0x9000
        send SELECT, sw: 0x9000
        send "00 24 00 81 0D $PIN $NEW_PIN", sw: 0x9000
        send SELECT, sw: 0x9000, tlv: ['62/85': options(0x01)]
        send '00 20 00 81', sw: 0x63C3
        send "00 20 00 81 07 $NEW_PIN", sw: 0x9000
    }

    // ---- classes, instructions, lengths ----
    testcase('VERIFY in class 80 is an unknown instruction', ref: 'sim Commands and status words') {
        send '80 20 00 81', sw: 0x6D00
    }
    testcase('an undefined instruction answers 6D00', ref: 'sim Commands and status words; ISO 7816-4') {
        send '00 02 00 00', sw: 0x6D00
        send '80 FE 00 00', sw: 0x6D00
    }
    testcase('secure messaging and logical channel classes answer 6E00', ref: 'sim Commands and status words') {
        send '0C 20 00 81', sw: 0x6E00
        send '01 20 00 81', sw: 0x6E00
        send 'B0 20 00 81', sw: 0x6E00
    }
    testcase('an APDU of 3 bytes answers 6700', ref: 'sim What the host adds') {
        send hex('00 20 00'), sw: 0x6700
    }
    testcase('an Lc that disagrees with the data answers 6700', ref: 'sim What the host adds') {
        send hex('00 20 00 81 06 31 32'), sw: 0x6700
        send '00 20 00 81', sw: 0x63C3
    }
    testcase('a status query answers within 50 ms', ref: 'performance budget (simulator only)') {
        simulatorOnly(delegate, 'its speed budget; a real card over USB takes longer')
        within 2.s
        send '00 20 00 81', sw: 0x63C3, within: 50.ms
    }
}
