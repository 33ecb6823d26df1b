package io.maas.monitor;

import io.maas.metrics.service.Outcome;
import io.maas.metrics.service.ServiceMetrics;
import io.maas.model.Classifier;
import io.maas.model.Task;
import io.maas.pipeline.FittedPipeline;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;

/**
 * A fitted pipeline that watches itself in service: every prediction is timed and counted, failures apart, and
 * feedback on past predictions keeps rolling quality metrics; {@link #snapshot()} reports both.
 *
 * <p><b>Predictions.</b> {@link #predict(double[])}, {@link #predict(Map)} and {@link #predictLabel(double[])} call
 * the pipeline and record the call's latency (clock after the call minus clock before it, with the pipeline's input
 * checks included) and one request; a call that throws is also counted as a failure, and what it threw is rethrown
 * unchanged. The cost over the bare call is two clock reads and two or three uncontended atomic increments, with no
 * lock and no allocation (see {@code MonitoredPredictBenchmark}).
 *
 * <p><b>Feedback.</b> When the truth behind a prediction becomes known, {@link #feedback(double, double)} adds the
 * pair (predicted, actual) to a rolling window of the last N pairs (N = {@link Builder#feedbackWindow}, 10,000 by
 * default). A regression model is scored by mean squared and mean absolute error over the window, a classifier by
 * accuracy and the precision and recall of label 1. The window is a ring buffer behind a lock of its own, held only
 * to store a pair or copy the window: feedback never delays a prediction.
 *
 * <pre>{@code
 * MonitoredPipeline monitored = MonitoredPipeline.builder(fitted).name("diabetes").build();
 * double y = monitored.predict(row);
 * monitored.feedback(y, 151.0);
 * MonitorSnapshot snapshot = monitored.snapshot();   // snapshot.predictions().requests().count() == 1
 * }</pre>
 *
 * <p>Thread-safe; no global state: each instance has its own counters on its own clock.
 */
public final class MonitoredPipeline {

    private final FittedPipeline pipeline;
    private final String name;
    private final Task task;
    private final double threshold;
    private final LongSupplier clock;
    private final ServiceMetrics metrics;
    private final FeedbackWindow window;

    private MonitoredPipeline(Builder builder) {
        this.pipeline = builder.pipeline;
        this.name = builder.name != null ? builder.name : pipeline.targetName();
        if (pipeline.model() instanceof Classifier classifier) {
            this.task = Task.CLASSIFICATION;
            this.threshold = classifier.threshold();
        } else {
            this.task = Task.REGRESSION;
            this.threshold = Double.NaN;
        }
        this.clock = builder.clock;
        ServiceMetrics.Builder service = ServiceMetrics.builder().clock(clock);
        if (builder.highestTrackable != null) {
            service.highestTrackable(builder.highestTrackable);
        }
        if (builder.latencyWindow != null) {
            service.window(builder.latencyWindow, builder.latencySlices);
        }
        this.metrics = service.build();
        this.window = new FeedbackWindow(builder.feedbackWindow);
    }

    /**
     * Monitors a fitted pipeline with the defaults of {@link #builder(FittedPipeline)}.
     *
     * @param pipeline the fitted pipeline to call
     * @return a new monitor with no predictions and no feedback
     */
    public static MonitoredPipeline of(FittedPipeline pipeline) {
        return builder(pipeline).build();
    }

    /**
     * Returns a builder with the defaults: named after the pipeline's target, a feedback window of 10,000 pairs, the
     * latency settings of {@link ServiceMetrics#builder()} (a one-minute sliding window) and
     * {@link System#nanoTime()} as the clock.
     *
     * @param pipeline the fitted pipeline to call
     * @return a new builder
     */
    public static Builder builder(FittedPipeline pipeline) {
        return new Builder(Objects.requireNonNull(pipeline, "pipeline"));
    }

    /**
     * Predicts the target for one row of raw features, as {@link FittedPipeline#predict(double[])}, timed and
     * counted.
     *
     * @param row the values of the pipeline's features, in order; not modified
     * @return the pipeline's prediction
     * @throws IllegalArgumentException if the pipeline rejects the row (counted as a failure)
     */
    public double predict(double[] row) {
        long start = clock.getAsLong();
        try {
            double prediction = pipeline.predict(row);
            metrics.record(elapsedSince(start), Outcome.SUCCESS);
            return prediction;
        } catch (Throwable failure) {
            // Throwable, rethrown precisely: whatever the pipeline throws is counted and passes through unchanged.
            metrics.record(elapsedSince(start), Outcome.FAILURE);
            throw failure;
        }
    }

    /**
     * Predicts the target for one row given by feature name, as {@link FittedPipeline#predict(Map)}, timed and
     * counted.
     *
     * @param row a value for every feature of the pipeline and no other
     * @return the pipeline's prediction
     * @throws IllegalArgumentException if a name is missing or unknown, or a value not allowed (counted as a
     *                                  failure)
     */
    public double predict(Map<String, Double> row) {
        long start = clock.getAsLong();
        try {
            double prediction = pipeline.predict(row);
            metrics.record(elapsedSince(start), Outcome.SUCCESS);
            return prediction;
        } catch (Throwable failure) {
            metrics.record(elapsedSince(start), Outcome.FAILURE);
            throw failure;
        }
    }

    /**
     * Predicts the label of one row, as {@link FittedPipeline#predictLabel(double[])}, timed and counted.
     *
     * @param row the values of the pipeline's features, in order; not modified
     * @return 0 or 1
     * @throws IllegalStateException    if the model is not a classifier (counted as a failure)
     * @throws IllegalArgumentException if the pipeline rejects the row (counted as a failure)
     */
    public int predictLabel(double[] row) {
        long start = clock.getAsLong();
        try {
            int label = pipeline.predictLabel(row);
            metrics.record(elapsedSince(start), Outcome.SUCCESS);
            return label;
        } catch (Throwable failure) {
            metrics.record(elapsedSince(start), Outcome.FAILURE);
            throw failure;
        }
    }

    /**
     * Adds one feedback pair to the rolling window, dropping the oldest pair when the window is full.
     *
     * <p>For a regression model both values are the target's. For a classifier {@code actual} is the observed label
     * and {@code predicted} what {@link #predict(double[])} or {@link #predictLabel} returned: a probability of
     * label 1, compared with the model's threshold (so the labels 0 and 1 stand for themselves).
     *
     * @param predicted what the model predicted: finite; for a classifier in [0, 1]
     * @param actual    what happened: finite; for a classifier 0 or 1
     * @throws IllegalArgumentException if a value is not allowed; nothing is added then
     */
    public void feedback(double predicted, double actual) {
        feedback(new double[] {predicted}, new double[] {actual});
    }

    /**
     * Adds feedback pairs to the rolling window, in order, as {@link #feedback(double, double)} does one.
     *
     * @param predicted what the model predicted, one value per pair; not modified
     * @param actual    what happened, same length; not modified
     * @throws IllegalArgumentException if the lengths differ or any value is not allowed; nothing is added then
     */
    public void feedback(double[] predicted, double[] actual) {
        Objects.requireNonNull(predicted, "predicted");
        Objects.requireNonNull(actual, "actual");
        if (predicted.length != actual.length) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "feedback has %d predicted values but %d actual values; they come in pairs", predicted.length,
                    actual.length));
        }
        double[] p = predicted.clone();
        double[] a = actual.clone();
        for (int i = 0; i < p.length; i++) {
            String at = p.length == 1 ? "" : String.format(Locale.ROOT, " (pair %d)", i);
            if (!Double.isFinite(p[i]) || !Double.isFinite(a[i])) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "feedback values must be finite but were predicted=%s actual=%s%s", p[i], a[i], at));
            }
            if (task == Task.CLASSIFICATION) {
                if (p[i] < 0.0 || p[i] > 1.0) {
                    throw new IllegalArgumentException(String.format(Locale.ROOT,
                            "a classifier's predicted value is a probability or a label, in [0, 1], but was %s%s",
                            p[i], at));
                }
                if (a[i] != 0.0 && a[i] != 1.0) {
                    throw new IllegalArgumentException(String.format(Locale.ROOT,
                            "a classifier's actual value is a label, 0 or 1, but was %s%s", a[i], at));
                }
                p[i] = p[i] >= threshold ? 1.0 : 0.0;
            }
        }
        window.add(p, a);
    }

    /**
     * Returns the predictions' counts, rates and latencies and the quality over the feedback window, now.
     *
     * @return an immutable snapshot
     */
    public MonitorSnapshot snapshot() {
        Quality quality = task == Task.CLASSIFICATION ? window.classification() : window.regression();
        return new MonitorSnapshot(name, task, metrics.snapshot(), quality);
    }

    /**
     * Returns the pipeline this monitor calls.
     *
     * @return the fitted pipeline
     */
    public FittedPipeline pipeline() {
        return pipeline;
    }

    /**
     * Returns the name that labels this model's metrics.
     *
     * @return the name
     */
    public String name() {
        return name;
    }

    /**
     * Returns what the model predicts, which decides its quality metrics.
     *
     * @return {@link Task#CLASSIFICATION} if the pipeline's model is a {@link Classifier}, else
     *         {@link Task#REGRESSION}
     */
    public Task task() {
        return task;
    }

    /**
     * Returns the name, task and pipeline; for the figures, log {@link #snapshot()} (a snapshot moves the rates and
     * the latency window on, so this method takes none).
     *
     * @return for example {@code MonitoredPipeline[name=diabetes, task=REGRESSION, pipeline=FittedPipeline[...]]}
     */
    @Override
    public String toString() {
        return "MonitoredPipeline[name=" + name + ", task=" + task + ", pipeline=" + pipeline + "]";
    }

    private long elapsedSince(long start) {
        // Never negative, so that recording cannot fail and hide the pipeline's own exception.
        return Math.max(0, clock.getAsLong() - start);
    }

    /** Configures a {@link MonitoredPipeline}; reusable, not thread-safe. */
    public static final class Builder {

        /** The largest feedback window: 16 bytes a pair, 16 MB at most, and a snapshot copies it once. */
        public static final int MAX_FEEDBACK_WINDOW = 1_000_000;

        private static final Pattern PRINTABLE = Pattern.compile("\\P{Cntrl}+");

        private final FittedPipeline pipeline;
        private String name;
        private int feedbackWindow = 10_000;
        private Duration latencyWindow;
        private int latencySlices;
        private Duration highestTrackable;
        private LongSupplier clock = System::nanoTime;

        private Builder(FittedPipeline pipeline) {
            this.pipeline = pipeline;
        }

        /**
         * Sets the name that labels this model's metrics ({@code model="..."} in Prometheus text).
         *
         * @param modelName a non-empty name without control characters
         * @return this builder
         * @throws IllegalArgumentException if the name is empty or holds a control character
         */
        public Builder name(String modelName) {
            Objects.requireNonNull(modelName, "modelName");
            if (!PRINTABLE.matcher(modelName).matches()) {
                throw new IllegalArgumentException("name must be non-empty text without control characters but was '"
                        + modelName.replace("\n", "\\n") + "'");
            }
            this.name = modelName;
            return this;
        }

        /**
         * Sets how many of the most recent feedback pairs the quality metrics are computed over.
         *
         * @param pairs the window's capacity, in [1, {@value #MAX_FEEDBACK_WINDOW}]
         * @return this builder
         * @throws IllegalArgumentException if {@code pairs} is out of range
         */
        public Builder feedbackWindow(int pairs) {
            if (pairs < 1 || pairs > MAX_FEEDBACK_WINDOW) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "feedbackWindow must be in [1, %d] but was %d", MAX_FEEDBACK_WINDOW, pairs));
            }
            this.feedbackWindow = pairs;
            return this;
        }

        /**
         * Sets the sliding window of the latency percentiles; see {@link ServiceMetrics.Builder#window}.
         *
         * @param length the window's length
         * @param slices the number of slices it moves by
         * @return this builder
         * @throws IllegalArgumentException if the count is out of range or the window too short or too long
         */
        public Builder latencyWindow(Duration length, int slices) {
            ServiceMetrics.builder().window(length, slices); // validates now, where the caller passed them
            this.latencyWindow = length;
            this.latencySlices = slices;
            return this;
        }

        /**
         * Sets the highest latency recorded as itself; see {@link ServiceMetrics.Builder#highestTrackable}.
         *
         * @param highest the highest trackable latency, &gt; 0
         * @return this builder
         * @throws IllegalArgumentException if {@code highest} is not positive
         */
        public Builder highestTrackable(Duration highest) {
            ServiceMetrics.builder().highestTrackable(highest);
            this.highestTrackable = highest;
            return this;
        }

        /**
         * Sets the clock that times predictions and places snapshots in time.
         *
         * @param nanoClock a monotonic source of nanoseconds such as {@link System#nanoTime()}; tests pass a manual
         *                  clock
         * @return this builder
         */
        public Builder clock(LongSupplier nanoClock) {
            this.clock = Objects.requireNonNull(nanoClock, "nanoClock");
            return this;
        }

        /**
         * Builds the monitor, starting its clock now.
         *
         * @return a new monitor with no predictions and no feedback
         */
        public MonitoredPipeline build() {
            return new MonitoredPipeline(this);
        }
    }
}
