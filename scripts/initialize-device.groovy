// Initializes a SmartCard-HSM: SO-PIN, user PIN, user PIN retry counter, DKEK shares, options.
// Re-initializing an initialized device needs its current SO-PIN and ERASES all keys and files:
// the brick guard refuses it (exit code 4, nothing sent but status queries) unless --force.
//
//   schsm run [-r READER] scripts/initialize-device.groovy [--so-pin SPEC] [--pin SPEC]
//             [--retry N] [--dkek-shares N] [--transport-pin] [--no-pin-reset] [--force]
//
// SPEC is env:VAR, file:PATH or the value itself; when omitted the PIN is asked for without echo.
// The SO-PIN is 16 hex digits (8 bytes); the user PIN 6..16 characters. PINs are never printed.

def usage = "usage: initialize-device.groovy [--so-pin SPEC] [--pin SPEC] [--retry N] [--dkek-shares N]" +
        " [--transport-pin] [--no-pin-reset] [--force]"
def opt = [retry: 3, dkekShares: null, transportPin: false, noPinReset: false, force: false, soPin: null, pin: null]
def number = { String name, String value ->
    if (!(value ==~ /\d{1,3}/)) throw new org.schsm.InvalidInputException("$name needs a number, not '$value'")
    value as int
}
for (int i = 0; i < args.length; i++) {
    switch (args[i]) {
        case '--so-pin': opt.soPin = args[++i]; break
        case '--pin': opt.pin = args[++i]; break
        case '--retry': opt.retry = number('--retry', args[++i]); break
        case '--dkek-shares': opt.dkekShares = number('--dkek-shares', args[++i]); break
        case '--transport-pin': opt.transportPin = true; break
        case '--no-pin-reset': opt.noPinReset = true; break
        case '--force': opt.force = true; break
        default: throw new org.schsm.InvalidInputException("unknown argument ${args[i]}; $usage")
    }
}

char[] soChars = pinFrom(opt.soPin, "SO-PIN (16 hex digits)")
char[] pinChars = null
try {
    pinChars = pinFrom(opt.pin, "new user PIN")
    // SoPin, Pin and the builder validate everything before anything is sent
    try (SoPin so = SoPin.fromHex(soChars); Pin pin = Pin.user(pinChars)) {
        def builder = InitializeOptions.builder(so, pin).retryCounter(opt.retry)
        if (opt.dkekShares != null) builder.dkekShares(opt.dkekShares)
        if (opt.transportPin) builder.transportPin()
        if (opt.noPinReset) builder.noPinReset()
        def options = builder.build()
        def device = opt.force ? hsm.withForce() : hsm
        device.select()
        device.initialize(options)
        println "initialized: user PIN retry counter ${options.userRetryCounter().value()}, options ${options.options().hex()}" +
                ", DKEK shares ${options.dkekShares().present ? options.dkekShares().asInt : 'none'}"
        if (so.isDefault()) {
            err.println "warning: the SO-PIN is the vendor's documented default; anyone who knows it can re-initialize" +
                    " this device. Change it: change-pins.groovy --so"
        }
    }
} finally {
    Arrays.fill(soChars, '\0' as char)
    if (pinChars != null) Arrays.fill(pinChars, '\0' as char)
}
return 0
