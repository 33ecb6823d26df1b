package io.maas.metrics.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BucketsTest {

    @Test
    void values_below_256_have_buckets_of_their_own() {
        for (long v = 0; v < 256; v++) {
            int index = Buckets.index(v);
            assertThat(Buckets.lowest(index)).isEqualTo(v);
            assertThat(Buckets.highest(index)).isEqualTo(v);
        }
    }

    @Test
    void buckets_tile_the_longs_without_gaps_or_overlaps() {
        int last = Buckets.index(Long.MAX_VALUE);
        assertThat(last).isEqualTo(7295);
        assertThat(Buckets.lowest(0)).isZero();
        assertThat(Buckets.highest(last)).isEqualTo(Long.MAX_VALUE);
        for (int i = 0; i < last; i++) {
            assertThat(Buckets.highest(i) + 1).as("bucket %d ends where %d starts", i, i + 1)
                    .isEqualTo(Buckets.lowest(i + 1));
            assertThat(Buckets.index(Buckets.lowest(i))).isEqualTo(i);
            assertThat(Buckets.index(Buckets.highest(i))).isEqualTo(i);
        }
    }

    @Test
    void every_bucket_is_narrower_than_one_128th_of_its_values() {
        for (int i = Buckets.index(256); i <= Buckets.index(Long.MAX_VALUE); i++) {
            long width = Buckets.highest(i) - Buckets.lowest(i) + 1;
            assertThat(width * 128).as("bucket %d", i).isLessThanOrEqualTo(Buckets.lowest(i));
        }
    }

    @Test
    void random_values_fall_in_their_bucket() {
        SplittableRandom random = new SplittableRandom(5);
        for (int i = 0; i < 100_000; i++) {
            long v = random.nextLong(Long.MAX_VALUE) >>> random.nextInt(63);
            int index = Buckets.index(v);
            assertThat(Buckets.lowest(index)).isLessThanOrEqualTo(v);
            assertThat(Buckets.highest(index)).isGreaterThanOrEqualTo(v);
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 9, 10, 999, 1000, 1001, 4_000_000, 123_456_789_012L, Long.MAX_VALUE / 1000})
    void nearest_rank_is_the_exact_ceiling(long n) {
        for (int perMille : new int[] {500, 900, 990, 999}) {
            BigInteger[] division = BigInteger.valueOf(n).multiply(BigInteger.valueOf(perMille))
                    .divideAndRemainder(BigInteger.valueOf(1000));
            long ceiling = division[0].longValueExact() + (division[1].signum() > 0 ? 1 : 0);

            assertThat(BucketCounts.rank(n, perMille)).isEqualTo(Math.max(1, ceiling));
        }
    }
}
