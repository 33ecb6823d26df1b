package io.maas.metrics.service;

import java.util.SplittableRandom;
import java.util.function.ToLongFunction;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Percentiles, min, max and mean against the exact values of seeded latencies, within the documented bound. */
class LatencyAccuracyTest {

    private static final int N = 200_000;

    static Stream<Arguments> distributions() {
        return Stream.of(
                Arguments.of("uniform 1 us .. 10 ms", (ToLongFunction<SplittableRandom>)
                        random -> random.nextLong(1_000, 10_000_001)),
                Arguments.of("log-normal, median 2 ms, sigma 1", (ToLongFunction<SplittableRandom>)
                        random -> Math.round(2e6 * Math.exp(random.nextGaussian()))),
                Arguments.of("Pareto alpha 1.2 from 100 us (heavy tail)", (ToLongFunction<SplittableRandom>)
                        random -> Math.round(1e5 / Math.pow(1 - random.nextDouble(), 1 / 1.2))),
                Arguments.of("small values 0 .. 2000 ns", (ToLongFunction<SplittableRandom>)
                        random -> random.nextLong(0, 2001)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("distributions")
    void statistics_are_within_one_128th_of_the_exact_ones(String name, ToLongFunction<SplittableRandom> draw) {
        SplittableRandom random = new SplittableRandom(name.hashCode());
        long[] values = new long[N];
        // Highest trackable value far above the Pareto tail (about 100 us x 200000^(1/1.2) = 2.7 min): no clamping.
        LatencyRecorder recorder = LatencyRecorder.builder().clock(new ManualClock()).build();
        for (int i = 0; i < N; i++) {
            values[i] = draw.applyAsLong(random);
            recorder.record(values[i]);
        }

        ExactStatistics.assertWithinBound(recorder.sinceStart(), values);
        ExactStatistics.assertWithinBound(recorder.recent(), values);
    }
}
