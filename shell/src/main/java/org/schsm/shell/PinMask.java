package org.schsm.shell;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.schsm.apdu.ApduFormatException;
import org.schsm.apdu.CommandApdu;
import org.schsm.apdu.Hex;
import org.schsm.apdu.Instruction;
import org.schsm.shell.GroovyLexState.Literal;

/**
 * The history rule: a line is stored with every PIN literal masked. Masked are
 * <ul>
 * <li>string literals inside the arguments of a call to any API method or constructor that takes a
 *     secret ({@link SecretCalls}: {@code verify}, {@code changeReferenceData}, {@code Pin.user},
 *     {@code SoPin.fromHex}, {@code pinFrom}, ..., found by reflection) → {@code "****"};</li>
 * <li>string literals assigned to a name containing "pin" ({@code pin = "648219"}, {@code soPin = ...});</li>
 * <li>the APDU literal of {@code send("...")} when its instruction carries a secret
 *     ({@link Instruction#secretAfterHeader}, whatever the class byte) → its redacted form
 *     ({@code "00 20 00 81 06 **"}, from {@link CommandApdu#toString()}); for
 *     {@code send(cla, ins, p1, p2, data...)} with such an instruction (or one that is not a literal),
 *     the literals of the data and Le arguments;</li>
 * <li>any later literal that contains a value masked before in this session (as text or hex).</li>
 * </ul>
 * Masking is done on the line as typed; comments are not inspected.
 */
final class PinMask {
    static final String MASK = "****";
    private static final Pattern SEND_CALL = Pattern.compile("\\bsend\\s*\\(");
    private static final Pattern PIN_ASSIGNMENT =
            Pattern.compile("(?i)\\b[\\w$]*(?:pin|password|passphrase)[\\w$]*\\s*=(?!=)");
    /** {@code [soPin: '...']}, {@code initialize(pin: '...')}: a map key or named argument naming a secret. */
    private static final Pattern PIN_NAMED =
            Pattern.compile("(?i)\\b[\\w$]*(?:pin|password|passphrase)[\\w$]*\\s*:(?!:)");
    private static final Pattern NAMED_ARGUMENT = Pattern.compile("^\\s*[A-Za-z_$][\\w$]*\\s*:");
    private static final int MIN_REMEMBERED = 4;

    /** Values masked so far (text, and hex digits without separators). */
    private final Set<String> secrets = new HashSet<>();
    private final Supplier<Set<String>> secretCallNames;
    private Pattern secretCall;

    /** Masks around every API call that takes a secret ({@link SecretCalls#names()}, derived on first use). */
    PinMask() {
        this(SecretCalls::names);
    }

    /** Masks the literal arguments of calls to methods and constructors with these names. */
    PinMask(Supplier<Set<String>> secretCallNames) {
        this.secretCallNames = secretCallNames;
    }

    private Pattern secretCall() {
        if (secretCall == null) {
            String names = secretCallNames.get().stream().map(Pattern::quote).collect(Collectors.joining("|"));
            secretCall = Pattern.compile(names.isEmpty() ? "(?!)" : "\\b(?:" + names + ")\\s*\\(");
        }
        return secretCall;
    }

    String mask(String line) {
        List<Literal> literals = GroovyLexState.literals(line);
        if (literals.isEmpty()) {
            return line;   // nothing to mask, and no need to derive the secret calls (a second or so)
        }
        Map<Literal, String> replacements = new HashMap<>();
        maskCalls(line, literals, secretCall(), replacements);
        maskAssignments(line, literals, replacements);
        maskNamedValues(line, literals, replacements);
        maskSends(line, literals, replacements);
        for (Literal lit : literals) {
            if (!replacements.containsKey(lit) && containsSecret(lit.content(line))) {
                replacements.put(lit, MASK);
            }
        }
        StringBuilder out = new StringBuilder(line.length());
        int pos = 0;
        for (Literal lit : literals) {
            String replacement = replacements.get(lit);
            if (replacement == null) {
                continue;
            }
            remember(lit.content(line));
            out.append(line, pos, lit.contentStart()).append(replacement);
            pos = lit.contentEnd();
        }
        return out.append(line.substring(pos)).toString();
    }

    private static void maskCalls(String line, List<Literal> literals, Pattern call, Map<Literal, String> out) {
        Matcher m = call.matcher(line);
        while (m.find()) {
            if (inside(literals, m.start())) {
                continue;
            }
            int open = m.end() - 1;
            int close = closingParen(line, open, literals);
            for (Literal lit : literals) {
                if (lit.start() > open && lit.start() < close) {
                    out.put(lit, MASK);
                }
            }
        }
    }

    private static void maskAssignments(String line, List<Literal> literals, Map<Literal, String> out) {
        Matcher m = PIN_ASSIGNMENT.matcher(line);
        while (m.find()) {
            if (inside(literals, m.start())) {
                continue;
            }
            int end = statementEnd(line, m.end(), literals);
            for (Literal lit : literals) {
                if (lit.start() >= m.end() && lit.start() < end) {
                    out.put(lit, MASK);
                }
            }
        }
    }

    /** The literal that is directly the value of a secret-named key; the rest of the map or call is left alone. */
    private static void maskNamedValues(String line, List<Literal> literals, Map<Literal, String> out) {
        Matcher m = PIN_NAMED.matcher(line);
        while (m.find()) {
            if (inside(literals, m.start())) {
                continue;
            }
            for (Literal lit : literals) {
                if (lit.start() >= m.end()) {
                    if (line.substring(m.end(), lit.start()).isBlank()) {
                        out.put(lit, MASK);
                    }
                    break;
                }
            }
        }
    }

    private void maskSends(String line, List<Literal> literals, Map<Literal, String> out) {
        Matcher m = SEND_CALL.matcher(line);
        while (m.find()) {
            if (inside(literals, m.start())) {
                continue;
            }
            int open = m.end() - 1;
            int close = closingParen(line, open, literals);
            List<int[]> positional = new ArrayList<>();
            for (int[] arg : arguments(line, open, close, literals)) {
                if (!NAMED_ARGUMENT.matcher(line.substring(arg[0], arg[1])).find()) {
                    positional.add(arg);
                }
            }
            if (positional.size() == 1) {
                Literal lit = exactly(literals, line, positional.get(0));
                String redacted = lit == null ? null : redactApdu(lit.content(line));
                if (redacted != null) {
                    out.put(lit, redacted);
                }
            } else if (positional.size() >= 5 && mayCarrySecret(line, positional)) {
                for (Literal lit : literals) {
                    if (lit.start() >= positional.get(4)[0] && lit.start() < close) {
                        out.put(lit, MASK);
                    }
                }
            }
        }
    }

    /** For {@code send(cla, ins, ...)}: true unless CLA and INS are literals of a command without secrets. */
    private static boolean mayCarrySecret(String line, List<int[]> args) {
        Integer cla = intLiteral(line.substring(args.get(0)[0], args.get(0)[1]));
        Integer ins = intLiteral(line.substring(args.get(1)[0], args.get(1)[1]));
        return cla == null || ins == null || Instruction.secretAfterHeader(ins);
    }

    private static Integer intLiteral(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT).replace("_", "");
        try {
            return t.startsWith("0x") ? Integer.parseInt(t.substring(2), 16) : Integer.parseInt(t);
        } catch (NumberFormatException e) {
            return null;   // not a literal: the caller treats the command as possibly secret
        }
    }

    /** The redacted APDU text, or null when the APDU carries no secret. */
    private String redactApdu(String text) {
        try {
            CommandApdu apdu = CommandApdu.parse(text);
            if (!apdu.carriesSecret()) {
                return null;
            }
            rememberBytes(apdu.data());
            return apdu.toString();
        } catch (ApduFormatException e) {
            return redactHeader(text);   // not a complete APDU (a GString, a typo): judge by the header
        }
    }

    private static String redactHeader(String text) {
        StringBuilder digits = new StringBuilder();
        for (int i = 0; i < text.length() && digits.length() < 8; i++) {
            char c = text.charAt(i);
            if (Character.digit(c, 16) >= 0 && c < 0x80) {
                digits.append(c);
            } else if (" :\t-_".indexOf(c) < 0) {
                break;
            }
        }
        if (digits.length() < 8) {
            return null;
        }
        byte[] header = Hex.decode(digits);
        return Instruction.secretAfterHeader(header[1]) ? Hex.spaced(header) + " **" : null;
    }

    /** Whether this text shows a value masked earlier in this session (as text or hex). */
    boolean holdsSecret(String text) {
        return containsSecret(text);
    }

    private boolean containsSecret(String content) {
        String hex = normalisedHex(content);
        for (String secret : secrets) {
            if (content.contains(secret) || !hex.isEmpty() && hex.contains(secret)) {
                return true;
            }
        }
        return false;
    }

    private void remember(String value) {
        if (value.length() >= MIN_REMEMBERED && !value.equals(MASK)) {
            secrets.add(value);
            secrets.add(Hex.encode(value.getBytes(StandardCharsets.UTF_8)));
        }
    }

    private void rememberBytes(byte[] data) {
        if (data.length >= MIN_REMEMBERED / 2) {
            secrets.add(Hex.encode(data));
        }
    }

    private static String normalisedHex(String content) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < content.length(); i++) {
            char c = content.charAt(i);
            if (Character.digit(c, 16) >= 0 && c < 0x80) {
                sb.append(Character.toUpperCase(c));
            }
        }
        return sb.toString();
    }

    /** Index of the parenthesis closing the one at {@code open}, or the line's length. */
    private static int closingParen(String line, int open, List<Literal> literals) {
        int depth = 0;
        for (int i = open; i < line.length(); i++) {
            Literal lit = at(literals, i);
            if (lit != null) {
                i = lit.end() - 1;
                continue;
            }
            char c = line.charAt(i);
            if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if ((c == ')' || c == ']' || c == '}') && --depth == 0) {
                return i;
            }
        }
        return line.length();
    }

    /** End of the statement starting at {@code from}: a top-level {@code ;} or newline, or the end. */
    private static int statementEnd(String line, int from, List<Literal> literals) {
        int depth = 0;
        for (int i = from; i < line.length(); i++) {
            Literal lit = at(literals, i);
            if (lit != null) {
                i = lit.end() - 1;
                continue;
            }
            char c = line.charAt(i);
            if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if (c == ')' || c == ']' || c == '}') {
                depth--;
            } else if ((c == ';' || c == '\n') && depth <= 0) {
                return i;
            }
        }
        return line.length();
    }

    /** [start, end) of each top-level argument between {@code open} and {@code close}. */
    private static List<int[]> arguments(String line, int open, int close, List<Literal> literals) {
        List<int[]> args = new ArrayList<>();
        int depth = 0;
        int start = open + 1;
        for (int i = open + 1; i < close; i++) {
            Literal lit = at(literals, i);
            if (lit != null) {
                i = lit.end() - 1;
                continue;
            }
            char c = line.charAt(i);
            if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if (c == ')' || c == ']' || c == '}') {
                depth--;
            } else if (c == ',' && depth == 0) {
                args.add(new int[] {start, i});
                start = i + 1;
            }
        }
        if (!line.substring(start, Math.min(close, line.length())).isBlank()) {
            args.add(new int[] {start, Math.min(close, line.length())});
        }
        return args;
    }

    private static boolean inside(List<Literal> literals, int index) {
        return at(literals, index) != null;
    }

    private static Literal at(List<Literal> literals, int index) {
        for (Literal lit : literals) {
            if (index >= lit.start() && index < lit.end()) {
                return lit;
            }
        }
        return null;
    }

    /** The literal that is the whole (trimmed) argument {@code arg}, or null. */
    private static Literal exactly(List<Literal> literals, String line, int[] arg) {
        int s = arg[0];
        int e = arg[1];
        while (s < e && Character.isWhitespace(line.charAt(s))) {
            s++;
        }
        while (e > s && Character.isWhitespace(line.charAt(e - 1))) {
            e--;
        }
        for (Literal lit : literals) {
            if (lit.start() == s && lit.end() == e) {
                return lit;
            }
        }
        return null;
    }

}
