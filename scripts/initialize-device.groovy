import picocli.CommandLine.Command
import picocli.CommandLine.Option

// Initializes a SmartCard-HSM: SO-PIN, user PIN, user PIN retry counter, DKEK shares, options.
// Re-initializing an initialized device needs its current SO-PIN and ERASES all keys and files:
// the brick guard refuses it (exit code 4, nothing sent but status queries) unless --force.
//
//   schsm run [-r READER] scripts/initialize-device.groovy [--so-pin SPEC] [--pin SPEC]
//             [--pin-retry N] [--dkek-shares N] [--transport-pin] [--no-pin-reset] [--force]
//
// SPEC is env:VAR, file:PATH, secret:NAME (docs/secrets.md) or the value itself; when omitted the PIN is asked for without echo.
// The SO-PIN is 16 hex digits (8 bytes); the user PIN 6..16 characters. PINs are never printed.

@Command(name = 'initialize-device.groovy', description = 'Initialize a SmartCard-HSM (erases keys on an initialized one: --force).')
class InitializeOptionsArgs {
    @Option(names = '--so-pin', paramLabel = 'SPEC', description = 'SO-PIN, 16 hex digits: value, env:VAR or file:PATH (default: prompt).') String soPin
    @Option(names = '--pin', paramLabel = 'SPEC', description = 'User PIN, 6..16 characters (default: prompt).') String pin
    @Option(names = '--pin-retry', paramLabel = 'N', description = 'User PIN retry counter, 1..10 (default 3).') int retry = 3
    @Option(names = '--retry', paramLabel = 'N', hidden = true) void olderRetry(int n) { retry = n }   // older spelling
    @Option(names = '--dkek-shares', paramLabel = 'N', description = 'Number of DKEK shares.') Integer dkekShares
    @Option(names = '--transport-pin', description = 'The user PIN is a transport PIN.') boolean transportPin
    @Option(names = '--no-pin-reset', description = 'The SO-PIN may not reset the user PIN.') boolean noPinReset
    @Option(names = '--force', description = 'Re-initialize an initialized device, erasing all keys.') boolean force
}
def opt = parseArgs(new InitializeOptionsArgs())

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
                    " this device. Change it: change-pins.groovy --so-pin OLD --new-so-pin NEW"
        }
    }
} finally {
    Arrays.fill(soChars, '\0' as char)
    if (pinChars != null) Arrays.fill(pinChars, '\0' as char)
}
return 0
