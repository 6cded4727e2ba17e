package org.schsm.hsm.dkek;

/**
 * Where random bytes come from. sc-hsm-tool takes every random value of a share file (salt,
 * share, n-of-m password and prime seed) from the card's GET CHALLENGE (keys.md §8); schsm
 * does the same by passing {@code SmartCardHsm::getChallenge}.
 */
@FunctionalInterface
public interface RandomSource {
    byte[] bytes(int count);
}
