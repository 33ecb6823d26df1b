package io.maas.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.maas.data.CsvFormat;
import io.maas.data.Dataset;
import io.maas.data.TrainTestSplit;
import io.maas.metrics.ClassificationMetrics;
import io.maas.metrics.ConfusionMatrix;
import io.maas.pipeline.Evaluation;
import io.maas.pipeline.FittedPipeline;
import io.maas.pipeline.Metric;
import io.maas.pipeline.Pipeline;
import io.maas.preprocess.Scale;
import io.maas.solver.Reference;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

class LogisticRegressionTest {

    static Dataset breastCancer() {
        try (InputStream in = LogisticRegressionTest.class.getResourceAsStream("/data/breast_cancer.csv")) {
            return CsvFormat.defaults().read(in, "breast_cancer.csv");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private final JsonNode expected = Reference.json("breast_cancer.json").get("standardize_logistic_l2");
    private final TrainTestSplit split = TrainTestSplit.firstRows(breastCancer(), 455);

    private FittedPipeline fitted() {
        return Pipeline.builder()
                .preprocess(Scale.standard())
                .model(LogisticRegression.l2(1.0))
                .build()
                .fit(split.train());
    }

    /**
     * scikit-learn's reference coefficients come from lbfgs stopped at its tolerance: the objective's gradient there is
     * 3.8e-4, and they differ from the exact minimiser by up to 7.5e-4 relative (see
     * {@code reference/breast_cancer_logistic_newton.py}, an independent Newton in numpy that writes
     * {@code breast_cancer_logistic_exact.json}). So our Newton answer is held to the exact minimiser at 1e-9, and to
     * scikit-learn's at the 1e-3 its stopping rule leaves, not the 1e-6 the issue hoped for.
     */
    @Test
    void coefficients_and_intercept_are_the_exact_minimiser_and_near_scikit_learn() {
        LogisticModel model = (LogisticModel) fitted().model();
        JsonNode exact = Reference.json("breast_cancer_logistic_exact.json");

        double[] coefficients = model.solution().coefficients();
        assertRelativelyClose(coefficients, Reference.doubles(exact.get("coef")), 1e-9);
        assertRelativelyClose(coefficients, Reference.doubles(expected.get("coef")), 1e-3);
        assertRelativelyClose(new double[] {model.solution().intercept()},
                new double[] {exact.get("intercept").asDouble()}, 1e-9);
        assertRelativelyClose(new double[] {model.solution().intercept()},
                new double[] {expected.get("intercept").asDouble()}, 1e-3);
        assertThat(model.diagnostics().converged()).isTrue();
        assertThat(model.diagnostics().iterations()).isLessThan(20); // Newton: quadratic convergence
    }

    /**
     * Why the reference cannot be matched to 1e-6, shown with scikit-learn's own objective rather than a script:
     * the gradient of 0.5·‖w‖² + C·Σ log(1 + exp(−s_i(w·x_i + b))) at scikit-learn's (w, b) is of order 1e-4 (lbfgs
     * stops on its tolerance, not at the minimum), at ours it is at rounding level. With the objective's Hessian
     * H, the distance to the minimiser is about H⁻¹g, so a gradient of 1e-4 explains differences of 1e-4 to 1e-3.
     */
    @Test
    void the_reference_point_is_not_a_minimiser_and_ours_is() {
        FittedPipeline model = fitted();
        LogisticModel logistic = (LogisticModel) model.model();
        Dataset train = split.train();
        int p = train.featureCount();
        double[][] scaled = new double[train.rowCount()][p];
        for (int i = 0; i < train.rowCount(); i++) {
            model.stages().get(0).transform(train.row(i), scaled[i]);
        }
        double[] reference = Reference.doubles(expected.get("coef"));

        double atReference = largestGradient(scaled, train.target(), reference,
                expected.get("intercept").asDouble());
        double atOurs = largestGradient(scaled, train.target(), logistic.solution().coefficients(),
                logistic.solution().intercept());

        assertThat(atReference).isBetween(1e-4, 1e-3);
        assertThat(atOurs).isLessThan(1e-10);
    }

    /** max |∂J/∂θ| of scikit-learn's objective with C = 1, intercept not penalised. */
    private static double largestGradient(double[][] x, double[] y, double[] w, double b) {
        double[] gradient = w.clone();
        double interceptGradient = 0;
        for (int i = 0; i < x.length; i++) {
            double z = b;
            for (int j = 0; j < w.length; j++) {
                z += w[j] * x[i][j];
            }
            double residual = 1.0 / (1.0 + Math.exp(-z)) - y[i];
            for (int j = 0; j < w.length; j++) {
                gradient[j] += residual * x[i][j];
            }
            interceptGradient += residual;
        }
        double largest = Math.abs(interceptGradient);
        for (double g : gradient) {
            largest = Math.max(largest, Math.abs(g));
        }
        return largest;
    }

    private static void assertRelativelyClose(double[] actual, double[] expected, double relative) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int j = 0; j < actual.length; j++) {
            assertThat(Math.abs(actual[j] - expected[j])).as("parameter %d: %s vs %s", j, actual[j], expected[j])
                    .isLessThanOrEqualTo(relative * Math.abs(expected[j]));
        }
    }

    @Test
    void test_metrics_match_scikit_learn() {
        FittedPipeline model = fitted();
        Evaluation evaluation = model.evaluate(split.test());

        assertThat(evaluation.value(Metric.ACCURACY)).isEqualTo(expected.get("test_accuracy").asDouble());
        assertThat(evaluation.value(Metric.PRECISION)).isEqualTo(expected.get("test_precision").asDouble());
        assertThat(evaluation.value(Metric.RECALL)).isEqualTo(expected.get("test_recall").asDouble());
        assertThat(evaluation.value(Metric.F1)).isEqualTo(expected.get("test_f1").asDouble());
        assertThat(evaluation.value(Metric.ROC_AUC)).isCloseTo(expected.get("test_roc_auc").asDouble(),
                org.assertj.core.api.Assertions.withinPercentage(1e-4));
        // Log loss moves with the coefficients: exact against the exact minimiser's, 1e-4 against scikit-learn's.
        assertThat(evaluation.value(Metric.LOG_LOSS)).isCloseTo(
                Reference.json("breast_cancer_logistic_exact.json").get("test_log_loss").asDouble(),
                org.assertj.core.api.Assertions.withinPercentage(1e-7));
        assertThat(evaluation.value(Metric.LOG_LOSS)).isCloseTo(expected.get("test_log_loss").asDouble(),
                org.assertj.core.api.Assertions.withinPercentage(1e-2));

        int[] actual = new int[split.test().rowCount()];
        int[] predicted = new int[actual.length];
        for (int i = 0; i < actual.length; i++) {
            actual[i] = (int) split.test().target(i);
            predicted[i] = model.predictLabel(split.test().row(i));
        }
        ConfusionMatrix matrix = ClassificationMetrics.confusionMatrix(actual, predicted);
        JsonNode counts = expected.get("test_confusion_matrix_rows_actual_0_1");
        for (int a = 0; a < 2; a++) {
            for (int p = 0; p < 2; p++) {
                assertThat(matrix.count(a, p)).as("actual %d, predicted %d", a, p)
                        .isEqualTo(counts.get(a).get(p).asLong());
            }
        }
    }

    @Test
    void separable_classes_give_finite_coefficients_thanks_to_the_penalty() {
        Dataset separable = Dataset.of(List.of("x"), new double[][] {{-2}, {-1}, {1}, {2}}, "y",
                new double[] {0, 0, 1, 1});

        LogisticModel model = LogisticRegression.l2(1.0).fit(separable);

        assertThat(model.solution().coefficients()[0]).isPositive().isLessThan(100);
        assertThat(model.predictLabel(new double[] {1.5})).isEqualTo(1);
        assertThat(model.predictLabel(new double[] {-1.5})).isZero();
    }

    @Test
    void bad_labels_and_one_class_are_rejected_naming_the_row() {
        Dataset threeLabels = Dataset.of(List.of("x"), new double[][] {{1}, {2}, {3}}, "y", new double[] {0, 1, 2});
        Dataset oneClass = Dataset.of(List.of("x"), new double[][] {{1}, {2}}, "y", new double[] {1, 1});

        assertThatThrownBy(() -> LogisticRegression.l2().fit(threeLabels))
                .hasMessageContaining("row 2, target 'y': 2.0 is not a binary label");
        assertThatThrownBy(() -> LogisticRegression.l2().fit(oneClass))
                .hasMessageContaining("all 2 rows have label 1 in 'y'; logistic regression needs both classes");
        assertThatThrownBy(() -> LogisticRegression.l2(0))
                .hasMessageContaining("C must be finite and > 0 but was 0.0");
        assertThatThrownBy(() -> LogisticRegression.l2().threshold(1.0))
                .hasMessageContaining("threshold must be strictly between 0 and 1");
    }

    @Test
    void a_regression_metric_on_a_classifier_is_rejected_at_build() {
        assertThatThrownBy(() -> Pipeline.builder().model(LogisticRegression.l2()).evaluate(Metric.MSE).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("MSE evaluates regression but LogisticRegression");
    }
}
