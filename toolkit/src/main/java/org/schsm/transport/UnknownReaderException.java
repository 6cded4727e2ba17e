package org.schsm.transport;

import java.util.List;
import org.schsm.InvalidInputException;

/** A {@code -r} value that names no reader, or more than one; the message lists the candidates. */
public class UnknownReaderException extends InvalidInputException {
    private final List<String> candidates;

    public UnknownReaderException(String message, List<String> candidates) {
        super(message + candidateList(candidates));
        this.candidates = List.copyOf(candidates);
    }

    public List<String> candidates() {
        return candidates;
    }

    private static String candidateList(List<String> names) {
        if (names.isEmpty()) {
            return "; no readers are connected";
        }
        StringBuilder sb = new StringBuilder("; readers:");
        for (int i = 0; i < names.size(); i++) {
            sb.append(i == 0 ? " " : ", ").append(i).append(" '").append(names.get(i)).append('\'');
        }
        return sb.toString();
    }
}
