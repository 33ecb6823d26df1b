package io.maas.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.within;

import io.maas.data.Dataset;
import io.maas.data.SampleData;
import io.maas.metrics.ClassificationMetrics;
import io.maas.metrics.RegressionMetrics;
import io.maas.metrics.service.ServiceSnapshot;
import io.maas.model.Task;
import io.maas.pipeline.FittedPipeline;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MonitoredPipelineTest {

    private final FittedPipeline diabetes = Fixtures.diabetes();
    private final Dataset data = SampleData.diabetes();

    @Nested
    class Predictions {

        @Test
        void predictions_are_the_pipelines_to_the_bit_and_each_is_counted() {
            MonitoredPipeline monitored = MonitoredPipeline.of(diabetes);

            for (int i = 0; i < 50; i++) {
                assertThat(Double.doubleToRawLongBits(monitored.predict(data.row(i))))
                        .isEqualTo(Double.doubleToRawLongBits(diabetes.predict(data.row(i))));
            }

            ServiceSnapshot predictions = monitored.snapshot().predictions();
            assertThat(predictions.requests().count()).isEqualTo(50);
            assertThat(predictions.failures()).isZero();
            assertThat(predictions.latencySinceStart().count()).isEqualTo(50);
        }

        @Test
        void latency_is_the_clock_after_the_call_minus_the_clock_before_it() {
            // Each read moves the clock 200 ns: a prediction reads it twice, so it takes 200 ns (exact below 256).
            MonitoredPipeline monitored = MonitoredPipeline.builder(diabetes).clock(Fixtures.steppingClock(200))
                    .build();

            monitored.predict(data.row(0));
            monitored.predict(data.row(1));

            ServiceSnapshot predictions = monitored.snapshot().predictions();
            assertThat(predictions.latencySinceStart().minNanos()).isEqualTo(200);
            assertThat(predictions.latencySinceStart().maxNanos()).isEqualTo(200);
            assertThat(predictions.recentLatency().count()).isEqualTo(2);
        }

        @Test
        void a_failing_prediction_is_counted_as_request_and_failure_and_rethrown_unchanged() {
            MonitoredPipeline monitored = MonitoredPipeline.of(diabetes);
            double[] narrow = {1.0, 2.0};
            Throwable bare = catchThrowable(() -> diabetes.predict(narrow));

            Throwable thrown = catchThrowable(() -> monitored.predict(narrow));

            assertThat(thrown).isInstanceOf(IllegalArgumentException.class).hasMessage(bare.getMessage());
            ServiceSnapshot predictions = monitored.snapshot().predictions();
            assertThat(predictions.requests().count()).isEqualTo(1);
            assertThat(predictions.failures()).isEqualTo(1);
        }

        @Test
        void predict_label_of_a_regression_model_fails_and_counts_as_a_failure() {
            MonitoredPipeline monitored = MonitoredPipeline.of(diabetes);

            assertThatThrownBy(() -> monitored.predictLabel(data.row(0)))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("not a classifier");
            assertThat(monitored.snapshot().predictions().failures()).isEqualTo(1);
        }

        @Test
        void rows_by_name_predict_as_the_pipeline_does() {
            MonitoredPipeline monitored = MonitoredPipeline.of(diabetes);
            Map<String, Double> row = new HashMap<>();
            for (int j = 0; j < data.featureCount(); j++) {
                row.put(data.featureNames().get(j), data.row(3)[j]);
            }

            assertThat(monitored.predict(row)).isEqualTo(diabetes.predict(data.row(3)));
            row.put("shoe_size", 42.0);
            assertThatThrownBy(() -> monitored.predict(row)).hasMessageContaining("unknown feature 'shoe_size'");
            assertThat(monitored.snapshot().predictions().requests().count()).isEqualTo(2);
            assertThat(monitored.snapshot().predictions().failures()).isEqualTo(1);
        }

        @Test
        void a_classifiers_labels_are_the_pipelines() {
            FittedPipeline classifier = Fixtures.classifier();
            MonitoredPipeline monitored = MonitoredPipeline.of(classifier);

            assertThat(monitored.task()).isEqualTo(Task.CLASSIFICATION);
            assertThat(monitored.predictLabel(new double[] {2.0, 1.0})).isEqualTo(1);
            assertThat(monitored.predictLabel(new double[] {-2.0, -1.0})).isEqualTo(0);
            assertThat(monitored.snapshot().predictions().requests().count()).isEqualTo(2);
        }

        @Test
        void four_threads_lose_no_count() throws Exception {
            MonitoredPipeline monitored = MonitoredPipeline.of(diabetes);
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                CountDownLatch start = new CountDownLatch(1);
                List<Future<?>> done = new ArrayList<>();
                for (int t = 0; t < 4; t++) {
                    int offset = t;
                    done.add(pool.submit(() -> {
                        start.await();
                        double[] narrow = new double[1];
                        for (int k = 0; k < 50_000; k++) {
                            if (k % 100 == 0) {
                                catchThrowable(() -> monitored.predict(narrow));
                                monitored.feedback(k, k + offset);
                            } else {
                                monitored.predict(data.row((k + offset) % data.rowCount()));
                            }
                        }
                        return null;
                    }));
                }
                start.countDown();
                for (Future<?> future : done) {
                    future.get(2, TimeUnit.MINUTES);
                }
            } finally {
                pool.shutdownNow();
            }

            MonitorSnapshot snapshot = monitored.snapshot();
            assertThat(snapshot.predictions().requests().count()).isEqualTo(200_000);
            assertThat(snapshot.predictions().failures()).isEqualTo(2_000);
            assertThat(snapshot.predictions().latencySinceStart().count()).isEqualTo(200_000);
            assertThat(snapshot.quality().received()).isEqualTo(2_000);
        }
    }

    @Nested
    class Feedback {

        @Test
        void regression_quality_is_mse_and_mae_of_the_last_n_pairs() {
            MonitoredPipeline monitored = MonitoredPipeline.builder(diabetes).feedbackWindow(3).build();
            double[] predicted = {10, 20, 30, 40, 50};
            double[] actual = {11, 18, 33, 40, 46};

            for (int i = 0; i < predicted.length; i++) {
                monitored.feedback(predicted[i], actual[i]);
            }

            RegressionQuality quality = (RegressionQuality) monitored.snapshot().quality();
            double[] lastPredicted = {30, 40, 50};
            double[] lastActual = {33, 40, 46};
            assertThat(quality.received()).isEqualTo(5);
            assertThat(quality.capacity()).isEqualTo(3);
            assertThat(quality.pairs()).isEqualTo(3);
            assertThat(quality.mse()).isEqualTo(RegressionMetrics.meanSquaredError(lastActual, lastPredicted));
            assertThat(quality.mse()).isCloseTo((9 + 0 + 16) / 3.0, within(1e-12));
            assertThat(quality.mae()).isCloseTo((3 + 0 + 4) / 3.0, within(1e-12));
        }

        @Test
        void a_window_wrapped_many_times_holds_exactly_the_latest_pairs_in_any_batching() {
            MonitoredPipeline single = MonitoredPipeline.builder(diabetes).feedbackWindow(7).build();
            MonitoredPipeline batched = MonitoredPipeline.builder(diabetes).feedbackWindow(7).build();
            double[] predicted = new double[40];
            double[] actual = new double[40];
            for (int i = 0; i < 40; i++) {
                predicted[i] = i;
                actual[i] = i + (i % 3) - 1.0 + i * 0.01;
                single.feedback(predicted[i], actual[i]);
            }
            batched.feedback(Arrays.copyOfRange(predicted, 0, 5), Arrays.copyOfRange(actual, 0, 5));
            batched.feedback(Arrays.copyOfRange(predicted, 5, 31),
                    Arrays.copyOfRange(actual, 5, 31));
            batched.feedback(Arrays.copyOfRange(predicted, 31, 40),
                    Arrays.copyOfRange(actual, 31, 40));

            double[] lastActual = Arrays.copyOfRange(actual, 33, 40);
            double[] lastPredicted = Arrays.copyOfRange(predicted, 33, 40);
            RegressionQuality expected = new RegressionQuality(40, 7, 7,
                    RegressionMetrics.meanSquaredError(lastActual, lastPredicted),
                    RegressionMetrics.meanAbsoluteError(lastActual, lastPredicted));
            assertThat(single.snapshot().quality()).isEqualTo(expected);
            assertThat(batched.snapshot().quality()).isEqualTo(expected);
        }

        @Test
        void classifier_quality_thresholds_probabilities_and_takes_labels_as_themselves() {
            MonitoredPipeline monitored = MonitoredPipeline.of(Fixtures.classifier());
            // predicted (probability or label) -> label at the model's threshold of 0.5, and the actual label
            double[] predicted = {0.9, 1, 0.2, 0, 0.7, 0.5, 0.49};
            double[] actual = {1, 1, 1, 0, 0, 1, 0};
            int[] predictedLabels = {1, 1, 0, 0, 1, 1, 0};

            monitored.feedback(predicted, actual);

            int[] actualLabels = {1, 1, 1, 0, 0, 1, 0};
            ClassificationQuality quality = (ClassificationQuality) monitored.snapshot().quality();
            assertThat(quality.pairs()).isEqualTo(7);
            assertThat(quality.accuracy()).isEqualTo(ClassificationMetrics.accuracy(actualLabels, predictedLabels));
            assertThat(quality.accuracy()).isCloseTo(5 / 7.0, within(1e-15));
            assertThat(quality.precision()).isCloseTo(3 / 4.0, within(1e-15));
            assertThat(quality.recall()).isCloseTo(3 / 4.0, within(1e-15));
        }

        @Test
        void a_classifier_that_never_predicts_1_has_precision_0_as_scikit_learn() {
            MonitoredPipeline monitored = MonitoredPipeline.of(Fixtures.classifier());

            monitored.feedback(new double[] {0.1, 0.2}, new double[] {0, 1});

            ClassificationQuality quality = (ClassificationQuality) monitored.snapshot().quality();
            assertThat(quality.accuracy()).isEqualTo(0.5);
            assertThat(quality.precision()).isZero();
            assertThat(quality.recall()).isZero();
        }

        @Test
        void an_empty_window_reports_zero_pairs_and_zero_metrics() {
            Quality regression = MonitoredPipeline.of(diabetes).snapshot().quality();
            Quality classification = MonitoredPipeline.of(Fixtures.classifier()).snapshot().quality();

            assertThat(regression).isEqualTo(new RegressionQuality(0, 10_000, 0, 0.0, 0.0));
            assertThat(classification).isEqualTo(new ClassificationQuality(0, 10_000, 0, 0.0, 0.0, 0.0));
        }

        @ParameterizedTest(name = "regression predicted={0} actual={1}")
        @CsvSource({"NaN, 1, must be finite", "1, Infinity, must be finite", "-Infinity, 1, must be finite"})
        void regression_feedback_must_be_finite(double predicted, double actual, String message) {
            MonitoredPipeline monitored = MonitoredPipeline.of(diabetes);

            assertThatThrownBy(() -> monitored.feedback(predicted, actual))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message);
            assertThat(monitored.snapshot().quality().received()).isZero();
        }

        @ParameterizedTest(name = "classifier predicted={0} actual={1}")
        @CsvSource({
            "1.5, 1, 'a probability or a label, in [0, 1], but was 1.5'",
            "-0.1, 0, 'in [0, 1], but was -0.1'",
            "0.5, 0.5, 'a label, 0 or 1, but was 0.5'",
            "1, 2, 'a label, 0 or 1, but was 2.0'",
            "NaN, 1, must be finite"})
        void classifier_feedback_must_be_a_probability_and_a_label(double predicted, double actual,
                                                                   String message) {
            MonitoredPipeline monitored = MonitoredPipeline.of(Fixtures.classifier());

            assertThatThrownBy(() -> monitored.feedback(predicted, actual))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message);
        }

        @Test
        void a_batch_with_one_bad_pair_adds_nothing() {
            MonitoredPipeline monitored = MonitoredPipeline.of(diabetes);

            assertThatThrownBy(() -> monitored.feedback(new double[] {1, 2, 3}, new double[] {1, Double.NaN, 3}))
                    .hasMessageContaining("(pair 1)");
            assertThatThrownBy(() -> monitored.feedback(new double[] {1, 2}, new double[] {1}))
                    .hasMessage("feedback has 2 predicted values but 1 actual values; they come in pairs");
            assertThat(monitored.snapshot().quality().received()).isZero();
        }
    }

    @Nested
    class Rendering {

        private MonitoredPipeline served() {
            MonitoredPipeline monitored = MonitoredPipeline.builder(diabetes).name("diabetes").build();
            monitored.predict(data.row(0));
            monitored.predict(data.row(1));
            catchThrowable(() -> monitored.predict(new double[] {1}));
            monitored.feedback(100, 110);
            monitored.feedback(200, 190);
            return monitored;
        }

        @Test
        void prometheus_text_has_the_predictions_the_feedback_and_the_quality_labelled_by_model() {
            String text = served().snapshot().toPrometheusText();

            assertThat(text).contains(
                    "# TYPE maas_predict_requests_total counter\nmaas_predict_requests_total{model=\"diabetes\"} 3\n",
                    "maas_predict_failures_total{model=\"diabetes\"} 1\n",
                    "maas_predict_latency_seconds_count{model=\"diabetes\"} 3\n",
                    "maas_predict_latency_seconds{model=\"diabetes\",quantile=\"0.99\"} ",
                    "# TYPE maas_feedback_total counter\nmaas_feedback_total{model=\"diabetes\"} 2\n",
                    "# TYPE maas_feedback_window_pairs gauge\nmaas_feedback_window_pairs{model=\"diabetes\"} 2\n",
                    "# TYPE maas_quality_mse gauge\nmaas_quality_mse{model=\"diabetes\"} 100.0\n",
                    "maas_quality_mae{model=\"diabetes\"} 10.0\n");
            assertThat(text).endsWith("\n").doesNotContain("NaN").doesNotContain("accuracy");
        }

        @Test
        void a_classifiers_text_has_accuracy_precision_and_recall_and_no_samples_while_the_window_is_empty() {
            MonitoredPipeline monitored = MonitoredPipeline.builder(Fixtures.classifier()).name("churn").build();

            String empty = monitored.snapshot().toPrometheusText();
            monitored.feedback(0.8, 1);
            String text = monitored.snapshot().toPrometheusText();

            assertThat(empty).contains("# TYPE maas_quality_accuracy gauge\n# HELP maas_quality_precision")
                    .doesNotContain("maas_quality_accuracy{");
            assertThat(text).contains("maas_quality_accuracy{model=\"churn\"} 1.0\n",
                    "maas_quality_precision{model=\"churn\"} 1.0\n", "maas_quality_recall{model=\"churn\"} 1.0\n");
        }

        @Test
        void label_values_are_escaped() {
            MonitorSnapshot snapshot = MonitoredPipeline.builder(diabetes).name("a \"quoted\" \\ name").build()
                    .snapshot();

            assertThat(snapshot.toPrometheusText())
                    .contains("maas_predict_requests_total{model=\"a \\\"quoted\\\" \\\\ name\"} 0\n")
                    .contains("maas_feedback_total{model=\"a \\\"quoted\\\" \\\\ name\"} 0\n");
            assertThat(MonitorSnapshot.escapeLabelValue("line\nbreak")).isEqualTo("line\\nbreak");
        }

        @Test
        void text_is_three_lines_model_predictions_quality() {
            String[] lines = served().snapshot().toString().split("\n");

            assertThat(lines).hasSize(3);
            assertThat(lines[0]).isEqualTo("model=diabetes task=REGRESSION");
            assertThat(lines[1]).startsWith("predictions: requests=3 failures=1 ");
            assertThat(lines[2]).isEqualTo(
                    "quality: last 2 of 2 feedback pairs (window 10000): mse=100.000 mae=10.0000");
        }

        @Test
        void the_default_name_is_the_target() {
            assertThat(MonitoredPipeline.of(diabetes).name()).isEqualTo(diabetes.targetName());
        }

        @Test
        void to_string_names_the_model_and_takes_no_snapshot() {
            AtomicLong reads = new AtomicLong();
            MonitoredPipeline monitored = MonitoredPipeline.builder(diabetes).name("diabetes")
                    .clock(() -> reads.incrementAndGet() * 1000).build();
            long readsBefore = reads.get();

            assertThat(monitored.toString()).startsWith("MonitoredPipeline[name=diabetes, task=REGRESSION,"
                    + " pipeline=FittedPipeline[");
            assertThat(reads.get()).isEqualTo(readsBefore);
        }
    }

    @Nested
    class Configuration {

        @ParameterizedTest
        @CsvSource({"0", "-1", "1000001"})
        void feedback_window_out_of_range_is_rejected(int pairs) {
            assertThatThrownBy(() -> MonitoredPipeline.builder(diabetes).feedbackWindow(pairs))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("feedbackWindow must be in [1, 1000000] but was " + pairs);
        }

        @Test
        void names_must_be_printable_text() {
            assertThatThrownBy(() -> MonitoredPipeline.builder(diabetes).name(""))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("non-empty");
            assertThatThrownBy(() -> MonitoredPipeline.builder(diabetes).name("two\nlines"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("two\\nlines");
        }

        @Test
        void latency_options_are_checked_where_they_are_given() {
            assertThatThrownBy(() -> MonitoredPipeline.builder(diabetes).highestTrackable(Duration.ZERO))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> MonitoredPipeline.builder(diabetes).latencyWindow(Duration.ofMinutes(1), 0))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThat(MonitoredPipeline.builder(diabetes).latencyWindow(Duration.ofSeconds(30), 3).build()
                    .snapshot().predictions().window()).isEqualTo(Duration.ofSeconds(30));
        }

        @Test
        void a_snapshot_rejects_quality_of_the_wrong_kind() {
            MonitorSnapshot snapshot = MonitoredPipeline.of(diabetes).snapshot();

            assertThatThrownBy(() -> new MonitorSnapshot("m", Task.CLASSIFICATION, snapshot.predictions(),
                    snapshot.quality()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("a CLASSIFICATION model's quality cannot be a RegressionQuality");
        }

        @Test
        void the_package_example_runs() {
            double[] row = data.row(0);
            MonitoredPipeline monitored = MonitoredPipeline.builder(diabetes).name("diabetes")
                    .feedbackWindow(10_000).build();
            double y = monitored.predict(row);
            monitored.feedback(y, 151.0);
            String page = monitored.snapshot().toPrometheusText();

            assertThat(monitored.snapshot().predictions().requests().count()).isEqualTo(1);
            assertThat(page).contains("maas_feedback_total{model=\"diabetes\"} 1\n");
        }
    }
}
