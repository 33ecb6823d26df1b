package io.maas.internal;

/**
 * The SplitMix64 generator of Steele, Lea and Flood ("Fast splittable pseudorandom number generators", OOPSLA 2014),
 * written out here so that seeded results never depend on a JDK's choice of algorithm. Not thread-safe; one per use.
 */
public final class SplitMix64 {

    private long state;

    /**
     * Starts the sequence at a seed.
     *
     * @param seed any value
     */
    public SplitMix64(long seed) {
        this.state = seed;
    }

    /**
     * Returns the next 64 random bits.
     *
     * @return the next value of the sequence
     */
    public long nextLong() {
        long z = (state += 0x9E3779B97F4A7C15L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /**
     * Returns an exactly uniform int in [0, bound), by rejection on the top 63 bits.
     *
     * @param bound the exclusive upper bound, &gt; 0
     * @return the next value
     */
    public int nextInt(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be > 0 but was " + bound);
        }
        long r;
        long m;
        do {
            r = nextLong() >>> 1;
            m = r % bound;
        } while (r - m + (bound - 1) < 0); // r fell in the last, incomplete block of size bound
        return (int) m;
    }

    /**
     * Shuffles {@code values[from..to)} in place by Durstenfeld's form of the Fisher-Yates shuffle: for i from
     * to-1 down to from+1, swap i with a uniform j in [from, i], drawn with {@link #nextInt(int)}.
     *
     * @param values the array to shuffle
     * @param from   the first index, inclusive
     * @param to     the last index, exclusive
     */
    public void shuffle(int[] values, int from, int to) {
        for (int i = to - 1; i > from; i--) {
            int j = from + nextInt(i - from + 1);
            int swap = values[i];
            values[i] = values[j];
            values[j] = swap;
        }
    }
}
