// Long session on the current card (docs/reliability.md, "Endurance"): sends APDUS APDUs in this
// one process and prints, every REPORT APDUs, the rate of that interval and what the process
// holds: heap in use after a full collection, threads, open file descriptors, resident memory.
// The mix: SELECT, no-data VERIFY (status), GET CHALLENGE, ENUMERATE OBJECTS, and every 1,000
// APDUs a wrong user PIN then the right one (two state changes, each written to the state file of
// an embedded simulated card before its answer). Every answer's status word is checked.
//
// Usage: schsm -r sim --sim-state FILE run bench/scripts/long-session.groovy [APDUS [REPORT]]
//   on a card initialized with user PIN 648219 and 3 tries (bench/scripts/long-session.sh does it)
import java.lang.management.ManagementFactory

long total = args.length > 0 ? args[0] as long : 1_000_000L
long report = args.length > 1 ? args[1] as long : 50_000L

def apdu = { String h -> CommandApdu.parse(h) }
def select = apdu('00 A4 04 00 0B E8 2B 06 01 04 01 81 C3 1F 02 01 00')
def status = apdu('00 20 00 81')
def challenge = apdu('00 84 00 00 08')
def enumerate = apdu('80 58 00 00 00')
def wrongPin = apdu('00 20 00 81 06 30 30 30 30 30 30')
def rightPin = apdu('00 20 00 81 06 36 34 38 32 31 39')

def check = { CommandApdu c, ResponseApdu r, List<Integer> sws ->
    if (!(r.statusWord().value() in sws)) {
        throw new IllegalStateException("APDU ${c.toRedactedString()} answered ${r.statusWord()}, expected "
                + sws.collect { String.format('%04X', it) }.join(' or '))
    }
    r
}
// no-data VERIFY: 63C3 (3 tries left), or 9000 once the right PIN has been presented
def unspent = [0x63C3, 0x9000]

def memory = ManagementFactory.memoryMXBean
def threads = ManagementFactory.threadMXBean
def sample = { long sent, double rate ->
    System.gc()
    long heap = memory.heapMemoryUsage.used
    int fds = new File('/proc/self/fd').list()?.length ?: -1
    String rss = new File('/proc/self/status').readLines().find { it.startsWith('VmRSS') }?.replaceAll(/\D+/, '') ?: '?'
    out.println(String.format('apdus %,9d  rate %,8.0f/s  heap-after-gc %,6d KiB  rss %,7d KiB  threads %d  fds %d',
            sent, rate, (heap / 1024) as long, rss as long, threads.threadCount, fds))
    out.flush()
}

check(select, card.transmit(select), [0x9000])
sample(0, 0)
long sent = 0
long mark = System.nanoTime()
long since = 0
while (sent < total) {
    long i = sent
    if (i % 1_000 == 998) {
        check(wrongPin, card.transmit(wrongPin), [0x63C2])
        check(rightPin, card.transmit(rightPin), [0x9000])
        sent += 2
    } else {
        switch ((int) (i % 4)) {
            case 0: check(status, card.transmit(status), unspent); break
            case 1: check(challenge, card.transmit(challenge), [0x9000]); break
            case 2: check(enumerate, card.transmit(enumerate), [0x9000]); break
            default: check(select, card.transmit(select), [0x9000])
        }
        sent++
    }
    if (sent - since >= report || sent >= total) {
        long now = System.nanoTime()
        sample(sent, (sent - since) * 1e9 / (now - mark))
        mark = System.nanoTime()
        since = sent
    }
}
check(status, card.transmit(status), unspent)
out.println("done: ${sent} APDUs, no try spent")
