import picocli.CommandLine.Command

// Full dump of a SmartCard-HSM's state, read-only: reader, ATR, the FCP of SELECT and its TLVs,
// then what the hsm API reads without spending a PIN try (applet version, options, PIN states,
// DKEK status), and the number of key objects.
//
//   schsm run [-r READER] scripts/inspect-device.groovy

@Command(name = 'inspect-device.groovy', description = 'Read-only dump of the device state; spends no try.')
class InspectOptions {
}
parseArgs(new InspectOptions())   // --help, and no unknown options

println "reader       : ${card.name()}"
println "ATR          : ${hex(card.atr())}"

// SELECT by hand once, to show the FCP as it comes from the card
def fcp = send("00 A4 04 00 0B ${SmartCardHsm.AID_HEX} 00")
if (!fcp.ok) {
    println "SELECT       : ${fcp.statusWord} - no SmartCard-HSM application on this card"
    return 1
}
println "FCP          : ${fcp.hex}"
tlv(fcp.data).tree.eachLine { println "               $it" }

DeviceStatus status = hsm.status()   // SELECT, VERIFY without data (spends nothing), DKEK query
println "applet       : ${status.cardName()}"
println "options      : ${status.options().map { it.toString() }.orElse('not reported (applet before 2.0)')}"
if (!status.initialized()) {
    println "device       : not initialized - use initialize-device.groovy"
    return 0
}
println "SO-PIN       : ${status.soPin().describe()}"
println "user PIN     : ${status.userPin().describe()}"
println "DKEK         : ${status.dkek().describe { it.describe() }}"
// ENUMERATE OBJECTS (80 58): two bytes per key, certificate or data file
def objects = send(new CommandApdu(0x80, 0x58, 0x00, 0x00, null, 65536, true))
println "key objects  : ${objects.ok ? objects.data.length.intdiv(2) + ' file(s)' : objects.statusWord}"
return 0
