// Polls the user PIN (or SO-PIN) status with VERIFY without data, which spends no try, and prints
// a line whenever it changes: useful while another program logs in, or to see a counter run down.
//
//   schsm run scripts/pin-status-watch.groovy [--so] [--count N] [--interval MS]
//
// --count 0 (the default) polls until Ctrl-C; --interval defaults to 1000 ms.

int p2 = 0x81
int count = 0
long interval = 1000
for (int i = 0; i < args.length; i++) {
    switch (args[i]) {
        case '--so': p2 = 0x88; break
        case '--count': count = args[++i] as int; break
        case '--interval': interval = args[++i] as long; break
        default: throw new org.schsm.InvalidInputException("unknown argument ${args[i]}; usage: pin-status-watch.groovy [--so] [--count N] [--interval MS]")
    }
}
def what = p2 == 0x81 ? "user PIN" : "SO-PIN"
// SELECT once: selecting again would log the other program out
send("00 A4 04 00 0B E8 2B 06 01 04 01 81 C3 1F 02 01 00", expect: 0x9000)
def last = null
for (int n = 0; count == 0 || n < count; n++) {
    def sw = send(0x00, 0x20, 0x00, p2).statusWord
    if (sw != last) {
        println "${java.time.LocalTime.now().withNano(0)} $what: $sw"
        last = sw
    }
    if (interval > 0 && (count == 0 || n < count - 1)) {
        Thread.sleep(interval)
    }
}
return 0
