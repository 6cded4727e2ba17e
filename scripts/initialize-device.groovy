// Initializes a SmartCard-HSM: SO-PIN, user PIN, user PIN retry counter, DKEK shares, options.
// Re-initializing an initialized device needs its current SO-PIN and ERASES all keys and files.
//
//   schsm run [-r READER] scripts/initialize-device.groovy [--so-pin SPEC] [--pin SPEC]
//             [--retry N] [--dkek-shares N] [--transport-pin] [--no-pin-reset]
//
// SPEC is env:VAR, file:PATH or the value itself; when omitted the PIN is asked for without echo.
// The SO-PIN is 16 hex digits (8 bytes); the user PIN 6..16 characters. PINs are never printed.

def usage = "usage: initialize-device.groovy [--so-pin SPEC] [--pin SPEC] [--retry N] [--dkek-shares N] [--transport-pin] [--no-pin-reset]"
def opt = [retry: 3, dkekShares: null, transportPin: false, noPinReset: false, soPin: null, pin: null]
for (int i = 0; i < args.length; i++) {
    switch (args[i]) {
        case '--so-pin': opt.soPin = args[++i]; break
        case '--pin': opt.pin = args[++i]; break
        case '--retry': opt.retry = args[++i] as int; break
        case '--dkek-shares': opt.dkekShares = args[++i] as int; break
        case '--transport-pin': opt.transportPin = true; break
        case '--no-pin-reset': opt.noPinReset = true; break
        default: throw new org.schsm.InvalidInputException("unknown argument ${args[i]}; $usage")
    }
}
if (opt.retry < 1 || opt.retry > 10) {
    throw new org.schsm.InvalidInputException("--retry must be 1..10")
}

char[] soPin = pinFrom(opt.soPin, "SO-PIN (16 hex digits)")
char[] userPin = pinFrom(opt.pin, "new user PIN")
try {
    if (soPin.length != 16 || !(new String(soPin) ==~ /[0-9A-Fa-f]{16}/)) {
        throw new org.schsm.InvalidInputException("the SO-PIN must be 16 hex digits")
    }
    if (userPin.length < 6 || userPin.length > 16) {
        throw new org.schsm.InvalidInputException("the user PIN must be 6..16 characters")
    }
    int options = (opt.noPinReset ? 0 : 0x0001) | (opt.transportPin ? 0x0002 : 0)

    if (hsm != null) {
        hsm.select()
        def builder = InitializeOptions.builder()
                .soPin(SoPin.fromHex(soPin))
                .userPin(Pin.user(userPin))
                .retryCounter(opt.retry)
        if (opt.dkekShares != null) builder.dkekShares(opt.dkekShares)
        if (opt.transportPin) builder.transportPin()
        if (opt.noPinReset) builder.noPinReset()
        hsm.initialize(builder.build())
    } else {
        // raw INITIALIZE DEVICE (80 50 00 00) until the hsm API is available
        send("00 A4 04 00 0B E8 2B 06 01 04 01 81 C3 1F 02 01 00", expect: 0x9000)
        byte[] pinBytes = new String(userPin).getBytes("UTF-8")
        byte[] soBytes = hex(new String(soPin))
        def data = new ByteArrayOutputStream()
        def put = { int tag, byte[] value -> data.write(tag); data.write(value.length); data.write(value) }
        put(0x80, [options >> 8, options & 0xFF] as byte[])
        put(0x81, pinBytes)
        put(0x82, soBytes)
        put(0x91, [opt.retry] as byte[])
        if (opt.dkekShares != null) put(0x92, [opt.dkekShares] as byte[])
        byte[] body = data.toByteArray()
        try {
            send(0x80, 0x50, 0x00, 0x00, body, expect: 0x9000)
        } finally {
            Arrays.fill(pinBytes, (byte) 0)
            Arrays.fill(soBytes, (byte) 0)
            Arrays.fill(body, (byte) 0)
        }
    }
    println "initialized: user PIN retry counter ${opt.retry}, options ${String.format('%04X', options)}" +
            ", DKEK shares ${opt.dkekShares == null ? 'none' : opt.dkekShares}"
} finally {
    Arrays.fill(soPin, '\0' as char)
    Arrays.fill(userPin, '\0' as char)
}
return 0
