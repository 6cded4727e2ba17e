// Changes the user PIN or the SO-PIN (CHANGE REFERENCE DATA). A wrong old PIN spends a try.
//
//   schsm run scripts/change-pins.groovy [--so] [--old SPEC] [--new SPEC] [--force]
//
// Without --so the user PIN (6..16 characters) is changed; with --so the SO-PIN (16 hex digits).
// SPEC is env:VAR, file:PATH or the value; omitted PINs are asked for without echo.
// The brick guard refuses when the PIN has one try left or is blocked (exit code 4, nothing
// sent but status queries); --force sends anyway.

def usage = "usage: change-pins.groovy [--so] [--old SPEC] [--new SPEC] [--force]"
boolean so = false, force = false
String oldSpec = null, newSpec = null
for (int i = 0; i < args.length; i++) {
    switch (args[i]) {
        case '--so': so = true; break
        case '--old': oldSpec = args[++i]; break
        case '--new': newSpec = args[++i]; break
        case '--force': force = true; break
        default: throw new org.schsm.InvalidInputException("unknown argument ${args[i]}; $usage")
    }
}
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
