package org.schsm.errors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import groovy.lang.GroovyShell;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.codehaus.groovy.control.CompilationFailedException;
import org.junit.jupiter.api.Test;
import org.schsm.hsm.PinFormatException;

class SafeErrorTextTest {
    static final String SECRET = "Tq7#pL2v";

    private static Throwable thrownBy(String groovy) {
        return assertThrows(Throwable.class, () -> new GroovyShell().evaluate(
                "import org.schsm.hsm.*\n" + groovy));
    }

    private static String trace(Throwable t) {
        StringWriter w = new StringWriter();
        SafeErrorText.printTrace(t, new PrintWriter(w));
        return w.toString();
    }

    @Test
    void aMissingMethodIsDescribedByArgumentTypesOnly() {
        Throwable t = thrownBy("Pin.user('" + SECRET + "', 42)");
        assertTrue(t.getMessage().contains(SECRET), "the premise: Groovy shows the value");
        String m = SafeErrorText.message(t);
        assertTrue(m.startsWith("No signature of method: Pin.user() is applicable for argument types: (String, Integer)"), m);
        assertTrue(m.contains("Possible solutions: user(java.lang.String)"), m);
        assertFalse(m.contains(SECRET), m);
        assertFalse(trace(t).contains(SECRET), trace(t));
        assertTrue(trace(t).contains("\tat "), "frames are kept");
    }

    @Test
    void aFailedCastShowsTheClassesButNotTheObject() {
        Throwable t = thrownBy("PinValue p = '" + SECRET + "'");
        String m = SafeErrorText.message(t);
        assertEquals("Cannot cast object '****' with class 'java.lang.String' to class 'org.schsm.hsm.PinValue'", m);
    }

    @Test
    void aSyntaxErrorDropsTheQuotedSourceLine() {
        Throwable t = assertThrows(CompilationFailedException.class,
                () -> new GroovyShell().parse("x = Pin.user('" + SECRET + "' '" + SECRET + "')"));
        assertTrue(t.getMessage().contains(SECRET), "the premise: Groovy quotes the source");
        String m = SafeErrorText.message(t);
        assertFalse(m.contains(SECRET), m);
        assertFalse(m.isBlank());
        assertFalse(trace(t).contains(SECRET), trace(t));
    }

    @Test
    void causesAndSuppressedExceptionsAreMaskedToo() {
        RuntimeException outer = new RuntimeException("wrapper", new IllegalArgumentException("bad value '" + SECRET + "'"));
        outer.addSuppressed(new IllegalStateException("values: [" + SECRET + "]"));
        String trace = trace(outer);
        assertFalse(trace.contains(SECRET), trace);
        assertTrue(trace.contains("Caused by: java.lang.IllegalArgumentException: bad value '****'"), trace);
        assertTrue(trace.contains("Suppressed: java.lang.IllegalStateException: values: [****]"), trace);
    }

    @Test
    void theToolkitsOwnMessagesAreKept() {
        PinFormatException e = new PinFormatException("user PIN has 5 characters; it must have 6 to 16 characters");
        assertEquals(e.getMessage(), SafeErrorText.message(e));
    }
}
