// Unblocks the user PIN with the SO-PIN (RESET RETRY COUNTER), optionally setting a new user PIN.
// Needs the option "user PIN reset with SO-PIN" chosen at initialization. A wrong SO-PIN spends
// one of its 15 tries, and a blocked SO-PIN is final: check the SO-PIN before you run this.
//
//   schsm run scripts/unblock-user-pin.groovy [--so-pin SPEC] [--new-pin SPEC | --keep-pin]
//
// SPEC is env:VAR, file:PATH or the value; omitted PINs are asked for without echo.

String soSpec = null, newSpec = null
boolean keep = false
for (int i = 0; i < args.length; i++) {
    switch (args[i]) {
        case '--so-pin': soSpec = args[++i]; break
        case '--new-pin': newSpec = args[++i]; break
        case '--keep-pin': keep = true; break
        default: throw new org.schsm.InvalidInputException("unknown argument ${args[i]}; usage: unblock-user-pin.groovy [--so-pin SPEC] [--new-pin SPEC | --keep-pin]")
    }
}
char[] soPin = pinFrom(soSpec, "SO-PIN (16 hex digits)")
char[] newPin = keep ? null : pinFrom(newSpec, "new user PIN")
try {
    if (!(new String(soPin) ==~ /[0-9A-Fa-f]{16}/)) {
        throw new org.schsm.InvalidInputException("the SO-PIN must be 16 hex digits")
    }
    if (newPin != null && (newPin.length < 6 || newPin.length > 16)) {
        throw new org.schsm.InvalidInputException("the new user PIN must be 6..16 characters")
    }
    if (hsm != null && newPin != null) {
        hsm.select()
        hsm.resetRetryCounter(SoPin.fromHex(soPin), Pin.user(newPin))
    } else {
        // raw RESET RETRY COUNTER: P1 00 = SO-PIN and new PIN, P1 01 = SO-PIN only (counter reset)
        send("00 A4 04 00 0B E8 2B 06 01 04 01 81 C3 1F 02 01 00", expect: 0x9000)
        byte[] so = hex(new String(soPin))
        byte[] pin = newPin == null ? new byte[0] : new String(newPin).getBytes("UTF-8")
        byte[] data = new byte[so.length + pin.length]
        System.arraycopy(so, 0, data, 0, so.length)
        System.arraycopy(pin, 0, data, so.length, pin.length)
        try {
            send(0x00, 0x2C, newPin == null ? 0x01 : 0x00, 0x81, data, expect: 0x9000)
        } finally {
            [so, pin, data].each { Arrays.fill(it, (byte) 0) }
        }
    }
    def status = send("00 20 00 81")
    println "user PIN unblocked${newPin == null ? '' : ' and set'}; status: ${status.statusWord}"
} finally {
    Arrays.fill(soPin, '\0' as char)
    if (newPin != null) Arrays.fill(newPin, '\0' as char)
}
return 0
