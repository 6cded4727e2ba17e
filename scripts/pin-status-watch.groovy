import picocli.CommandLine.Command
import picocli.CommandLine.Option

// Polls the user PIN (or SO-PIN) status with VERIFY without data, which spends no try, and prints
// a line whenever it changes: useful while another program logs in, or to see a counter run down.
//
//   schsm run scripts/pin-status-watch.groovy [--so] [--count N] [--interval MS]
//
// --count 0 (the default) polls until Ctrl-C; --interval defaults to 1000 ms.

@Command(name = 'pin-status-watch.groovy', description = 'Print the PIN status whenever it changes; spends no try.')
class WatchOptions {
    @Option(names = '--so', description = 'Watch the SO-PIN instead of the user PIN.') boolean so
    @Option(names = '--count', paramLabel = 'N', description = 'Polls, 0 = until Ctrl-C (default 0).') int count = 0
    @Option(names = '--interval', paramLabel = 'MS', description = 'Milliseconds between polls (default 1000).') long interval = 1000
}
def opt = parseArgs(new WatchOptions())
PinReference ref = opt.so ? PinReference.SO : PinReference.USER
int count = opt.count
long interval = opt.interval
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
