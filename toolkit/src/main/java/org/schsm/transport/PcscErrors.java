package org.schsm.transport;

import java.util.Locale;
import javax.smartcardio.CardNotPresentException;

/**
 * Turns the errors of javax.smartcardio providers into the toolkit's transport exceptions with a
 * message a user can act on. Providers report the PC/SC return code differently (SunPCSC as the
 * constant's name in a nested exception, jnasmartcardio as name and hex code in the message), so
 * the whole cause chain is searched for either form.
 */
public final class PcscErrors {
    /** A PC/SC return code as winscard names it and as its unsigned hex value. */
    private enum Code {
        NO_SERVICE("SCARD_E_NO_SERVICE", "8010001d"),
        SERVICE_STOPPED("SCARD_E_SERVICE_STOPPED", "8010001e"),
        NO_READERS("SCARD_E_NO_READERS_AVAILABLE", "8010002e"),
        READER_UNAVAILABLE("SCARD_E_READER_UNAVAILABLE", "80100017"),
        UNKNOWN_READER("SCARD_E_UNKNOWN_READER", "80100009"),
        NO_SMARTCARD("SCARD_E_NO_SMARTCARD", "8010000c"),
        REMOVED("SCARD_W_REMOVED_CARD", "80100069"),
        UNPOWERED("SCARD_W_UNPOWERED_CARD", "80100067"),
        UNRESPONSIVE("SCARD_W_UNRESPONSIVE_CARD", "80100066"),
        RESET("SCARD_W_RESET_CARD", "80100068"),
        SHARING("SCARD_E_SHARING_VIOLATION", "8010000b"),
        NOT_TRANSACTED("SCARD_E_NOT_TRANSACTED", "80100016"),
        PROTO_MISMATCH("SCARD_E_PROTO_MISMATCH", "8010000f");

        final String name;
        final String hex;
        final long value;

        Code(String name, String hex) {
            this.name = name;
            this.hex = hex;
            this.value = Long.parseLong(hex, 16);
        }

        boolean matches(long code) {
            return (code & 0xFFFFFFFFL) == value;
        }
    }

    private PcscErrors() {
    }

    /**
     * True for SCARD_E_PROTO_MISMATCH. vpcd's driver answers pcscd's presence poll and a connect's
     * power-up on one socket per slot; when both run at once (many readers connected in parallel
     * on a loaded machine) the ATR pcscd parses can be garbled and the connect fails with this
     * code although the card offers T=1, so a connect is worth one more try.
     */
    static boolean protocolMismatch(Throwable error) {
        return findCode(error) == Code.PROTO_MISMATCH;
    }

    /**
     * The transport exception for a provider failure.
     *
     * @param operation what was being done, e.g. "listing readers"
     * @param reader    the reader involved, or null
     */
    public static TransportException map(String operation, String reader, Throwable error) {
        String where = reader == null ? "" : " '" + reader + "'";
        Code code = findCode(error);
        if (code == null) {
            if (hasCause(error, CardNotPresentException.class)) {
                return new NoCardException("no card in reader" + where, error);
            }
            if (hasCause(error, LinkageError.class)) {
                return new PcscUnavailableException("the PC/SC library could not be loaded (is libpcsclite installed?)", error);
            }
            return new TransportException(operation + " failed: " + error.getMessage(), error);
        }
        return switch (code) {
            case NO_SERVICE, SERVICE_STOPPED -> new PcscUnavailableException(
                    "the PC/SC service is not running; start pcscd (e.g. 'sudo systemctl start pcscd')", error);
            case NO_READERS -> new NoReaderException("no smart card reader is connected", error);
            case READER_UNAVAILABLE, UNKNOWN_READER -> new NoReaderException("reader" + where
                    + " is not available (unplugged, or its driver stopped) while " + operation, error);
            case NO_SMARTCARD -> new NoCardException("no card in reader" + where, error);
            case REMOVED, UNPOWERED -> new CardRemovedException("the card in reader" + where
                    + " was removed or lost power while " + operation, error);
            case UNRESPONSIVE -> new TransportException("the card in reader" + where + " does not answer (unresponsive)", error);
            case RESET -> new TransportException("the card in reader" + where
                    + " was reset by another program; its PIN state is lost, retry the operation", error);
            case SHARING -> new CardBusyException("reader" + where
                    + " is held exclusively by another program (close it, or stop other PC/SC clients)", error);
            case NOT_TRANSACTED -> new TransportException("the reader" + where + " could not complete the exchange while "
                    + operation + " (card pulled out or contacts lost?)", error);
            case PROTO_MISMATCH -> new TransportException("the card in reader" + where
                    + " does not speak a protocol the reader offers (T=0/T=1)", error);
        };
    }

    private static Code findCode(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            Code byValue = byValue(t);
            if (byValue != null) {
                return byValue;
            }
            String m = t.getMessage();
            if (m == null) {
                continue;
            }
            String lower = m.toLowerCase(Locale.ROOT);
            for (Code c : Code.values()) {
                if (m.contains(c.name) || lower.contains("0x" + c.hex)) {
                    return c;
                }
            }
        }
        return null;
    }

    /** jnasmartcardio carries the return code as a field; trust it before any message text. */
    private static Code byValue(Throwable t) {
        long code;
        if (t instanceof jnasmartcardio.Smartcardio.JnaPCSCException e) {
            code = e.code;
        } else if (t instanceof jnasmartcardio.Smartcardio.JnaCardNotPresentException e) {
            code = e.code;
        } else {
            return null;
        }
        for (Code c : Code.values()) {
            if (c.matches(code)) {
                return c;
            }
        }
        return null;
    }

    private static boolean hasCause(Throwable error, Class<? extends Throwable> type) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
