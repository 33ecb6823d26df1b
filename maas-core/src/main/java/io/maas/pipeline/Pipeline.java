package io.maas.pipeline;

import io.maas.data.Dataset;
import io.maas.internal.ExtendedFit;
import io.maas.internal.ExtendedTransform;
import io.maas.model.Estimator;
import io.maas.model.Model;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The steps from raw training data to a fitted model, not yet fitted: preprocessing stages, feature stages, the model
 * and the metrics to evaluate. {@link #fit} fits each stage on the output of the ones before it, on the training rows
 * only, then the model. Immutable and safe to share: one pipeline can be fitted many times, on different data, from
 * different threads.
 *
 * <pre>{@code
 * Pipeline pipeline = Pipeline.builder()
 *         .preprocess(Scale.standard())
 *         .features(Polynomial.degree(2))
 *         .model(LinearRegression.leastSquares())
 *         .evaluate(Metric.MSE, Metric.R2)
 *         .build();
 * }</pre>
 */
public final class Pipeline {

    private final List<Stage> preprocess;
    private final List<Stage> features;
    private final Estimator model;
    private final Set<Metric> metrics;

    private Pipeline(Builder builder) {
        this.preprocess = List.copyOf(builder.preprocess);
        this.features = List.copyOf(builder.features);
        this.model = builder.model;
        Set<Metric> defaults = EnumSet.noneOf(Metric.class);
        for (Metric metric : Metric.values()) {
            if (metric.task() == builder.model.task()) {
                defaults.add(metric);
            }
        }
        this.metrics = builder.metrics.isEmpty() ? defaults : EnumSet.copyOf(builder.metrics);
    }

    /**
     * Returns a new, empty builder.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Fits every stage on the training data, in order, then the model, and returns the fitted pipeline.
     *
     * @param training the rows to learn from; not modified
     * @return the fitted pipeline, immutable and thread-safe
     * @throws IllegalArgumentException       if the data cannot be used (the message says why)
     * @throws io.maas.solver.SolverException if the numerical fit fails (the message says why)
     */
    public FittedPipeline fit(Dataset training) {
        Objects.requireNonNull(training, "training");
        List<FittedStage> fitted = new ArrayList<>();
        Dataset current = training;
        for (Stage stage : stages()) {
            FittedStage f = Objects.requireNonNull(stage.fit(current), () -> stage + " returned no fitted stage");
            if (!f.inputNames().equals(current.featureNames())) {
                throw new IllegalStateException(stage + " was fitted on " + current.featureNames()
                        + " but reads " + f.inputNames());
            }
            current = f.transform(current);
            fitted.add(f);
        }
        if (fitted.stream().filter(stage -> stage instanceof CategoricalStage).count() > 1) {
            throw new IllegalStateException("a pipeline may encode categorical columns once, but " + stages()
                    + " has more than one categorical stage");
        }
        Model fittedModel = fitModel(training, current, fitted);
        return new FittedPipeline(this, fitted, fittedModel, training.featureNames(), training.categoricalNames(),
                training.targetName(), training.rowCount());
    }

    /**
     * Fits the model; when every stage can evaluate its output in double-double precision (polynomial features over
     * raw columns) and the model can use it (least squares), the design's low-order parts go to the solver too.
     */
    private Model fitModel(Dataset raw, Dataset design, List<FittedStage> fitted) {
        boolean extended = !fitted.isEmpty() && model instanceof ExtendedFit
                && fitted.stream().allMatch(stage -> stage instanceof ExtendedTransform);
        if (!extended) {
            return model.fit(design);
        }
        int n = design.rowCount();
        int p = design.featureCount();
        double[] low = new double[Math.multiplyExact(n, p)];
        double[] plain = new double[p];
        for (int i = 0; i < n; i++) {
            double[] high = raw.row(i);
            double[] lowPart = new double[high.length]; // raw data is exact: no low part
            for (FittedStage stage : fitted) {
                double[] outHigh = new double[stage.outputNames().size()];
                double[] outLow = new double[outHigh.length];
                ((ExtendedTransform) stage).transformExtended(high, lowPart, outHigh, outLow);
                high = outHigh;
                lowPart = outLow;
            }
            design.copyRow(i, plain, 0);
            for (int j = 0; j < p; j++) {
                // The solver's design holds the plain (step-by-step rounded) values: its low part is exact − plain,
                // and high − plain is exact (the two are within an ulp of each other).
                low[i * p + j] = (high[j] - plain[j]) + lowPart[j];
            }
        }
        return ((ExtendedFit) model).fitExtended(design, low);
    }

    List<Stage> stages() {
        List<Stage> all = new ArrayList<>(preprocess);
        all.addAll(features);
        return all;
    }

    /**
     * Returns the model step.
     *
     * @return the estimator this pipeline fits
     */
    public Estimator model() {
        return model;
    }

    /**
     * Returns the metrics {@link FittedPipeline#evaluate} reports.
     *
     * @return an unmodifiable set, in {@link Metric} order
     */
    public Set<Metric> metrics() {
        return java.util.Collections.unmodifiableSet(metrics);
    }

    /**
     * Returns the steps, for logs and reports.
     *
     * @return for example {@code Pipeline[preprocess=[Scale.standard()], features=[], model=LinearRegression[...]]}
     */
    @Override
    public String toString() {
        return "Pipeline[preprocess=" + preprocess + ", features=" + features + ", model=" + model + ", evaluate="
                + metrics + "]";
    }

    /**
     * Builds a {@link Pipeline}, one method per step, called in pipeline order: {@code preprocess}, {@code features},
     * {@code model}, {@code evaluate}. Not thread-safe; reusable after {@link #build()}.
     */
    public static final class Builder {

        private final List<Stage> preprocess = new ArrayList<>();
        private final List<Stage> features = new ArrayList<>();
        private final Set<Metric> metrics = EnumSet.noneOf(Metric.class);
        private Estimator model;
        private int step;

        private Builder() {
        }

        /**
         * Adds preprocessing stages (imputation, scaling, column selection), applied in the order given.
         *
         * @param stages one or more stages
         * @return this builder
         * @throws IllegalStateException if called after {@code features}, {@code model} or {@code evaluate}
         */
        public Builder preprocess(Stage... stages) {
            order(0, "preprocess");
            preprocess.addAll(nonEmpty(stages));
            return this;
        }

        /**
         * Adds feature stages (polynomial terms, encodings), applied after preprocessing in the order given.
         *
         * @param stages one or more stages
         * @return this builder
         * @throws IllegalStateException if called after {@code model} or {@code evaluate}
         */
        public Builder features(Stage... stages) {
            order(1, "features");
            features.addAll(nonEmpty(stages));
            return this;
        }

        /**
         * Sets the model to fit, the last step of the pipeline.
         *
         * @param estimator the model configuration, such as {@code LinearRegression.leastSquares()}
         * @return this builder
         * @throws IllegalStateException if a model was already set or {@code evaluate} was called
         */
        public Builder model(Estimator estimator) {
            Objects.requireNonNull(estimator, "estimator");
            if (model != null) {
                throw new IllegalStateException("the pipeline already has a model, " + model);
            }
            order(2, "model");
            this.model = estimator;
            return this;
        }

        /**
         * Sets the metrics {@link FittedPipeline#evaluate} reports (default: every metric of the model's task: MSE,
         * RMSE, MAE and R² for regression; accuracy, precision, recall, F1, ROC AUC and log loss for classification).
         *
         * @param chosen one or more metrics
         * @return this builder
         */
        public Builder evaluate(Metric... chosen) {
            order(3, "evaluate");
            metrics.addAll(nonEmpty(chosen));
            return this;
        }

        /**
         * Returns the pipeline configured so far.
         *
         * @return an immutable pipeline
         * @throws IllegalStateException if no model was set, or a metric does not fit the model's task
         */
        public Pipeline build() {
            if (model == null) {
                throw new IllegalStateException("a pipeline needs a model: call model(...) before build()");
            }
            for (Metric metric : metrics) {
                if (metric.task() != model.task()) {
                    throw new IllegalStateException(metric + " evaluates " + metric.task().name().toLowerCase(
                            java.util.Locale.ROOT) + " but " + model + " does " + model.task().name().toLowerCase(
                            java.util.Locale.ROOT));
                }
            }
            return new Pipeline(this);
        }

        private void order(int next, String method) {
            if (next < step) {
                String[] names = {"preprocess", "features", "model", "evaluate"};
                throw new IllegalStateException(method + "(...) must come before " + names[step]
                        + "(...): steps are added in pipeline order preprocess, features, model, evaluate");
            }
            step = next;
        }

        @SafeVarargs
        private static <T> List<T> nonEmpty(T... items) {
            Objects.requireNonNull(items, "items");
            if (items.length == 0) {
                throw new IllegalArgumentException("give at least one");
            }
            for (T item : items) {
                Objects.requireNonNull(item, "a step is null");
            }
            return Arrays.asList(items);
        }
    }
}
