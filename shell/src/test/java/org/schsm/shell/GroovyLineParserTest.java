package org.schsm.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.jline.reader.EOFError;
import org.jline.reader.Parser.ParseContext;
import org.junit.jupiter.api.Test;

class GroovyLineParserTest {
    private final GroovyLineParser parser = new GroovyLineParser();

    private void complete(String input) {
        parser.parse(input, input.length(), ParseContext.ACCEPT_LINE);
    }

    private EOFError incomplete(String input) {
        return assertThrows(EOFError.class, () -> parser.parse(input, input.length(), ParseContext.ACCEPT_LINE));
    }

    @Test
    void openBraceParenAndBracketAskForMoreInput() {
        assertEquals("}", incomplete("twice = { n ->").getMissing());
        assertEquals(")", incomplete("send(\"00 A4\",").getMissing());
        assertEquals("]", incomplete("x = [1,\n2,").getMissing());
        assertEquals("}", incomplete("if (ok) {\n  println 1\n  if (x) { y }").getMissing());
    }

    @Test
    void tripleQuotedStringsAndBlockCommentsAskForMoreInput() {
        assertEquals("\"\"\"", incomplete("s = \"\"\"first line").getMissing());
        assertEquals("'''", incomplete("s = '''a").getMissing());
        assertEquals("*/", incomplete("/* note").getMissing());
    }

    @Test
    void bracketsInsideStringsAndCommentsDoNotCount() {
        complete("println '{ ( ['");
        complete("println \"}\"  // {");
        complete("x = 1 /* ( */");
        complete("s = '''{\n'''");
    }

    @Test
    void completeInputAndCommandsAreAccepted() {
        complete("twice = { n ->\n  n * 2\n}");
        complete(":help");
        complete(":trace {");
    }

    @Test
    void wordForCompletionIsTheDottedChainBeforeTheCursor() {
        var line = parser.parse("println(card.na", 15, ParseContext.COMPLETE);
        assertEquals("card.na", line.word());
        assertEquals(":tr", parser.parse(":tr", 3, ParseContext.COMPLETE).word());
    }
}
