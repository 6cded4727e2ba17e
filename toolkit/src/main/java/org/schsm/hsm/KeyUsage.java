package org.schsm.hsm;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.stream.Collectors;
import org.schsm.tlv.Tlv;
import org.schsm.tlv.TlvFormatException;
import org.schsm.tlv.TlvReader;

/**
 * What a key may do and how often, as the card tells it in the FCP of {@code SELECT CC<id>}:
 * proprietary information {@code A5} holding {@code 90} the uses left (4 bytes), {@code 91} the
 * allowed algorithm IDs and {@code 92} the key domain, the tags GENERATE ASYMMETRIC KEY PAIR was
 * given (keys.md §2.1). This is where pico-hsm reports them (its FCP puts the key's metadata in
 * A5) and where the simulator does; whether a real SmartCard-HSM reports them, and how, is not
 * settled by any source we have (docs/keys.md).
 *
 * @param reported   false when the FCP has no A5: the card does not say (then the other fields are empty)
 * @param algorithms the allowed algorithm IDs (keys.md §3.1); empty for no list, i.e. what the key type allows
 * @param usesLeft   the use counter; empty for a key without one
 * @param keyDomain  the key domain; empty when not reported
 */
public record KeyUsage(boolean reported, List<Integer> algorithms, OptionalLong usesLeft, OptionalInt keyDomain) {
    /** The FCP said nothing about the key's use. */
    public static final KeyUsage NOT_REPORTED = new KeyUsage(false, List.of(), OptionalLong.empty(), OptionalInt.empty());

    private static final Map<Integer, String> NAMES = Map.ofEntries(
            Map.entry(0x20, "RSA-raw"), Map.entry(0x21, "RSA-decrypt"),
            Map.entry(0x30, "RSA-PKCS1"), Map.entry(0x31, "RSA-PKCS1-SHA1"), Map.entry(0x33, "RSA-PKCS1-SHA256"),
            Map.entry(0x34, "RSA-PKCS1-SHA384"), Map.entry(0x35, "RSA-PKCS1-SHA512"),
            Map.entry(0x40, "RSA-PSS"), Map.entry(0x41, "RSA-PSS-SHA1"), Map.entry(0x43, "RSA-PSS-SHA256"),
            Map.entry(0x44, "RSA-PSS-SHA384"), Map.entry(0x45, "RSA-PSS-SHA512"),
            Map.entry(0x70, "ECDSA"), Map.entry(0x71, "ECDSA-SHA1"), Map.entry(0x72, "ECDSA-SHA224"),
            Map.entry(0x73, "ECDSA-SHA256"), Map.entry(0x74, "ECDSA-SHA384"), Map.entry(0x75, "ECDSA-SHA512"),
            Map.entry(0x80, "ECDH"), Map.entry(0x92, "WRAP"), Map.entry(0x93, "UNWRAP"), Map.entry(0x98, "EC-DERIVE"));

    public KeyUsage {
        algorithms = List.copyOf(algorithms);
    }

    /**
     * The use the FCP of {@code SELECT CC<id>} reports; {@link #NOT_REPORTED} when it has no A5.
     *
     * @throws MalformedResponseException the FCP or its A5 is no valid BER-TLV
     */
    public static KeyUsage fromFcp(byte[] fcp) {
        try {
            Tlv template = TlvReader.readOne(fcp);
            Optional<Tlv> proprietary = template.child(0xA5);
            if (proprietary.isEmpty()) {
                return NOT_REPORTED;
            }
            Tlv a5 = proprietary.get();
            List<Integer> algorithms = new ArrayList<>();
            a5.child(0x91).ifPresent(list -> {
                for (byte id : list.value()) {
                    algorithms.add(id & 0xFF);
                }
            });
            OptionalLong usesLeft = a5.child(0x90).map(c -> OptionalLong.of(unsigned(c.value())))
                    .orElse(OptionalLong.empty());
            OptionalInt domain = a5.child(0x92).filter(d -> d.value().length == 1)
                    .map(d -> OptionalInt.of(d.value()[0] & 0xFF)).orElse(OptionalInt.empty());
            return new KeyUsage(true, algorithms, usesLeft, domain);
        } catch (TlvFormatException | IllegalArgumentException e) {
            throw new MalformedResponseException("the FCP of a key is no valid BER-TLV: " + e.getMessage());
        }
    }

    private static long unsigned(byte[] value) {
        if (value.length == 0 || value.length > 4) {
            throw new IllegalArgumentException("use counter (90) of " + value.length + " bytes; it has 4");
        }
        long n = 0;
        for (byte b : value) {
            n = n << 8 | (b & 0xFF);
        }
        return n;
    }

    /** {@code ECDSA-SHA256} for 0x73; {@code 0xNN} for an ID keys.md §3.1 does not name. */
    public static String algorithmName(int id) {
        return NAMES.getOrDefault(id, String.format("0x%02X", id));
    }

    /** {@code ECDSA-SHA256 (73), ECDH (80)}, {@code any} for no list, {@code not reported}. */
    public String algorithmsText() {
        if (!reported) {
            return "not reported";
        }
        if (algorithms.isEmpty()) {
            return "any";
        }
        return algorithms.stream().map(a -> algorithmName(a) + String.format(" (%02X)", a))
                .collect(Collectors.joining(", "));
    }

    /** The uses left as a number, {@code unlimited} without a counter, {@code not reported}. */
    public String usesLeftText() {
        if (!reported) {
            return "not reported";
        }
        return usesLeft.isPresent() ? Long.toString(usesLeft.getAsLong()) : "unlimited";
    }

    /** One line for people: {@code algorithms ECDSA-SHA256 (73), uses left 5, key domain 0}. */
    public String describe() {
        if (!reported) {
            return "use not reported by the card";
        }
        return "algorithms " + algorithmsText() + ", uses left " + usesLeftText()
                + keyDomain.stream().mapToObj(d -> ", key domain " + d).findFirst().orElse("");
    }
}
