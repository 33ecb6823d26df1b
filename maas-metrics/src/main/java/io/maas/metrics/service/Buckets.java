package io.maas.metrics.service;

/**
 * Log-linear buckets over the non-negative longs: 256 unit-wide buckets for 0..255, then 128 buckets per power of
 * two, each 1/128 of the power wide (the layout of HdrHistogram with two significant digits).
 *
 * <p>A value v ≥ 256 shares its bucket with fewer than v/128 others, so any value in a bucket stands for any other
 * with a relative error below 1/128 ≈ 0.78 %. The index is computed from the position of the highest set bit: no
 * loop, no table, no branch (the {@code max} compiles to a conditional move). Every long from 0 to
 * {@link Long#MAX_VALUE} has a bucket; index 7295 is the last.
 */
final class Buckets {

    /** log2 of the number of buckets per power of two. */
    static final int SUB_BUCKET_BITS = 7;

    private static final int SHIFT_BASE = Long.SIZE - 1 - SUB_BUCKET_BITS;

    private Buckets() {
    }

    /** The bucket of a value ≥ 0. */
    static int index(long value) {
        int shift = Math.max(0, SHIFT_BASE - Long.numberOfLeadingZeros(value));
        return (shift << SUB_BUCKET_BITS) + (int) (value >>> shift);
    }

    /** The smallest value in a bucket. */
    static long lowest(int index) {
        int shift = shift(index);
        return (long) (index - (shift << SUB_BUCKET_BITS)) << shift;
    }

    /** The largest value in a bucket. */
    static long highest(int index) {
        return lowest(index) + (1L << shift(index)) - 1;
    }

    private static int shift(int index) {
        return Math.max(0, (index >> SUB_BUCKET_BITS) - 1);
    }
}
