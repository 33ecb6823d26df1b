package io.maas.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.maas.data.Dataset;
import io.maas.data.Fold;
import io.maas.data.KFold;
import io.maas.data.SampleData;
import io.maas.features.Polynomial;
import io.maas.model.LinearRegression;
import io.maas.preprocess.Scale;
import io.maas.solver.LeastSquares;
import java.util.List;
import org.junit.jupiter.api.Test;

class CrossValidationTest {

    private final Dataset diabetes = SampleData.diabetes();
    private final Pipeline ols = Pipeline.builder().preprocess(Scale.standard())
            .model(LinearRegression.leastSquares()).evaluate(Metric.MSE, Metric.R2).build();

    @Test
    void each_fold_is_fitted_on_the_other_folds_only_and_the_summary_is_the_folds_mean_and_sd() {
        CrossValidationResult result = CrossValidation.folds(5, 42).evaluate(ols, diabetes);

        List<Fold> folds = KFold.shuffled(5, 42).split(diabetes);
        assertThat(result.folds()).hasSize(5);
        double sum = 0;
        double sumOfSquares = 0;
        for (int f = 0; f < 5; f++) {
            double expected = ols.fit(folds.get(f).train()).evaluate(folds.get(f).validation()).value(Metric.MSE);
            assertThat(result.folds().get(f).value(Metric.MSE)).isEqualTo(expected);
            assertThat(result.folds().get(f).rows()).isEqualTo(folds.get(f).validation().rowCount());
            sum += expected;
            sumOfSquares += expected * expected;
        }
        double mean = sum / 5;
        assertThat(result.mean(Metric.MSE)).isCloseTo(mean, within(1e-9 * mean));
        assertThat(result.standardDeviation(Metric.MSE))
                .isCloseTo(Math.sqrt((sumOfSquares - 5 * mean * mean) / 4), within(1e-6 * mean));
        assertThat(result.toString()).contains("mean").contains("± sd").contains("MSE").contains("R2");
    }

    @Test
    void model_selection_picks_the_best_cross_validated_degree_and_refits_it_on_all_rows() {
        ModelSelection selection = ModelSelection.grid("degree", List.of(1, 2, 3),
                degree -> Pipeline.builder().preprocess(Scale.standard()).features(Polynomial.degree(degree))
                        .model(LinearRegression.leastSquares(LeastSquares.builder().ridge(1.0).build()))
                        .evaluate(Metric.MSE).build(),
                Metric.MSE, CrossValidation.folds(5, 7));

        ModelSelection.Selection result = selection.select(diabetes);

        assertThat(result.scores()).containsOnlyKeys("degree=1", "degree=2", "degree=3");
        double bestMean = result.scores().get(result.best()).mean(Metric.MSE);
        result.scores().values().forEach(score -> assertThat(score.mean(Metric.MSE)).isGreaterThanOrEqualTo(bestMean));
        assertThat(result.fitted().trainingRows()).isEqualTo(442);
        assertThat(result.toString()).contains("<- best");
    }

    @Test
    void bad_options_are_rejected_early() {
        assertThatThrownBy(() -> CrossValidation.folds(1, 0)).hasMessageContaining("k >= 2 folds but k was 1");
        assertThatThrownBy(() -> ModelSelection.of(java.util.Map.of("only", ols), Metric.MSE,
                CrossValidation.folds(3, 0))).hasMessageContaining("at least two candidates");
        assertThatThrownBy(() -> ModelSelection.of(java.util.Map.of("a", ols, "b", ols), Metric.MAE,
                CrossValidation.folds(3, 0))).hasMessageContaining("does not evaluate MAE");
    }
}
