package org.schsm.shell;

import java.util.List;
import org.jline.reader.CompletingParsedLine;
import org.jline.reader.EOFError;
import org.jline.reader.ParsedLine;
import org.jline.reader.Parser;

/**
 * JLine parser for Groovy input. On Enter it raises {@link EOFError} while a bracket, brace,
 * parenthesis, triple-quoted string or block comment is open, so JLine shows the continuation
 * prompt; {@code :commands} are always complete. For completion the "word" is the dotted
 * identifier chain before the cursor ({@code hsm.sta}).
 */
final class GroovyLineParser implements Parser {
    @Override
    public ParsedLine parse(String line, int cursor, ParseContext context) {
        if (context == ParseContext.ACCEPT_LINE && !line.strip().startsWith(":")) {
            GroovyLexState state = new GroovyLexState();
            state.feed(line);
            String missing = state.missing();
            if (missing != null) {
                throw new EOFError(-1, cursor, "input incomplete", missing, state.openBrackets(), missing);
            }
        }
        int start = cursor;
        while (start > 0 && isWordChar(line.charAt(start - 1))) {
            start--;
        }
        if (start > 0 && line.charAt(start - 1) == ':' && line.substring(0, start - 1).isBlank()) {
            start--;   // ":tr" completes to ":trace"
        }
        return new Word(line, cursor, line.substring(start, cursor));
    }

    private static boolean isWordChar(char c) {
        return Character.isJavaIdentifierPart(c) || c == '.';
    }

    private record Word(String line, int cursor, String word) implements CompletingParsedLine {
        @Override
        public int wordCursor() {
            return word.length();
        }

        @Override
        public int wordIndex() {
            return 0;
        }

        @Override
        public List<String> words() {
            return List.of(word);
        }

        @Override
        public CharSequence escape(CharSequence candidate, boolean complete) {
            return candidate;
        }

        @Override
        public int rawWordCursor() {
            return word.length();
        }

        @Override
        public int rawWordLength() {
            return word.length();
        }
    }
}
