package org.schsm.hsm.dkek;

/**
 * Told how far the slow share-file key derivation has come (3 x 10,000,000 MD5 rounds take
 * seconds). Called at most a few hundred times; {@code done == total} at the end.
 */
@FunctionalInterface
public interface KdfProgress {
    KdfProgress NONE = (done, total) -> { };

    void progress(long done, long total);
}
