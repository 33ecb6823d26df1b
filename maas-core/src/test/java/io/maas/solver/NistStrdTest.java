package io.maas.solver;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * NIST StRD linear regression: every certified coefficient, standard deviation, the residual standard deviation and R²,
 * scored in LRE (≈ correct significant digits, capped at 15) with the default solver and a double design.
 *
 * <p>Required: at least 12 on the ten files other than Filip. Filip: at least 7, because its powers x², ..., x¹⁰
 * rounded to double already limit any solver, even an exact one, to about 7.6 digits (measured by the issue's
 * author with an exact rational solve); its 12 digits need the polynomial stage to form the powers in extended
 * precision, which the pipeline issue takes on.
 */
class NistStrdTest {

    private static final Map<String, String> TABLE = new TreeMap<>();

    @ParameterizedTest
    @ValueSource(strings = {"Norris", "Pontius", "NoInt1", "NoInt2", "Longley", "Wampler1", "Wampler2", "Wampler3",
        "Wampler4", "Wampler5", "Filip"})
    void default_least_squares_reaches_the_certified_digits(String name) {
        NistDataset nist = NistDataset.load(name);
        LeastSquares solver = LeastSquares.builder()
                .intercept(nist.intercept() ? Intercept.FIT : Intercept.NONE)
                .build();

        LinearSolution solution = solver.solve(nist.design());

        InferenceStatistics statistics = solution.statistics().orElseThrow();
        List<Double> estimates = new ArrayList<>();
        List<Double> deviations = new ArrayList<>();
        statistics.intercept().ifPresent(b -> {
            estimates.add(b.estimate());
            deviations.add(b.standardError());
        });
        for (ParameterEstimate b : statistics.coefficients()) {
            estimates.add(b.estimate());
            deviations.add(b.standardError());
        }
        double coefficientLre = 15;
        double deviationLre = 15;
        for (int j = 0; j < estimates.size(); j++) {
            coefficientLre = Math.min(coefficientLre, NistDataset.lre(estimates.get(j), nist.estimates().get(j)));
            deviationLre = Math.min(deviationLre,
                    NistDataset.lre(deviations.get(j), nist.standardDeviations().get(j)));
        }
        double residualLre = NistDataset.lre(statistics.residualStandardDeviation(),
                nist.residualStandardDeviation());
        double r2Lre = NistDataset.lre(statistics.r2(), nist.r2());
        FitDiagnostics fit = solution.diagnostics();
        TABLE.put(name, String.format(Locale.ROOT, "| %-8s | %5.1f | %5.1f | %5.1f | %5.1f | %-8s | %8.1e |",
                name, coefficientLre, deviationLre, residualLre, r2Lre, fit.precision(),
                fit.conditionEstimate().orElseThrow()));

        assertThat(estimates).hasSameSizeAs(nist.estimates());
        double required = name.equals("Filip") ? 7 : 12;
        assertThat(coefficientLre).as("%s: minimum LRE of the coefficients", name).isGreaterThanOrEqualTo(required);
        assertThat(deviationLre).as("%s: minimum LRE of the standard deviations", name)
                .isGreaterThanOrEqualTo(required);
        assertThat(residualLre).as("%s: LRE of the residual standard deviation", name)
                .isGreaterThanOrEqualTo(required);
        assertThat(r2Lre).as("%s: LRE of R²", name).isGreaterThanOrEqualTo(required);
    }

    @AfterAll
    static void printTable() {
        System.out.println("NIST StRD linear regression, default LeastSquares, LRE (capped at 15):");
        System.out.println("| dataset  | coef  | sd    | res sd | R²   | precision | condition |");
        System.out.println("| -------- | ----- | ----- | ----- | ----- | -------- | -------- |");
        TABLE.values().forEach(System.out::println);
    }
}
