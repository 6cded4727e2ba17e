package org.schsm.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import javax.smartcardio.CardException;
import javax.smartcardio.CardNotPresentException;
import org.junit.jupiter.api.Test;

class PcscErrorsTest {

    /** SunPCSC wraps a PCSCException whose message is the constant's name. */
    private static CardException sun(String operation, String code) {
        return new CardException(operation + " failed", new Exception(code));
    }

    /** jnasmartcardio puts name and hex code in one message. */
    private static CardException jna(String code, long value) {
        return new CardException(String.format("SCardConnect got response 0x%x (%s: something)", value, code));
    }

    @Test
    void noServiceMeansPcscUnavailableWithAHintToStartPcscd() {
        TransportException e = PcscErrors.map("listing readers", null, sun("list()", "SCARD_E_NO_SERVICE"));
        assertInstanceOf(PcscUnavailableException.class, e);
        assertTrue(e.getMessage().contains("pcscd"), e.getMessage());
        assertInstanceOf(PcscUnavailableException.class,
                PcscErrors.map("x", null, jna("SCARD_E_NO_SERVICE", 0x8010001DL)));
    }

    @Test
    void hexCodeAloneIsEnoughToMap() {
        CardException bare = new CardException("SCardEstablishContext got response 0x8010001d");
        assertInstanceOf(PcscUnavailableException.class, PcscErrors.map("x", null, bare));
        assertInstanceOf(CardRemovedException.class, PcscErrors.map("x", "r", new CardException("0x80100069")));
    }

    @Test
    void readerErrorsMapToNoReader() {
        assertInstanceOf(NoReaderException.class, PcscErrors.map("x", null, sun("list()", "SCARD_E_NO_READERS_AVAILABLE")));
        TransportException gone = PcscErrors.map("connecting", "Nitrokey HSM", jna("SCARD_E_READER_UNAVAILABLE", 0x80100017L));
        assertInstanceOf(NoReaderException.class, gone);
        assertTrue(gone.getMessage().contains("'Nitrokey HSM'"), gone.getMessage());
        TransportException midCommand = PcscErrors.map("sending SELECT (00 A4 04 00)", "Nitrokey HSM",
                jna("SCARD_E_READER_UNAVAILABLE", 0x80100017L));
        assertTrue(midCommand.getMessage().endsWith("is not available (unplugged, or its driver stopped) while sending"
                + " SELECT (00 A4 04 00)"), midCommand.getMessage());
        assertInstanceOf(NoReaderException.class, PcscErrors.map("x", "r", sun("connect()", "SCARD_E_UNKNOWN_READER")));
    }

    @Test
    void cardErrorsMapToNoCardRemovedOrBusy() {
        assertInstanceOf(NoCardException.class, PcscErrors.map("x", "r", sun("connect()", "SCARD_E_NO_SMARTCARD")));
        assertInstanceOf(NoCardException.class, PcscErrors.map("x", "r", new CardNotPresentException("No card present")));
        TransportException removed = PcscErrors.map("sending a command", "r", sun("transmit()", "SCARD_W_REMOVED_CARD"));
        assertInstanceOf(CardRemovedException.class, removed);
        assertTrue(removed.getMessage().contains("while sending a command"), removed.getMessage());
        assertInstanceOf(CardBusyException.class, PcscErrors.map("x", "r", sun("connect()", "SCARD_E_SHARING_VIOLATION")));
    }

    @Test
    void jnasmartcardioReturnCodeFieldDecidesEvenWithoutAKnownMessage() {
        CardException removed = new jnasmartcardio.Smartcardio.JnaPCSCException(0x80100069L, "SCardTransmit failed");
        assertInstanceOf(CardRemovedException.class, PcscErrors.map("sending a command", "r", removed));
        // The code is a DWORD; a sign-extended value must map the same way.
        CardException noService = new jnasmartcardio.Smartcardio.JnaPCSCException(0x8010001D, "x"); // int literal: sign-extended
        assertInstanceOf(PcscUnavailableException.class, PcscErrors.map("listing readers", null, noService));
        RuntimeException establish = new jnasmartcardio.Smartcardio.EstablishContextException(
                new jnasmartcardio.Smartcardio.JnaPCSCException(0x8010001DL, "SCardEstablishContext"));
        assertInstanceOf(PcscUnavailableException.class, PcscErrors.map("listing readers", null, establish));
    }

    @Test
    void lostExchangeAndProtocolMismatchNameTheReader() {
        TransportException lost = PcscErrors.map("sending a command", "Virtual PCD 00 01", sun("transmit()", "SCARD_E_NOT_TRANSACTED"));
        assertTrue(lost.getMessage().contains("'Virtual PCD 00 01' could not complete the exchange while sending a command"),
                lost.getMessage());
        TransportException proto = PcscErrors.map("connecting", "r", sun("connect()", "SCARD_E_PROTO_MISMATCH"));
        assertTrue(proto.getMessage().contains("protocol"), proto.getMessage());
    }

    @Test
    void resetByAnotherProgramSaysThePinStateIsLost() {
        TransportException e = PcscErrors.map("x", "r", sun("transmit()", "SCARD_W_RESET_CARD"));
        assertEquals(TransportException.class, e.getClass());
        assertTrue(e.getMessage().contains("PIN state is lost"), e.getMessage());
    }

    @Test
    void missingLibraryIsPcscUnavailable() {
        RuntimeException wrapped = new RuntimeException("init", new UnsatisfiedLinkError("libpcsclite.so.1: not found"));
        assertInstanceOf(PcscUnavailableException.class, PcscErrors.map("listing readers", null, wrapped));
    }

    @Test
    void unknownErrorsKeepTheirCauseAndOperation() {
        CardException odd = new CardException("something else");
        TransportException e = PcscErrors.map("sending a command", "r", odd);
        assertEquals(TransportException.class, e.getClass());
        assertSame(odd, e.getCause());
        assertTrue(e.getMessage().startsWith("sending a command failed"), e.getMessage());
    }

    @Test
    void sunProviderPreparationTurnsOffItsOwnGetResponseHandling() {
        System.clearProperty("sun.security.smartcardio.t0GetResponse");
        System.setProperty("sun.security.smartcardio.t1GetResponse", "true"); // a user's explicit choice stays
        try {
            PcscProvider.prepareSunProvider();
            assertEquals("false", System.getProperty("sun.security.smartcardio.t0GetResponse"));
            assertEquals("true", System.getProperty("sun.security.smartcardio.t1GetResponse"));
        } finally {
            System.clearProperty("sun.security.smartcardio.t1GetResponse");
        }
    }
}
