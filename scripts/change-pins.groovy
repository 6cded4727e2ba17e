import picocli.CommandLine.Command
import picocli.CommandLine.Option

// Changes the user PIN or the SO-PIN (CHANGE REFERENCE DATA). A wrong old PIN spends a try.
//
//   schsm run scripts/change-pins.groovy [--pin SPEC] [--new-pin SPEC] [--force]
//   schsm run scripts/change-pins.groovy [--so-pin SPEC] [--new-so-pin SPEC] [--force]
//
// The user PIN (6..16 characters) with --pin/--new-pin; the SO-PIN (16 hex digits) with
// --so-pin/--new-so-pin, or --so to be asked for both. The older --old/--new still work.
// SPEC is env:VAR, file:PATH, secret:NAME (docs/secrets.md) or the value; omitted PINs are asked for without echo.
// The brick guard refuses when the PIN has one try left or is blocked (exit code 4, nothing
// sent but status queries); --force sends anyway.

@Command(name = 'change-pins.groovy', description = 'Change the user PIN (or the SO-PIN with --so-pin/--new-so-pin or --so).')
class ChangePinsOptions {
    @Option(names = '--so', description = 'Change the SO-PIN (16 hex digits each).') boolean so
    @Option(names = '--pin', paramLabel = 'SPEC', description = 'Current user PIN: value, env:VAR or file:PATH (default: prompt).') String pin
    @Option(names = '--new-pin', paramLabel = 'SPEC', description = 'New user PIN (default: prompt).') String newPin
    @Option(names = '--so-pin', paramLabel = 'SPEC', description = 'Current SO-PIN; changes the SO-PIN.') String soPin
    @Option(names = '--new-so-pin', paramLabel = 'SPEC', description = 'New SO-PIN; changes the SO-PIN.') String newSoPin
    @Option(names = '--old', paramLabel = 'SPEC', hidden = true) void setOld(String v) { pin = v }    // older spelling
    @Option(names = '--new', paramLabel = 'SPEC', hidden = true) void setNew(String v) { newPin = v }  // older spelling
    @Option(names = '--force', description = 'Send even when the PIN has one try left.') boolean force
}
def opt = parseArgs(new ChangePinsOptions())
boolean soNames = opt.soPin != null || opt.newSoPin != null
if (soNames && (opt.pin != null || opt.newPin != null)) {
    throw new org.schsm.InvalidInputException("--so-pin/--new-so-pin change the SO-PIN, --pin/--new-pin the user PIN: one at a time")
}
boolean so = opt.so || soNames, force = opt.force
String oldSpec = soNames ? opt.soPin : opt.pin, newSpec = soNames ? opt.newSoPin : opt.newPin
String what = so ? "SO-PIN" : "user PIN"
def toPin = { char[] chars -> so ? SoPin.fromHex(chars) : Pin.user(chars) }   // validates; messages never show the PIN

char[] oldChars = pinFrom(oldSpec, "current $what")
char[] newChars = null
boolean newIsDefault = false
try {
    newChars = pinFrom(newSpec, "new $what")
    try (PinValue oldPin = toPin(oldChars); PinValue newPin = toPin(newChars)) {
        def device = force ? hsm.withForce() : hsm
        device.select()
        device.changeReferenceData(oldPin, newPin)
        newIsDefault = newPin instanceof SoPin && newPin.isDefault()
    }
    println "$what changed"
    if (newIsDefault) {
        err.println "warning: the new SO-PIN is the vendor's documented default; anyone who knows it can re-initialize this device"
    }
} finally {
    Arrays.fill(oldChars, '\0' as char)
    if (newChars != null) Arrays.fill(newChars, '\0' as char)
}
return 0
