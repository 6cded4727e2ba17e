import picocli.CommandLine.Command
import picocli.CommandLine.Option

// Unblocks the user PIN with the SO-PIN (RESET RETRY COUNTER), setting a new user PIN or, with
// --keep-pin, resetting only the retry counter (P1 01). Needs the option "user PIN reset with
// SO-PIN" chosen at initialization. A wrong SO-PIN spends one of its 15 tries, and a blocked
// SO-PIN is final: the brick guard refuses when the SO-PIN has one try left or is blocked (exit
// code 4, nothing sent but status queries); --force sends anyway.
//
//   schsm run scripts/unblock-user-pin.groovy [--so-pin SPEC] [--new-pin SPEC | --keep-pin] [--force]
//
// SPEC is env:VAR, file:PATH, secret:NAME (docs/secrets.md) or the value; omitted PINs are asked for without echo.

@Command(name = 'unblock-user-pin.groovy', description = 'Unblock the user PIN with the SO-PIN (RESET RETRY COUNTER).')
class UnblockOptions {
    @Option(names = '--so-pin', paramLabel = 'SPEC', description = 'SO-PIN: value, env:VAR or file:PATH (default: prompt).') String soPin
    @Option(names = '--new-pin', paramLabel = 'SPEC', description = 'New user PIN (default: prompt).') String newPin
    @Option(names = '--keep-pin', description = 'Reset only the retry counter; the PIN stays.') boolean keep
    @Option(names = '--force', description = 'Send even when the SO-PIN has one try left.') boolean force
}
def opt = parseArgs(new UnblockOptions())
String soSpec = opt.soPin, newSpec = opt.newPin
boolean keep = opt.keep, force = opt.force
if (keep && newSpec != null) {
    throw new org.schsm.InvalidInputException("--new-pin and --keep-pin exclude each other")
}

char[] soChars = pinFrom(soSpec, "SO-PIN (16 hex digits)")
char[] newChars = null
try {
    newChars = keep ? null : pinFrom(newSpec, "new user PIN")
    try (SoPin so = SoPin.fromHex(soChars); Pin newPin = newChars == null ? null : Pin.user(newChars)) {
        def device = force ? hsm.withForce() : hsm
        device.select()
        try {
            device.resetRetryCounter(so, newPin)   // null: P1 01, the counter only
        } catch (StatusWordException e) {
            if (e.statusWord().value() == 0x6986) {
                err.println "hint: the device was initialized without \"user PIN reset with SO-PIN\" (option 0001);" +
                        " only re-initialization (initialize-device.groovy --force) helps, and it erases all keys"
            }
            throw e
        }
    }
    println "user PIN unblocked${keep ? '' : ' and set'}; ${hsm.pinStatus(PinReference.USER).describe()}"
} finally {
    Arrays.fill(soChars, '\0' as char)
    if (newChars != null) Arrays.fill(newChars, '\0' as char)
}
return 0
