package io.maas.solver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.maas.data.Dataset;
import io.maas.internal.VectorKernels;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Gram accumulator's plain loops ({@link GramKernel} and its own, always there), the gradient kernel
 * ({@link GradientKernel}) and their Vector API versions
 * ({@code VectorApiKernels}, with {@code --add-modules jdk.incubator.vector}) must give the same bits, so that a fit
 * does not depend on a JVM flag. Both do the same IEEE operations per element in the same order, so the comparison is
 * equality, not a tolerance. The build runs the tests with the module (maas-core's pom); {@link #the_build_runs_the_vector_kernel}
 * fails if that ever stops, so the comparisons below cannot silently skip in CI.
 */
class VectorKernelsTest {

    private static boolean vectorKernel() {
        return GramKernel.vectorized();
    }

    @Test
    void the_build_runs_the_vector_kernel() {
        assumeTrue("required".equals(System.getProperty("maas.test.vectorKernel")),
                "run outside the Maven build, which requires the vector kernel");
        assertThat(GramKernel.vectorized()).as("jdk.incubator.vector resolved and readable").isTrue();
    }

    /** Column counts around every tile and vector boundary (4, 6, 8 and 16 wide), and the benchmark sizes. */
    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 5, 6, 7, 8, 9, 11, 12, 13, 15, 16, 17, 21, 23, 24, 25, 29, 31, 32, 33, 37, 47, 48, 49, 63,
            64, 65, 101, 130, 257})
    void the_kernels_agree_to_the_bit_on_raw_rows(int columns) {
        assumeTrue(vectorKernel(), "needs --add-modules jdk.incubator.vector");
        Random random = new Random(columns);
        int count = 12 * 11; // a multiple of both row groups of the scalar kernel
        double[][] rows = new double[count][columns];
        VectorKernels flat = GramKernel.vectorKernels();
        int stride = flat.stride(columns);
        double[] flatRows = new double[count * stride];
        for (int r = 0; r < count; r++) {
            for (int j = 0; j < columns; j++) {
                // Mixed signs and exponents, and exact zeros, so that rounding differs wherever the order would.
                double v = random.nextInt(10) == 0 ? 0.0 : random.nextGaussian() * Math.pow(10, random.nextInt(7) - 3);
                rows[r][j] = v;
                flatRows[r * stride + j] = v;
            }
        }
        double[][] scalar = triangle(columns, random.nextLong());
        double[] square = new double[flat.squareLength(columns)];
        for (int j = 0; j < columns; j++) {
            // Both start from the same nonzero G, as after earlier blocks; the square's other entries hold junk.
            System.arraycopy(scalar[j], 0, square, j * stride, j + 1);
            for (int k = j + 1; k < stride; k++) {
                square[j * stride + k] = Double.NaN;
            }
        }

        GramKernel.addCrossProducts(rows, count, columns, scalar);
        flat.addCrossProducts(flatRows, count, columns, square);

        for (int j = 0; j < columns; j++) {
            double[] vector = Arrays.copyOfRange(square, j * stride, j * stride + j + 1);
            assertThat(vector).as("row %d of G", j).containsExactly(scalar[j]);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 4, 6, 7, 8, 9, 11, 12, 14, 16, 17, 20, 21, 25, 34, 101})
    void accumulators_with_either_kernel_agree_to_the_bit(int columns) {
        assumeTrue(vectorKernel(), "needs --add-modules jdk.incubator.vector");
        int n = 2 * GramAccumulator.blockRows(columns) + 37; // two full blocks and a partial one
        Random random = new Random(7L * columns);
        double[][] features = new double[n][columns - 1];
        double[] target = new double[n];
        double[] weights = new double[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < columns - 1; j++) {
                features[i][j] = 1e6 * j + random.nextGaussian(); // large offsets: the shifts matter
            }
            target[i] = random.nextGaussian();
            weights[i] = random.nextInt(5) == 0 ? 0.0 : random.nextDouble() * 3;
        }
        List<String> names = new ArrayList<>();
        for (int j = 0; j < columns - 1; j++) {
            names.add("x" + j);
        }
        Dataset data = Dataset.of(names, features, "y", target);

        double[] rowMajor = data.featuresRowMajor();
        for (double[] w : new double[][] {null, weights}) {
            GramAccumulator scalar = new GramAccumulator(columns, null);
            GramAccumulator vector = new GramAccumulator(columns, GramKernel.vectorKernels());
            GramAccumulator vectorFromArray = new GramAccumulator(columns, GramKernel.vectorKernels());
            scalar.add(data, w, 0, n);
            vector.add(data, w, 0, n);
            // Row-major blocks end at the array's end, where a vector load would run past it.
            vectorFromArray.add(rowMajor, target, w, n);
            assertSameSums(columns, vector, scalar);
            assertSameSums(columns, vectorFromArray, scalar);
        }
    }

    /**
     * The shift that reads rows where they are (p per row, the targets apart) writes the block the in-place shift
     * makes from a copy of them, and the same offset sums, to the bit: for every count of features after the last
     * whole vector (the vector it blends the target into), from rows and targets that start part-way into their
     * arrays, with and without weights. The block's padding stays zero.
     */
    @ParameterizedTest
    @ValueSource(ints = {2, 3, 4, 5, 6, 7, 8, 9, 10, 12, 16, 17, 20, 21, 24, 25, 26, 33, 34, 49, 101})
    void the_shift_from_rows_writes_what_the_shift_in_place_does(int columns) {
        assumeTrue(vectorKernel(), "needs --add-modules jdk.incubator.vector");
        VectorKernels kernel = GramKernel.vectorKernels();
        int p = columns - 1;
        int stride = kernel.stride(columns);
        int count = 37;
        int rowsFrom = 3 * p + 1;
        int targetFrom = 5;
        Random random = new Random(31L * columns);
        double[] rows = new double[rowsFrom + count * p + stride];
        double[] target = new double[targetFrom + count];
        double[] weights = new double[11 + count];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = 1e3 * random.nextGaussian(); // the slack too: it must never reach the block
        }
        for (int i = 0; i < target.length; i++) {
            target[i] = random.nextGaussian();
        }
        for (int i = 0; i < weights.length; i++) {
            weights[i] = random.nextInt(4) == 0 ? 0.0 : 3 * random.nextDouble();
        }
        double[] shift = new double[stride];
        for (int j = 0; j < columns; j++) {
            shift[j] = random.nextGaussian();
        }
        for (double[] w : new double[][] {null, weights}) {
            double[] copied = new double[count * stride];
            for (int r = 0; r < count; r++) {
                System.arraycopy(rows, rowsFrom + r * p, copied, r * stride, p);
                copied[r * stride + p] = target[targetFrom + r];
            }
            double[] inPlaceOffset = new double[stride];
            kernel.shift(copied, count, stride, shift, inPlaceOffset, w, 11);

            double[] block = new double[count * stride];
            double[] offset = new double[stride];
            kernel.shift(rows, rowsFrom, target, targetFrom, columns, block, count, stride, shift, offset, w, 11);

            assertThat(block).as("the block, weights %s", w != null).containsExactly(copied);
            assertThat(offset).as("the offset sums").containsExactly(inPlaceOffset);
        }
    }

    @Test
    void the_shift_from_rows_refuses_rows_without_slack() {
        assumeTrue(vectorKernel(), "needs --add-modules jdk.incubator.vector");
        VectorKernels kernel = GramKernel.vectorKernels();
        int columns = 21;
        int stride = kernel.stride(columns);
        double[] rows = new double[4 * 20]; // four rows, nothing after the last
        double[] block = new double[4 * stride];
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> kernel.shift(rows, 0, new double[4], 0, columns,
                        block, 4, stride, new double[stride], new double[stride], null, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("slack");
    }

    private static void assertSameSums(int columns, GramAccumulator vector, GramAccumulator scalar) {
        assertThat(vector.weight()).isEqualTo(scalar.weight());
        for (int j = 0; j < columns; j++) {
            assertThat(vector.mean(j)).isEqualTo(scalar.mean(j));
            assertThat(vector.meanLow(j)).isEqualTo(scalar.meanLow(j));
            for (int k = 0; k <= j; k++) {
                assertThat(vector.centred(j, k)).as("M[%d][%d]", j, k).isEqualTo(scalar.centred(j, k));
            }
        }
    }

    @Test
    void the_vector_kernel_gives_exact_centred_sums_on_exact_data() {
        assumeTrue(vectorKernel(), "needs --add-modules jdk.incubator.vector");
        GramAccumulator gram = new GramAccumulator(3, GramKernel.vectorKernels());
        gram.add(new double[] {1, 2, 2, 3, 3, 4, 4, 5}, new double[] {3, 5, 7, 9}, null, 4);
        // x1 = 1..4, x2 = x1 + 1, y = x1 + x2: centred sums of squares and products are all 5.
        for (int j = 0; j < 3; j++) {
            for (int k = 0; k <= j; k++) {
                assertThat(gram.centred(j, k)).isEqualTo(j == 2 && k == 2 ? 20.0 : j == 2 ? 10.0 : 5.0);
            }
        }
    }

    /**
     * The gradient pass with eight partial sums per residual: the scalar {@link GradientKernel} and {@code
     * VectorApiKernels.gradient} on the same rows, with and without targets and weights, over a range that starts and
     * ends off the groups of four rows, from the same nonzero sums. Column counts around the chunks of eight, and the
     * benchmark sizes.
     */
    @ParameterizedTest
    @ValueSource(ints = {64, 65, 67, 70, 71, 72, 73, 79, 100, 101, 130, 257, 500})
    void the_gradient_kernels_agree_to_the_bit(int p) {
        assumeTrue(vectorKernel(), "needs --add-modules jdk.incubator.vector");
        VectorKernels vector = GramKernel.vectorKernels();
        assertThat(vector.hasGradient()).as("4 or 8 lanes").isTrue();
        Random random = new Random(13L * p);
        int n = 43;
        double[] z = new double[n * p];
        for (int k = 0; k < z.length; k++) {
            z[k] = random.nextInt(10) == 0 ? 0.0 : random.nextGaussian() * Math.pow(10, random.nextInt(7) - 3);
        }
        double[] target = new double[n];
        double[] weights = new double[n];
        for (int i = 0; i < n; i++) {
            target[i] = random.nextGaussian() * 100;
            weights[i] = 0.25 + random.nextDouble();
        }
        double[] theta = new double[(p + 7) / 8 * 8];
        for (int j = 0; j < p; j++) {
            theta[j] = random.nextGaussian();
        }
        double[] start = new double[p + 5];
        for (int j = 0; j < start.length; j++) {
            start[j] = random.nextGaussian();
        }
        for (double[] t : new double[][] {target, null}) {
            for (double[] w : new double[][] {weights, null}) {
                double[] scalar = start.clone();
                double[] flat = start.clone();
                double scalarSquares = GradientKernel.accumulate(z, p, t, w, theta, 3, n - 1, scalar, 5);
                double flatSquares = vector.gradient(z, p, t, w, theta, 3, n - 1, flat, 5);
                String which = (t == null ? "no target" : "target") + ", " + (w == null ? "unit" : "weights");
                assertThat(flatSquares).as(which).isEqualTo(scalarSquares);
                assertThat(flat).as(which).containsExactly(scalar);
                assertThat(scalar).as(which + ": the sums moved").isNotEqualTo(start);
            }
        }
    }

    /** The last row's last chunk ends at the array's end: the vector kernel must not read past it. */
    @Test
    void the_gradient_kernel_reads_no_further_than_the_last_row() {
        assumeTrue(vectorKernel(), "needs --add-modules jdk.incubator.vector");
        int p = 67;
        int n = 5;
        double[] z = new double[n * p];
        Arrays.fill(z, 0.5);
        double[] theta = new double[72];
        Arrays.fill(theta, 0, p, 2.0);
        double[] flat = new double[p];
        double[] scalar = new double[p];
        double squares = GramKernel.vectorKernels().gradient(z, p, null, null, theta, 0, n, flat, 0);
        assertThat(squares).isEqualTo(GradientKernel.accumulate(z, p, null, null, theta, 0, n, scalar, 0));
        // Every residual is 67 · 0.5 · 2 = 67, exactly: five rows give 5 · 67² and 5 · 67 · 0.5 per column.
        assertThat(squares).isEqualTo(5 * 67.0 * 67.0);
        assertThat(flat).containsOnly(5 * 67 * 0.5);
        assertThat(flat).containsExactly(scalar);
    }

    private static double[][] triangle(int columns, long seed) {
        Random random = new Random(seed);
        double[][] lower = new double[columns][];
        for (int j = 0; j < columns; j++) {
            lower[j] = new double[j + 1];
            for (int k = 0; k <= j; k++) {
                lower[j][k] = random.nextGaussian();
            }
        }
        return lower;
    }
}
