package io.maas.solver;

import static org.assertj.core.api.Assertions.assertThat;

import io.maas.data.Dataset;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Least squares on columns far from the origin: x = offset + z with z of unit spread, and the target likewise.
 *
 * <p>The uncentred Gram matrix of such data cancels in its first 2·log10(offset) digits; before the compensated path
 * shifted each column by its mean, offset 1e12 left Dot2's 32 digits with 8 and the intercept came out 1e-2 wrong
 * while the result said EXTENDED. The truth here is the least-squares solution of the given doubles computed in the
 * test at 100 digits ({@link NormalEquationsTest#exactSolution}: exact Gram in BigDecimal, elimination); the solver
 * rounds a result with 30 or more correct digits, so it must equal the truth rounded to double (checked as within
 * 1 ulp, which allows the truth's own rounding to double to land on the other side of a tie-breaking boundary).
 */
class OffsetColumnsTest {

    @ParameterizedTest(name = "offset {0}, {1} rows")
    @CsvSource({
            "1e6, 20000", "1e9, 20000", "1e12, 20000", // n·k(k+1)/2 = 120,000: the exact BigDecimal Gram
            "1e6, 60000", "1e9, 60000", "1e12, 60000", // 360,000: the compensated (Dot2) Gram
    })
    void coefficients_and_intercept_are_the_exact_solution_rounded(double offset, int rows) {
        Problem data = problem(offset, rows);

        LinearSolution extended = LeastSquares.builder().precision(Precision.EXTENDED).build().solve(data.dataset);

        double[] exact = NormalEquationsTest.exactSolution(data.dataset);
        double[] actual = {extended.intercept(), extended.coefficients()[0], extended.coefficients()[1]};
        for (int a = 0; a < 3; a++) {
            assertThat(Math.abs(actual[a] - exact[a])).as("parameter %d: %s vs exact %s", a, actual[a], exact[a])
                    .isLessThanOrEqualTo(Math.ulp(exact[a]));
        }
        assertThat(extended.diagnostics().precision()).isEqualTo(Precision.EXTENDED);
    }

    /**
     * Double QR centres each column; the mean rounded to double misses the true mean by up to half an ulp of the
     * offset, and a single centring pass left the slopes biased by δ²/var(x), 3.4e-9 relative at offset 1e12. With the
     * second pass the centred problem has condition about 1, so Householder QR's backward error gives about
     * k·u·√n: 1e-13 relative bounds it for 60,000 rows with a margin of 2.
     */
    @ParameterizedTest(name = "offset {0}, {1} rows")
    @CsvSource({"1e6, 20000", "1e9, 20000", "1e12, 20000", "1e12, 60000"})
    void double_qr_is_accurate_to_its_working_precision(double offset, int rows) {
        Problem data = problem(offset, rows);

        LinearSolution qr = LeastSquares.builder().precision(Precision.DOUBLE).build().solve(data.dataset);

        double[] exact = NormalEquationsTest.exactSolution(data.dataset);
        double[] actual = {qr.intercept(), qr.coefficients()[0], qr.coefficients()[1]};
        for (int a = 0; a < 3; a++) {
            assertThat(Math.abs(actual[a] - exact[a])).as("parameter %d: %s vs exact %s", a, actual[a], exact[a])
                    .isLessThanOrEqualTo(1e-13 * Math.abs(exact[a]));
        }
    }

    /**
     * The intercept's standard error needs the whole first row of G⁻¹ once the columns are shifted, not only the
     * diagonal of the shifted problem's inverse. The reference is the default path (centred, refined normal
     * equations), whose standard errors come from an independent computation; both are accurate to far better than
     * 1e-9 relative on this well-conditioned centred problem.
     */
    @ParameterizedTest(name = "offset {0}, {1} rows")
    @CsvSource({"1e9, 20000", "1e9, 60000", "1e12, 60000"})
    void standard_errors_agree_with_the_default_path(double offset, int rows) {
        Problem data = problem(offset, rows);

        InferenceStatistics extended = LeastSquares.builder().precision(Precision.EXTENDED).build()
                .solve(data.dataset).statistics().orElseThrow();
        InferenceStatistics reference = LeastSquares.defaults().solve(data.dataset).statistics().orElseThrow();

        assertRelativelyClose(extended.intercept().orElseThrow().standardError(),
                reference.intercept().orElseThrow().standardError(), "intercept");
        for (int j = 0; j < 2; j++) {
            assertRelativelyClose(extended.coefficients().get(j).standardError(),
                    reference.coefficients().get(j).standardError(), "coefficient " + j);
        }
        assertRelativelyClose(extended.residualSumOfSquares(), reference.residualSumOfSquares(), "SSE");
    }

    private static void assertRelativelyClose(double actual, double expected, String what) {
        assertThat(Math.abs(actual - expected)).as("%s: %s vs %s", what, actual, expected)
                .isLessThanOrEqualTo(1e-9 * Math.abs(expected));
    }

    private record Problem(double[][] x, double[] y, Dataset dataset) {
    }

    /** x1 = offset + z1, x2 = offset/1000 + z2, y = offset + 5 + 2·z1 − 3·z2 + noise, all z standard normal. */
    private static Problem problem(double offset, int rows) {
        Random random = new Random(7);
        double[][] x = new double[rows][2];
        double[] y = new double[rows];
        for (int i = 0; i < rows; i++) {
            double z1 = random.nextGaussian();
            double z2 = random.nextGaussian();
            x[i][0] = offset + z1;
            x[i][1] = offset / 1000 + z2;
            y[i] = offset + 5 + 2 * z1 - 3 * z2 + random.nextGaussian();
        }
        return new Problem(x, y, Dataset.of(List.of("a", "b"), x, "y", y));
    }
}
