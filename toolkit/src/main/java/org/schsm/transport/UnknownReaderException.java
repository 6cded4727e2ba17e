package org.schsm.transport;

import java.util.List;
import org.schsm.InvalidInputException;

/**
 * A {@code -r} value that names no reader, or more than one; the message lists the candidates
 * with what to type to choose each. An input error: nothing was sent to any card.
 */
public class UnknownReaderException extends InvalidInputException {
    private final List<String> candidates;

    private UnknownReaderException(List<ReaderInfo> readers, String message) {
        super(message + candidateList(readers));
        this.candidates = readers.stream().map(ReaderInfo::name).toList();
    }

    /** For a listing that may include pseudo-readers, each shown with its id. */
    public static UnknownReaderException among(String message, List<ReaderInfo> readers) {
        return new UnknownReaderException(List.copyOf(readers), message);
    }

    /** Names of the readers there were to choose from. */
    public List<String> candidates() {
        return candidates;
    }

    private static String candidateList(List<ReaderInfo> readers) {
        if (readers.isEmpty()) {
            return "; no readers are connected";
        }
        StringBuilder sb = new StringBuilder("; readers:");
        for (int i = 0; i < readers.size(); i++) {
            ReaderInfo r = readers.get(i);
            sb.append(i == 0 ? " " : ", ").append(r.id()).append(" '").append(r.name()).append('\'');
        }
        return sb.toString();
    }
}
