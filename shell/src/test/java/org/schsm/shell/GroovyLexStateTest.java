package org.schsm.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The shell's one Groovy scanner: completeness for the line parser, literal spans for the history mask. */
class GroovyLexStateTest {

    private static List<String> contents(String text) {
        return GroovyLexState.literals(text).stream().map(l -> l.content(text)).toList();
    }

    @Test
    void literalsOfEveryQuoteFormAreFoundAndCommentsSkipped() {
        assertEquals(List.of("a", "b\\'c", "d\\\"e", "multi\nline", "f"),
                contents("x('a', 'b\\'c', \"d\\\"e\".size()) // 'not this'\ny = '''multi\nline''' /* 'nor this' */ + \"f\""));
    }

    @Test
    void aTripleQuotedStringEndsOnlyAtThreeQuotes() {
        // Two quotes after a character do not close it: the last three do.
        assertEquals(List.of("ab"), contents("x = \"\"\"ab\"\"\""));
        GroovyLexState state = new GroovyLexState();
        state.feed("x = \"\"\"ab\"\"\"");
        assertNull(state.missing());
        assertTrue(state.atTopLevel());
    }

    @Test
    void anOpenLiteralEndsAtTheNewlineOrTheEnd() {
        String text = "f('abc\ng(\"open";
        List<GroovyLexState.Literal> literals = GroovyLexState.literals(text);
        assertEquals(List.of("abc", "open"), contents(text));
        assertEquals(text.length(), literals.get(1).end());
    }
}
