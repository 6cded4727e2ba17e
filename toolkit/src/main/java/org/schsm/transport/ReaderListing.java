package org.schsm.transport;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link Readers#list()} found: the PC/SC readers, then the pseudo-readers. When the PC/SC
 * service could not be reached, {@code pcscProblem} says why (one line for the user) and the
 * listing still holds the pseudo-readers, which do not need it.
 */
public record ReaderListing(List<ReaderInfo> readers, Optional<String> pcscProblem) {
    public ReaderListing {
        readers = List.copyOf(readers);
        Objects.requireNonNull(pcscProblem, "pcscProblem");
    }

    /** Only the PC/SC readers. */
    public List<ReaderInfo> pcscReaders() {
        return readers.stream().filter(ReaderInfo::isPcsc).toList();
    }
}
