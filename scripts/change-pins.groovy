// Changes the user PIN or the SO-PIN (CHANGE REFERENCE DATA). A wrong old PIN spends a try.
//
//   schsm run scripts/change-pins.groovy [--so] [--old SPEC] [--new SPEC]
//
// Without --so the user PIN (6..16 characters) is changed; with --so the SO-PIN (16 hex digits).
// SPEC is env:VAR, file:PATH or the value; omitted PINs are asked for without echo.

boolean so = false
String oldSpec = null, newSpec = null
for (int i = 0; i < args.length; i++) {
    switch (args[i]) {
        case '--so': so = true; break
        case '--old': oldSpec = args[++i]; break
        case '--new': newSpec = args[++i]; break
        default: throw new org.schsm.InvalidInputException("unknown argument ${args[i]}; usage: change-pins.groovy [--so] [--old SPEC] [--new SPEC]")
    }
}
String what = so ? "SO-PIN" : "user PIN"
char[] oldPin = pinFrom(oldSpec, "current $what")
char[] newPin = pinFrom(newSpec, "new $what")
try {
    if (so) {
        [oldPin, newPin].each { p ->
            if (!(new String(p) ==~ /[0-9A-Fa-f]{16}/)) throw new org.schsm.InvalidInputException("an SO-PIN is 16 hex digits")
        }
    } else if (newPin.length < 6 || newPin.length > 16) {
        throw new org.schsm.InvalidInputException("the new user PIN must be 6..16 characters")
    }
    if (hsm != null) {
        hsm.select()
        if (so) {
            hsm.changePin(PinReference.SO, SoPin.fromHex(oldPin), SoPin.fromHex(newPin))
        } else {
            hsm.changePin(PinReference.USER, Pin.user(oldPin), Pin.user(newPin))
        }
    } else {
        // raw CHANGE REFERENCE DATA (00 24 00 81 / 88) until the hsm API is available
        send("00 A4 04 00 0B E8 2B 06 01 04 01 81 C3 1F 02 01 00", expect: 0x9000)
        byte[] data = so ? hex(new String(oldPin) + new String(newPin))
                         : (new String(oldPin) + new String(newPin)).getBytes("UTF-8")
        try {
            send(0x00, 0x24, 0x00, so ? 0x88 : 0x81, data, expect: 0x9000)
        } finally {
            Arrays.fill(data, (byte) 0)
        }
    }
    println "$what changed"
} finally {
    Arrays.fill(oldPin, '\0' as char)
    Arrays.fill(newPin, '\0' as char)
}
return 0
