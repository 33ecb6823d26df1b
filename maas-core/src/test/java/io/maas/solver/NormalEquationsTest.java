package io.maas.solver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.maas.data.Dataset;
import io.maas.internal.VectorKernels;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The fast path of {@link Precision#AUTO}: normal equations from the blocked Gram, refined once. Its answers are
 * checked against the extended-precision solve (the least-squares solution of the double data to about 30 digits)
 * and against QR, its partial results must merge like a serial pass, and its thread count must not change a bit.
 */
class NormalEquationsTest {

    /**
     * Both sides promise at most {@link LeastSquares#TRUSTED_RELATIVE_ERROR} (1e-13) relative error per parameter
     * against the exact least-squares solution (the fast path by its a-posteriori bound, the extended solve by a wide
     * margin), so they may differ by the sum of the two: 2e-13 of the parameter. Measured differences are ~1e-16.
     */
    private static final double AGAINST_EXTENDED = 2e-13;

    /**
     * The fast path's standard errors come from the unrefined inverse of the Gram, accepted only when its relative
     * error is at most 2e-12 (so 1e-12 on their square roots); the extended side adds nothing to that.
     */
    private static final double STANDARD_ERRORS = 1e-12;

    /** Merging partial Gram matrices re-associates sums of n products: about √n·u relative, far below 1e-12. */
    private static final double MERGE = 1e-12;

    private static final LeastSquares EXTENDED = LeastSquares.builder().precision(Precision.EXTENDED).build();

    /** n rows of p features with offsets and scales up to 1e4 and 1e3, coefficients of mixed sizes, noise σ. */
    static Dataset problem(int n, int p, long seed, double offset, double noise) {
        Random random = new Random(seed);
        double[] beta = new double[p];
        double[] centre = new double[p];
        double[] spread = new double[p];
        List<String> names = new ArrayList<>();
        for (int j = 0; j < p; j++) {
            beta[j] = (j % 2 == 0 ? 1 : -1) * Math.pow(10, random.nextInt(5) - 2) * (1 + random.nextDouble());
            centre[j] = offset * random.nextGaussian();
            spread[j] = Math.pow(10, random.nextInt(4));
            names.add("x" + j);
        }
        double[][] x = new double[n][p];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            double sum = 42.0;
            for (int j = 0; j < p; j++) {
                x[i][j] = centre[j] + spread[j] * random.nextGaussian();
                sum += beta[j] * x[i][j];
            }
            y[i] = sum + noise * random.nextGaussian();
        }
        return Dataset.of(names, x, "y", y);
    }

    /**
     * The exact least-squares solution of the double data, intercept first: the normal equations formed exactly in
     * BigDecimal (products and sums of doubles are exact there) and solved by elimination with 100 digits.
     */
    static double[] exactSolution(Dataset data) {
        int n = data.rowCount();
        int k = data.featureCount() + 1;
        BigDecimal[][] g = new BigDecimal[k][k + 1];
        for (BigDecimal[] row : g) {
            Arrays.fill(row, BigDecimal.ZERO);
        }
        BigDecimal[] a = new BigDecimal[k + 1];
        for (int i = 0; i < n; i++) {
            a[0] = BigDecimal.ONE;
            for (int j = 1; j < k; j++) {
                a[j] = new BigDecimal(data.feature(i, j - 1));
            }
            a[k] = new BigDecimal(data.target(i));
            for (int r = 0; r < k; r++) {
                for (int c = r; c <= k; c++) {
                    g[r][c] = g[r][c].add(a[r].multiply(a[c]));
                }
            }
        }
        MathContext digits = new MathContext(100);
        for (int r = 0; r < k; r++) {
            for (int c = 0; c < r; c++) {
                g[r][c] = g[c][r];
            }
        }
        for (int c = 0; c < k; c++) {
            for (int r = c + 1; r < k; r++) {
                BigDecimal factor = g[r][c].divide(g[c][c], digits);
                for (int m = c; m <= k; m++) {
                    g[r][m] = g[r][m].subtract(factor.multiply(g[c][m], digits), digits);
                }
            }
        }
        BigDecimal[] x = new BigDecimal[k];
        double[] solution = new double[k];
        for (int r = k - 1; r >= 0; r--) {
            BigDecimal sum = g[r][k];
            for (int m = r + 1; m < k; m++) {
                sum = sum.subtract(g[r][m].multiply(x[m], digits), digits);
            }
            x[r] = sum.divide(g[r][r], digits);
            solution[r] = x[r].doubleValue();
        }
        return solution;
    }

    private static double[] parameters(LinearSolution s) {
        double[] all = new double[s.coefficients().length + 1];
        all[0] = s.intercept();
        System.arraycopy(s.coefficients(), 0, all, 1, s.coefficients().length);
        return all;
    }

    private static void assertClose(double[] actual, double[] expected, double relative) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int j = 0; j < actual.length; j++) {
            assertThat(Math.abs(actual[j] - expected[j]))
                    .as("parameter %d: %s vs %s", j, actual[j], expected[j])
                    .isLessThanOrEqualTo(relative * Math.abs(expected[j]));
        }
    }

    private static void assertFast(LinearSolution fit) {
        assertThat(fit.diagnostics().method()).contains("normal equations").contains("refined");
        assertThat(fit.diagnostics().precision()).isEqualTo(Precision.DOUBLE);
    }

    @Nested
    class AgreementWithExtendedPrecision {

        @ParameterizedTest
        @ValueSource(longs = {1, 2, 3, 4, 5, 6})
        void well_conditioned_problems_take_the_fast_path_and_match_extended_precision(long seed) {
            Dataset data = problem(3000 + 997 * (int) seed, 2 + (int) seed * 3, seed, 100, 0.5);

            LinearSolution fast = LeastSquares.defaults().solve(data);
            LinearSolution exact = EXTENDED.solve(data);

            assertFast(fast);
            assertClose(parameters(fast), parameters(exact), AGAINST_EXTENDED);
            InferenceStatistics f = fast.statistics().orElseThrow();
            InferenceStatistics e = exact.statistics().orElseThrow();
            assertThat(f.intercept().orElseThrow().standardError())
                    .isCloseTo(e.intercept().orElseThrow().standardError(),
                            within(
                                    STANDARD_ERRORS * e.intercept().orElseThrow().standardError()));
            for (int j = 0; j < f.coefficients().size(); j++) {
                double expected = e.coefficients().get(j).standardError();
                assertThat(Math.abs(f.coefficients().get(j).standardError() - expected))
                        .isLessThanOrEqualTo(STANDARD_ERRORS * expected);
            }
            assertThat(Math.abs(f.residualStandardDeviation() - e.residualStandardDeviation()))
                    .isLessThanOrEqualTo(1e-13 * e.residualStandardDeviation());
        }

        @ParameterizedTest
        @ValueSource(doubles = {1e6, 1e9})
        void a_large_common_offset_does_not_cost_digits(double offset) {
            // Features around ±offset with spreads of 1 to 1000, like timestamps: the centred Gram is well
            // conditioned, the Gram of [1 X] is not, and the intercept is a difference of terms ~offset·|β|. The
            // reference is the exact rational solution of the double data (the extended solve, which starts from
            // the uncentred Gram, is itself off by ~1e-12 at 1e6 and ~1e-7 at 1e9 in the intercept).
            Dataset data = problem(20_000, 4, 11, offset, 0.1);

            LinearSolution fast = LeastSquares.defaults().solve(data);

            assertFast(fast);
            assertClose(parameters(fast), exactSolution(data), AGAINST_EXTENDED / 2);
        }

        @Test
        void weighted_fits_match_extended_precision() {
            Dataset data = problem(5000, 6, 12, 10, 1);
            double[] weights = new double[5000];
            Random random = new Random(12);
            for (int i = 0; i < weights.length; i++) {
                weights[i] = i % 7 == 0 ? 0.0 : random.nextDouble() * 3;
            }

            LinearSolution fast = LeastSquares.defaults().solve(data, weights);

            assertFast(fast);
            assertClose(parameters(fast), parameters(EXTENDED.solve(data, weights)), AGAINST_EXTENDED);
        }

        @Test
        void fits_without_intercept_match_extended_precision() {
            Dataset data = problem(4000, 5, 13, 3, 1);
            LeastSquares none = LeastSquares.builder().intercept(Intercept.NONE).build();

            LinearSolution fast = none.solve(data);

            assertFast(fast);
            assertClose(parameters(fast), parameters(LeastSquares.builder().intercept(Intercept.NONE)
                    .precision(Precision.EXTENDED).build().solve(data)), AGAINST_EXTENDED);
        }

        @Test
        void ridge_fits_match_extended_precision() {
            Dataset data = problem(4000, 5, 14, 3, 1);

            LinearSolution fast = LeastSquares.builder().ridge(2.5).build().solve(data);

            assertFast(fast);
            assertClose(parameters(fast), parameters(LeastSquares.builder().ridge(2.5).precision(Precision.EXTENDED)
                    .build().solve(data)), AGAINST_EXTENDED);
            assertThat(fast.statistics()).isEmpty();
        }

        @Test
        void qr_agrees_within_its_own_error_bound() {
            // QR in double loses about log10(condition) plus the spread of the coefficients' sizes: ~1e-13 here.
            Dataset data = problem(6000, 8, 15, 5, 1);

            LinearSolution fast = LeastSquares.defaults().solve(data);
            LinearSolution qr = LeastSquares.builder().precision(Precision.DOUBLE).build().solve(data);

            assertFast(fast);
            assertThat(qr.diagnostics().method()).contains("QR");
            assertClose(parameters(fast), parameters(qr), 1e-10);
            assertThat(fast.diagnostics().conditionEstimate().orElseThrow())
                    .isCloseTo(qr.diagnostics().conditionEstimate().orElseThrow(),
                            within(1e-6));
        }
    }

    @Nested
    class FallBack {

        @Test
        void nearly_collinear_columns_go_to_qr_and_extended_precision_as_before() {
            Random random = new Random(21);
            double[][] x = new double[500][3];
            double[] y = new double[500];
            for (int i = 0; i < 500; i++) {
                x[i][0] = random.nextGaussian();
                x[i][1] = random.nextGaussian();
                x[i][2] = x[i][0] + 1e-7 * random.nextGaussian(); // condition ~1e7: the normal equations lose 14
                y[i] = 1 + x[i][0] - 2 * x[i][1] + 3 * x[i][2] + 0.01 * random.nextGaussian();
            }
            Dataset data = Dataset.of(List.of("a", "b", "c"), x, "y", y);

            LinearSolution fit = LeastSquares.defaults().solve(data);

            assertThat(fit.diagnostics().method()).doesNotContain("normal equations (parallel");
            assertClose(parameters(fit), parameters(EXTENDED.solve(data)), AGAINST_EXTENDED);
        }

        @Test
        void a_constant_column_is_named_before_any_factorisation() {
            double[][] x = new double[100][2];
            double[] y = new double[100];
            for (int i = 0; i < 100; i++) {
                x[i][0] = i;
                x[i][1] = 7.25;
                y[i] = 2 * i + 1;
            }
            Dataset data = Dataset.of(List.of("i", "seven"), x, "y", y);

            assertThatThrownBy(() -> LeastSquares.builder().rankPolicy(RankPolicy.FAIL).build().solve(data))
                    .isInstanceOf(RankDeficientException.class)
                    .hasMessageContaining("seven")
                    .hasMessageContaining("duplicates the intercept");
        }
    }

    @Nested
    class Merging {

        @Test
        void chunks_merged_in_order_equal_one_serial_pass() {
            Dataset data = problem(10_007, 7, 31, 1e3, 1);
            double[] y = data.target();
            GramAccumulator serial = new GramAccumulator(8);
            serial.add(data, null, 0, data.rowCount());
            GramAccumulator merged = new GramAccumulator(8);
            int[] cuts = {0, 1, 17, 2048, 2049, 6000, 10_007};
            for (int c = 0; c + 1 < cuts.length; c++) {
                GramAccumulator part = new GramAccumulator(8);
                part.add(data, null, cuts[c], cuts[c + 1]);
                merged.merge(part);
            }

            assertSameGram(merged, serial, 8);
        }

        @Test
        void row_major_blocks_from_a_stream_equal_the_dataset_pass() {
            Dataset data = problem(3001, 5, 32, 50, 1);
            double[] y = data.target();
            double[] weights = new double[3001];
            for (int i = 0; i < weights.length; i++) {
                weights[i] = 1 + i % 3;
            }
            GramAccumulator fromDataset = new GramAccumulator(6);
            fromDataset.add(data, weights, 0, 3001);
            GramAccumulator fromBlocks = new GramAccumulator(6);
            double[] features = data.featuresRowMajor();
            for (int start = 0; start < 3001; start += 700) {
                int rows = Math.min(700, 3001 - start);
                fromBlocks.add(Arrays.copyOfRange(features, start * 5, (start + rows) * 5),
                        Arrays.copyOfRange(y, start, start + rows),
                        Arrays.copyOfRange(weights, start, start + rows), rows);
            }

            assertSameGram(fromBlocks, fromDataset, 6);
            assertThat(fromBlocks.rows()).isEqualTo(3001);
        }

        @Test
        void the_refinement_pass_merges_like_a_serial_pass() {
            Dataset data = problem(5003, 4, 33, 10, 1);
            double[] y = data.target();
            double[] theta = {40, 0.1, -0.2, 0.3, -0.4};
            RefinementAccumulator serial = new RefinementAccumulator(theta, Intercept.FIT);
            serial.add(data, null, 0, 5003);
            RefinementAccumulator merged = new RefinementAccumulator(theta, Intercept.FIT);
            for (int start = 0; start < 5003; start += 1234) {
                RefinementAccumulator part = new RefinementAccumulator(theta, Intercept.FIT);
                part.add(data, null, start, Math.min(5003, start + 1234));
                merged.merge(part);
            }

            // Compensated sums: both are the exact sums rounded once, up to ~1e-30 relative to their terms.
            assertThat(merged.interceptGradient()).isCloseTo(serial.interceptGradient(),
                    within(MERGE * Math.abs(serial.interceptGradient())));
            assertThat(merged.sumOfSquares()).isCloseTo(serial.sumOfSquares(),
                    within(MERGE * serial.sumOfSquares()));
            for (int j = 0; j < 4; j++) {
                assertThat(merged.gradient(j)).isCloseTo(serial.gradient(j),
                        within(MERGE * Math.abs(serial.gradient(j))));
            }
        }

        @Test
        void the_refinement_pass_takes_streamed_row_major_blocks_too() {
            Dataset data = problem(2500, 3, 35, 10, 1);
            double[] y = data.target();
            double[] theta = {40, 0.5, -0.25, 2};
            RefinementAccumulator fromDataset = new RefinementAccumulator(theta, Intercept.FIT);
            fromDataset.add(data, null, 0, 2500);
            RefinementAccumulator fromBlocks = new RefinementAccumulator(theta, Intercept.FIT);
            double[] features = data.featuresRowMajor();
            for (int start = 0; start < 2500; start += 999) {
                int rows = Math.min(999, 2500 - start);
                RefinementAccumulator part = new RefinementAccumulator(theta, Intercept.FIT);
                part.add(Arrays.copyOfRange(features, start * 3, (start + rows) * 3),
                        Arrays.copyOfRange(y, start, start + rows), null, rows);
                fromBlocks.merge(part);
            }

            assertThat(fromBlocks.sumOfSquares()).isCloseTo(fromDataset.sumOfSquares(),
                    within(MERGE * fromDataset.sumOfSquares()));
            for (int j = 0; j < 3; j++) {
                assertThat(fromBlocks.gradient(j)).isCloseTo(fromDataset.gradient(j),
                        within(MERGE * Math.abs(fromDataset.gradient(j))));
            }
        }

        /**
         * The one-read pass feeds the refinement from the Gram's block before the shift, laid out per row (plain
         * kernel) or flat with a padded stride (Vector API kernel): the same rows in the same slots as row-major
         * blocks of the Gram's block size, so the same bits; and the Gram is that of the Gram pass alone. So are the
         * sums of a range whose rows were read before the pilot was known: read again for the refinement alone, all
         * of them or the blocks before the pilot arrived part-way through the range.
         */
        @Test
        void the_refinement_fed_from_the_grams_blocks_equals_the_row_major_feed_to_the_bit() {
            int n = 2 * GramAccumulator.blockRows(8) + 53;
            Dataset data = problem(n, 7, 36, 10, 1);
            double[] y = data.target();
            double[] weights = new double[n];
            for (int i = 0; i < n; i++) {
                weights[i] = 0.5 + (i % 7) / 4.0;
            }
            double[] theta = {40, 0.5, -0.25, 2, 1, -1, 0.125, 3};
            int blockRows = GramAccumulator.blockRows(8);
            for (double[] w : new double[][] {weights, null}) {
                RefinementAccumulator rowMajor = new RefinementAccumulator(theta, Intercept.FIT, blockRows);
                double[] features = data.featuresRowMajor();
                for (int start = 0; start < n; start += blockRows) {
                    int rows = Math.min(blockRows, n - start);
                    rowMajor.add(Arrays.copyOfRange(features, start * 7, (start + rows) * 7), y, w, start, rows);
                }
                // The ranges read before the pilot is known are read again for the refinement sums alone.
                RefinementAccumulator read = new RefinementAccumulator(theta, Intercept.FIT, blockRows);
                read.add(data, w, 0, n);
                assertSameSums(read, rowMajor, 7, "read again" + (w == null ? ", unit weights" : ""));
                List<VectorKernels> kernels = new ArrayList<>(Arrays.asList((VectorKernels) null));
                if (GramKernel.vectorKernels() != null) {
                    kernels.add(GramKernel.vectorKernels());
                }
                for (VectorKernels kernel : kernels) {
                    String which = (kernel == null ? "plain" : "vector") + (w == null ? ", unit weights" : "");
                    RefinementAccumulator fed = new RefinementAccumulator(theta, Intercept.FIT, blockRows);
                    GramAccumulator gram = new GramAccumulator(8, kernel);
                    gram.add(data, w, 0, n, fed);
                    GramAccumulator alone = new GramAccumulator(8, kernel);
                    alone.add(data, w, 0, n);
                    assertSameSums(fed, rowMajor, 7, which);
                    assertSameGram(gram, alone, which);

                    // A range that learns the pilot after two blocks: those blocks' Gram alone, then their
                    // refinement sums read again, then both sums of the rest in one read.
                    RefinementAccumulator switched = new RefinementAccumulator(theta, Intercept.FIT, blockRows);
                    GramAccumulator late = new GramAccumulator(8, kernel);
                    late.add(data, w, 0, blockRows);
                    late.add(data, w, blockRows, 2 * blockRows);
                    switched.add(data, w, 0, 2 * blockRows);
                    late.add(data, w, 2 * blockRows, n, switched);
                    assertSameSums(switched, rowMajor, 7, which + ", switched");
                    assertSameGram(late, alone, which + ", switched");
                }
            }
        }

        private static void assertSameSums(RefinementAccumulator actual, RefinementAccumulator expected, int p,
                                           String which) {
            assertThat(actual.interceptGradient()).as(which).isEqualTo(expected.interceptGradient());
            assertThat(actual.interceptGradientLow()).as(which).isEqualTo(expected.interceptGradientLow());
            assertThat(actual.sumOfSquares()).as(which).isEqualTo(expected.sumOfSquares());
            for (int j = 0; j < p; j++) {
                assertThat(actual.gradient(j)).as(which).isEqualTo(expected.gradient(j));
                assertThat(actual.gradientLow(j)).as(which).isEqualTo(expected.gradientLow(j));
            }
        }

        private static void assertSameGram(GramAccumulator actual, GramAccumulator expected, String which) {
            assertThat(actual.weight()).as(which).isEqualTo(expected.weight());
            for (int j = 0; j < expected.columns(); j++) {
                assertThat(actual.mean(j)).as(which).isEqualTo(expected.mean(j));
                for (int k = 0; k <= j; k++) {
                    assertThat(actual.centred(j, k)).as(which).isEqualTo(expected.centred(j, k));
                }
            }
        }

        @Test
        void the_thread_count_does_not_change_a_bit() {
            // 400k x 6: RowTasks splits it into many ranges, so 1, 2 and 5 threads really split the work.
            Dataset data = problem(400_000, 6, 34, 20, 1);
            assertThat(RowTasks.of(400_000, 7).count()).isGreaterThan(4);

            LinearSolution one = LeastSquares.builder().parallelism(1).build().solve(data);
            LinearSolution two = LeastSquares.builder().parallelism(2).build().solve(data);
            LinearSolution five = LeastSquares.builder().parallelism(5).build().solve(data);

            assertFast(one);
            assertThat(parameters(two)).isEqualTo(parameters(one));
            assertThat(parameters(five)).isEqualTo(parameters(one));
            assertThat(two.statistics().orElseThrow().residualStandardDeviation())
                    .isEqualTo(one.statistics().orElseThrow().residualStandardDeviation());
        }

        private void assertSameGram(GramAccumulator actual, GramAccumulator expected, int columns) {
            assertThat(actual.weight()).isCloseTo(expected.weight(),
                    within(MERGE * expected.weight()));
            for (int j = 0; j < columns; j++) {
                double spread = Math.sqrt(expected.centred(j, j) / expected.weight());
                assertThat(Math.abs(actual.mean(j) - expected.mean(j)))
                        .as("mean %d", j).isLessThanOrEqualTo(MERGE * (Math.abs(expected.mean(j)) + spread));
                for (int k = 0; k <= j; k++) {
                    double scale = Math.sqrt(expected.centred(j, j) * expected.centred(k, k));
                    assertThat(Math.abs(actual.centred(j, k) - expected.centred(j, k)))
                            .as("M[%d][%d]", j, k).isLessThanOrEqualTo(MERGE * scale);
                }
            }
        }
    }

    @Nested
    class Parts {

        @Test
        void the_split_depends_on_the_shape_only_and_covers_every_row_once() {
            RowTasks tasks = RowTasks.of(1_000_003, 21);
            int covered = 0;
            for (int t = 0; t < tasks.count(); t++) {
                assertThat(tasks.from(t)).isEqualTo(covered);
                covered = tasks.to(t);
            }
            assertThat(covered).isEqualTo(1_000_003);
            assertThat(tasks.count()).isBetween(2, RowTasks.MAX_TASKS);
            assertThat(RowTasks.of(442, 11).count()).as("small fits stay on the calling thread").isEqualTo(1);
        }

        @Test
        void the_refinement_arrays_fill_whole_cache_lines_with_their_header() {
            assertThat(RefinementAccumulator.lineLength(192)).isEqualTo(198);
            for (int slots = 1; slots <= 600; slots++) {
                int length = RefinementAccumulator.lineLength(slots);
                assertThat(length).isBetween(slots, slots + 7);
                assertThat((16 + 8L * length) % 64).as("bytes of %d values and the header", length).isZero();
            }
        }

        @Test
        void results_come_back_in_range_order_and_a_failure_is_rethrown() {
            RowTasks tasks = new RowTasks(100, 10);

            assertThat(tasks.run(3, t -> t * t)).containsExactly(0, 1, 4, 9, 16, 25, 36, 49, 64, 81);
            assertThatThrownBy(() -> tasks.run(3, t -> {
                if (t == 7) {
                    throw new IllegalStateException("range 7 failed");
                }
                return t;
            })).isInstanceOf(IllegalStateException.class).hasMessage("range 7 failed");
        }

        @Test
        void the_triangular_inverse_and_the_norm_estimate_match_a_direct_computation() {
            Random random = new Random(41);
            int k = 12;
            double[][] l = new double[k][];
            for (int i = 0; i < k; i++) {
                l[i] = new double[i + 1];
                for (int j = 0; j < i; j++) {
                    l[i][j] = random.nextGaussian() * 0.3;
                }
                l[i][i] = 0.5 + random.nextDouble();
            }

            double[][] x = LowerTriangular.inverse(l);

            double exactNorm = 0;
            double[][] gramInverse = new double[k][k];
            for (int i = 0; i < k; i++) {
                for (int j = 0; j < k; j++) {
                    double product = 0; // (L·X)_ij must be the identity
                    for (int m = 0; m < k; m++) {
                        product += (m <= i ? l[i][m] : 0) * (j <= m ? x[m][j] : 0);
                    }
                    assertThat(product).isCloseTo(i == j ? 1 : 0, within(1e-13));
                    for (int m = Math.max(i, j); m < k; m++) {
                        gramInverse[i][j] += x[m][i] * x[m][j]; // (LLᵀ)⁻¹ = XᵀX
                    }
                }
            }
            for (int j = 0; j < k; j++) {
                double column = 0;
                for (int i = 0; i < k; i++) {
                    column += Math.abs(gramInverse[i][j]);
                }
                exactNorm = Math.max(exactNorm, column);
            }
            double estimate = LowerTriangular.inverseNorm1Estimate(x);
            assertThat(estimate).isLessThanOrEqualTo(exactNorm * (1 + 1e-12)).isGreaterThan(exactNorm / 3);
            double[] diagonal = LowerTriangular.inverseGramDiagonal(x);
            for (int j = 0; j < k; j++) {
                assertThat(diagonal[j]).isCloseTo(gramInverse[j][j],
                        within(1e-12 * gramInverse[j][j]));
            }
        }

        @Test
        void parallelism_is_validated_in_the_option_method() {
            assertThatThrownBy(() -> LeastSquares.builder().parallelism(0))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("parallelism must be >= 1 but was 0");
        }

        @Test
        void the_input_is_not_modified() {
            Dataset data = problem(2000, 3, 42, 5, 1);
            double[] features = data.featuresRowMajor();
            double[] target = data.target();
            double[] weights = new double[2000];
            Arrays.fill(weights, 2.0);

            assertFast(LeastSquares.defaults().solve(data, weights));

            assertThat(data.featuresRowMajor()).isEqualTo(features);
            assertThat(data.target()).isEqualTo(target);
            assertThat(weights).containsOnly(2.0);
        }
    }

    /**
     * The one-read path: the first refinement step summed in the Gram pass, from a pilot estimate. Its answer must
     * pass the same bound as the two-read path, so it is held to the same references.
     */
    @Nested
    class OneRead {

        /** 100k x 20: ten ranges of 10k rows, so the pilot has 476 rows per parameter. */
        private static final int ROWS = 100_000;

        private Problem problem(double noise, double[] weights) {
            return LeastSquares.problem(NormalEquationsTest.problem(ROWS, 20, 51, 10, noise), weights, Intercept.FIT,
                    0);
        }

        private NormalEquations.Accepted solve(NormalEquations.Rows rows) {
            NormalEquations.Outcome outcome = NormalEquations.solve(rows, NormalEquations.Limits.IN_MEMORY);
            assertThat(outcome).isInstanceOf(NormalEquations.Accepted.class);
            return (NormalEquations.Accepted) outcome;
        }

        /** The rows, with the given pilot (null: read twice) instead of their own. */
        private NormalEquations.Rows withPilot(Problem problem, int threads, double[] pilot) {
            return NormalEquations.inMemory(problem, threads, firstRows -> pilot);
        }

        @ParameterizedTest
        @ValueSource(booleans = {false, true})
        void a_tall_well_determined_problem_is_read_once_and_matches_two_reads(boolean weighted) {
            double[] weights = null;
            if (weighted) {
                weights = new double[ROWS];
                Random random = new Random(52);
                for (int i = 0; i < ROWS; i++) {
                    weights[i] = i % 9 == 0 ? 0.0 : 0.5 + random.nextDouble();
                }
            }
            Problem problem = problem(0.01, weights);
            assertThat(RowTasks.of(ROWS, 21).count()).isGreaterThanOrEqualTo(NormalEquations.FUSED_MIN_RANGES);

            NormalEquations.Accepted once = solve(NormalEquations.inMemory(problem, 2));
            NormalEquations.Accepted twice = solve(withPilot(problem, 2, null));

            assertThat(once.passes()).isEqualTo(1);
            assertThat(twice.passes()).isEqualTo(2);
            // Both within their bound of the exact solution, so within twice the bound of each other.
            assertClose(once.parameters(), twice.parameters(), AGAINST_EXTENDED);
            // The fused Gram is cut into the same blocks as the Gram pass alone: the same bits, so the same factor.
            assertThat(once.inverseGramDiagonal()).isEqualTo(twice.inverseGramDiagonal());
            assertThat(once.conditionEstimate()).isEqualTo(twice.conditionEstimate());
            assertThat(once.totalSumOfSquares()).isEqualTo(twice.totalSumOfSquares());
            // SSE from the step's identity at two different starts: both to a few ulps of Σ w r².
            assertThat(once.sumOfSquares()).isCloseTo(twice.sumOfSquares(), within(1e-12 * twice.sumOfSquares()));
        }

        @Test
        void the_one_read_answer_matches_extended_precision() {
            Dataset data = NormalEquationsTest.problem(ROWS, 20, 51, 10, 0.01);
            Problem problem = LeastSquares.problem(data, null, Intercept.FIT, 0);
            assertThat(solve(NormalEquations.inMemory(problem, 2)).passes()).isEqualTo(1);

            LinearSolution fast = LeastSquares.defaults().solve(data);

            assertFast(fast);
            assertClose(parameters(fast), parameters(EXTENDED.solve(data)), AGAINST_EXTENDED);
        }

        @Test
        void the_thread_count_does_not_change_a_bit() {
            Problem problem = problem(0.01, null);

            NormalEquations.Accepted one = solve(NormalEquations.inMemory(problem, 1));
            NormalEquations.Accepted two = solve(NormalEquations.inMemory(problem, 2));
            NormalEquations.Accepted five = solve(NormalEquations.inMemory(problem, 5));

            assertThat(one.passes()).isEqualTo(1);
            assertThat(two.parameters()).isEqualTo(one.parameters());
            assertThat(five.parameters()).isEqualTo(one.parameters());
            assertThat(five.sumOfSquares()).isEqualTo(one.sumOfSquares());
        }

        @Test
        void ranges_read_twice_while_the_pilot_is_solved_do_not_change_a_bit() {
            Problem problem = problem(0.01, null);
            double[] start = solve(withPilot(problem, 1, null)).parameters().clone();
            for (int j = 0; j < start.length; j++) {
                start[j] *= 1 + 1e-9 * (j % 3 - 1); // close enough for one step to pass
            }
            // One thread reads every range once, but the first rows of the first, which it reads again for their
            // refinement sums once the pilot is known. Three, with a slow pilot, read several ranges for the Gram
            // alone while it is solved, then again for their refinement sums.
            NormalEquations.Accepted serial = solve(withPilot(problem, 1, start));
            NormalEquations.Accepted waited = solve(NormalEquations.inMemory(problem, 3, firstRows -> {
                LockSupport.parkNanos(50_000_000);
                return start;
            }));

            assertThat(serial.passes()).isEqualTo(1);
            assertThat(waited.passes()).isEqualTo(1);
            assertThat(waited.parameters()).isEqualTo(serial.parameters());
            assertThat(waited.sumOfSquares()).isEqualTo(serial.sumOfSquares());
            assertThat(waited.relativeErrorBound()).isEqualTo(serial.relativeErrorBound());
        }

        @Test
        void the_pilot_is_tried_on_the_first_rows_then_on_twice_as_many_up_to_the_whole_first_range() {
            Problem problem = problem(0.01, null);
            // 11 ranges: the first has 9090 rows, read in blocks of 192. The first try comes at the first block end
            // past an eighth of them (1136): 6 blocks, 1152 rows; then 2304, 4608, and the whole range.
            assertThat(RowTasks.of(ROWS, 21).to(0)).isEqualTo(9090);
            assertThat(GramAccumulator.blockRows(21)).isEqualTo(192);
            List<Long> tried = new CopyOnWriteArrayList<>();

            NormalEquations.Accepted missed = solve(NormalEquations.inMemory(problem, 2, firstRows -> {
                tried.add(firstRows.rows());
                return null;
            }));

            assertThat(tried).containsExactly(1152L, 2304L, 4608L, 9090L);
            assertThat(missed.passes()).isEqualTo(2);
        }

        @Test
        void a_pilot_that_misses_is_followed_by_an_ordinary_step() {
            // A start at zero: the fused step leaves ρ·‖θ‖, far more than 1e-13 of the smallest parameters here
            // (they span five decades), so the bound rejects it and one ordinary step from its result follows.
            Problem problem = problem(0.01, null);
            NormalEquations.Accepted twice = solve(withPilot(problem, 2, null));

            NormalEquations.Accepted recovered = solve(withPilot(problem, 2, new double[21]));

            assertThat(recovered.refinements()).isEqualTo(2);
            assertThat(recovered.passes()).isEqualTo(2);
            assertClose(recovered.parameters(), twice.parameters(), AGAINST_EXTENDED);
        }

        @Test
        void weak_signals_are_read_twice() {
            // Noise 10^4 times larger: the pilot's statistical error, times ρ, would cost digits in the small
            // parameters, so the prediction keeps the two reads.
            Problem problem = problem(100, null);
            NormalEquations.Accepted fit = solve(NormalEquations.inMemory(problem, 2));

            assertThat(fit.passes()).isEqualTo(2);
            assertThat(fit.refinements()).isEqualTo(1);
        }
    }
}
