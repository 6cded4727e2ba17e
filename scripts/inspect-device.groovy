// Full dump of a SmartCard-HSM's state, read-only: ATR, FCP (version, options), PIN states,
// DKEK status and the number of key objects. Spends no PIN try (VERIFY without data).
//
//   schsm run [-r READER] scripts/inspect-device.groovy

def AID_SELECT = "00 A4 04 00 0B E8 2B 06 01 04 01 81 C3 1F 02 01 00"

println "reader       : ${card.name()}"
println "ATR          : ${hex(card.atr())}"

def fcp = send(AID_SELECT)
if (!fcp.ok) {
    println "SELECT       : ${fcp.statusWord} - no SmartCard-HSM application on this card"
    return 1
}
println "FCP          : ${fcp.hex}"
tlv(fcp.data).toString().eachLine { println "               $it" }
def prop = tlv(fcp.data).find(0x85)?.value
if (prop != null && prop.length >= 2) {
    int n = prop.length
    println "version      : ${prop[n - 2] & 0xFF}.${prop[n - 1] & 0xFF}"
    if (n >= 4) {
        int options = n >= 5 ? ((prop[0] & 0xFF) << 8) | (prop[1] & 0xFF) : (prop[n - 4] & 0xFF)
        def names = []
        if (options & 0x0001) names << "user PIN reset with SO-PIN"
        if (options & 0x0002) names << "transport PIN"
        if (options & 0x0004) names << "session PIN"
        println "options      : ${String.format('%04X', options)}${names ? ' (' + names.join(', ') + ')' : ''}"
    }
}

def pinState = { int p2 ->
    def r = send(0x00, 0x20, 0x00, p2)
    switch (r.sw) {
        case 0x9000: return "verified in this session"
        case 0x63C0..0x63CF: return "${r.sw & 0x0F} tries left"
        case 0x6983: return "BLOCKED"
        case 0x6984: return "transport PIN: must be changed before use"
        case 0x6A88: return "not set (device not initialized)"
        default: return "${r.statusWord}"
    }
}
def user = pinState(0x81)
println "user PIN     : $user"
println "SO-PIN       : ${pinState(0x88)}"
if (user.startsWith("not set")) {
    println "device       : not initialized - use initialize-device.groovy"
    return 0
}

def dkek = send("80 52 00 00 00")
if (dkek.ok && dkek.data.length >= 10) {
    def d = dkek.data
    int total = d[0] & 0xFF, outstanding = d[1] & 0xFF
    def kcv = hex(Arrays.copyOfRange(d, 2, 10)).replace(' ', '')
    println "DKEK         : ${total == 0 ? 'none configured' : "$total share(s), $outstanding outstanding" + (outstanding == 0 ? ", KCV $kcv" : '')}"
} else {
    println "DKEK         : ${dkek.statusWord}"
}
def objects = send(new CommandApdu(0x80, 0x58, 0x00, 0x00, null, 65536, true))
println "key objects  : ${objects.ok ? objects.data.length.intdiv(2) + ' file(s)' : objects.statusWord}"
if (hsm != null) {
    println ""
    println hsm.status().render()
}
return 0
