import picocli.CommandLine.Command
import picocli.CommandLine.Parameters

// A raw APDU session: each argument is one APDU in hex, optionally followed by "=" and the status
// words it must answer (default 9000), e.g. "00 20 00 81=9000,63C0..63CF". The script stops at the
// first unexpected status word (exit code 1). Without arguments it runs a read-only demo session.
// PIN data in VERIFY / CHANGE / RESET RETRY COUNTER / INITIALIZE is printed as **.
//
//   schsm run scripts/raw-apdu-session.groovy ["APDU[=SW,SW..SW]" ...]

@Command(name = 'raw-apdu-session.groovy', description = 'Send APDUs, each checked against the status words it must answer.')
class RawOptions {
    @Parameters(paramLabel = 'APDU[=SW,SW..SW]', arity = '0..*', description = 'An APDU in hex, optionally =expected status words (default 9000).')
    List<String> apdus = []
}
def opt = parseArgs(new RawOptions())
def steps = opt.apdus ? opt.apdus : [
        "00 A4 04 00 0B E8 2B 06 01 04 01 81 C3 1F 02 01 00=9000",  // SELECT the SmartCard-HSM
        "00 20 00 81=9000,63C0..63CF,6983,6984,6A88",               // user PIN status, spends nothing
        "00 20 00 88=9000,63C0..63CF,6983,6A88",                    // SO-PIN status
        "80 52 00 00 00=9000,6D00",                                  // DKEK status (6D00: not initialized)
]
def parseExpect = { String text ->
    text.split(',').collect { String part ->
        def bounds = part.trim().split(/\.\./)
        bounds.length == 2 ? (Integer.parseInt(bounds[0], 16)..Integer.parseInt(bounds[1], 16))
                           : Integer.parseInt(bounds[0].trim(), 16)
    }
}
for (String step : steps) {
    def (apduText, expectText) = step.contains('=') ? step.split('=', 2) : [step, '9000']
    def apdu = CommandApdu.parse(apduText)
    println "> $apdu"
    def r = send(apdu, expect: parseExpect(expectText))
    println "< $r"
}
return 0
