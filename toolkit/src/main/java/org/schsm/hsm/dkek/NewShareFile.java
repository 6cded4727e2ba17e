package org.schsm.hsm.dkek;

import java.util.Optional;
import org.schsm.Secret;

/**
 * A share file made the way {@code sc-hsm-tool --create-dkek-share} makes it (keys.md §5): every
 * random value comes from {@code random} (the card's GET CHALLENGE) in the tool's order. With
 * password shares: 8 bytes for the password, 16 for the prime seed; then always 8 bytes of salt
 * and 32 for the share.
 *
 * @param file           the 64 bytes to write (mode 0600)
 * @param share          the share itself, for showing its KCV; the caller closes it
 * @param passwordShares the custodians' parts when the password was split, else empty
 */
public record NewShareFile(byte[] file, DkekShare share, Optional<PasswordShares.Split> passwordShares) {

    /** With a password the user chose (at least 6 characters in sc-hsm-tool). */
    public static NewShareFile withPassword(@Secret byte[] password, RandomSource random, KdfProgress progress) {
        return withPassword(password, random, progress, OpenSslKeyDerivation.SC_HSM_TOOL_ROUNDS);
    }

    static NewShareFile withPassword(byte[] password, RandomSource random, KdfProgress progress, int rounds) {
        byte[] salt = random.bytes(8);
        byte[] value = random.bytes(DkekSecret.LENGTH);
        DkekShare share = new DkekShare(value);
        java.util.Arrays.fill(value, (byte) 0);
        byte[] file = ShareFile.encrypt(share, password, salt, rounds, progress);
        return new NewShareFile(file, share, Optional.empty());
    }

    /** With a random password split into {@code total} shares, {@code threshold} of which rebuild it. */
    public static NewShareFile withPasswordShares(int threshold, int total, RandomSource random, KdfProgress progress) {
        return withPasswordShares(threshold, total, random, progress, OpenSslKeyDerivation.SC_HSM_TOOL_ROUNDS);
    }

    static NewShareFile withPasswordShares(int threshold, int total, RandomSource random, KdfProgress progress,
            int rounds) {
        PasswordShares.Split split = PasswordShares.split(threshold, total, random);
        NewShareFile made = withPassword(split.password(), random, progress, rounds);
        return new NewShareFile(made.file, made.share, Optional.of(split));
    }

    @Override
    public String toString() {
        return "NewShareFile[" + share + passwordShares.map(s -> ", " + s.shares().size() + " password shares").orElse("")
                + "]";
    }
}
