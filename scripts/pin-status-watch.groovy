// Polls the user PIN (or SO-PIN) status with VERIFY without data, which spends no try, and prints
// a line whenever it changes: useful while another program logs in, or to see a counter run down.
//
//   schsm run scripts/pin-status-watch.groovy [--so] [--count N] [--interval MS]
//
// --count 0 (the default) polls until Ctrl-C; --interval defaults to 1000 ms.

def usage = "usage: pin-status-watch.groovy [--so] [--count N] [--interval MS]"
PinReference ref = PinReference.USER
int count = 0
long interval = 1000
for (int i = 0; i < args.length; i++) {
    switch (args[i]) {
        case '--so': ref = PinReference.SO; break
        case '--count': count = args[++i] as int; break
        case '--interval': interval = args[++i] as long; break
        default: throw new org.schsm.InvalidInputException("unknown argument ${args[i]}; $usage")
    }
}
// SELECT once: selecting again would log the other program out
hsm.select()
def last = null
for (int n = 0; count == 0 || n < count; n++) {
    PinStatus status = hsm.pinStatus(ref)
    if (status.statusWord() != last) {
        println "${java.time.LocalTime.now().withNano(0)} ${status.describe()} (${status.statusWord().hex()})"
        last = status.statusWord()
    }
    if (interval > 0 && (count == 0 || n < count - 1)) {
        Thread.sleep(interval)
    }
}
return 0
