package io.maas.pipeline;

import io.maas.data.Dataset;
import io.maas.internal.AffineColumns;
import io.maas.model.Classifier;
import io.maas.model.LinearModel;
import io.maas.model.Model;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A pipeline whose stages and model have been fitted: it predicts from raw feature rows (the columns of the training
 * data, before any stage) and evaluates itself on held-out data.
 *
 * <p>Immutable and safe to share between threads without locking. A single-row {@link #predict(double[])} allocates
 * nothing after a thread's first call: each thread transforms the row through the stages into its own reused buffers.
 */
public final class FittedPipeline {

    private final Pipeline pipeline;
    private final List<FittedStage> stages;
    private final Model model;
    private final List<String> featureNames;
    private final List<String> categoricalNames;
    private final String targetName;
    private final int trainingRows;
    private final boolean acceptsMissing;
    private final ThreadLocal<double[][]> buffers;
    /** Set when the pipeline is one affine stage and a linear model: predict(double[]) fuses them (same bits). */
    private final Fused fused;

    /**
     * b + Σ c_j·((x_j − m_j)/s_j) in the order the stage and the model compute it separately: the same IEEE
     * operations on the same values, so the same bits, without a buffer or the stage call.
     */
    private record Fused(double[] offset, double[] scale, double intercept, double[] coefficients) {

        double predict(double[] row) {
            double sum = intercept;
            for (int j = 0; j < coefficients.length; j++) {
                sum += coefficients[j] * ((row[j] - offset[j]) / scale[j]);
            }
            return sum;
        }
    }

    FittedPipeline(Pipeline pipeline, List<FittedStage> stages, Model model, List<String> featureNames,
                   List<String> categoricalNames, String targetName, int trainingRows) {
        this.pipeline = pipeline;
        this.stages = List.copyOf(stages);
        this.model = model;
        this.featureNames = List.copyOf(featureNames);
        this.categoricalNames = List.copyOf(categoricalNames);
        this.targetName = targetName;
        this.trainingRows = trainingRows;
        this.acceptsMissing = !stages.isEmpty() && stages.get(0).acceptsMissing();
        this.buffers = ThreadLocal.withInitial(() -> {
            double[][] buffer = new double[this.stages.size()][];
            for (int s = 0; s < buffer.length; s++) {
                buffer[s] = new double[this.stages.get(s).outputNames().size()];
            }
            return buffer;
        });
        this.fused = this.stages.size() == 1 && this.stages.get(0) instanceof AffineColumns affine
                && model instanceof LinearModel linear && this.categoricalNames.isEmpty()
                && this.stages.get(0).inputNames().equals(this.featureNames)
                && this.stages.get(0).outputNames().equals(linear.featureNames())
                ? new Fused(affine.offsets(), affine.scales(), linear.intercept(), linear.coefficients())
                : null;
    }

    /**
     * Predicts the target for one row of raw features.
     *
     * @param row the values of {@link #featureNames()}, in order; finite, or NaN for a missing value when the
     *            pipeline starts with an imputer; not modified
     * @return the finite prediction
     * @throws IllegalArgumentException if the row has the wrong width or a value that is not allowed
     */
    public double predict(double[] row) {
        if (!categoricalNames.isEmpty()) {
            throw new IllegalArgumentException("this pipeline also reads the categorical columns " + categoricalNames
                    + "; pass the row by name with predict(Map)");
        }
        return predict(row, null);
    }

    private double predict(double[] row, String[] categories) {
        Objects.requireNonNull(row, "row");
        if (row.length != featureNames.size()) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "a row has %d values but the pipeline expects %d features %s", row.length, featureNames.size(),
                    featureNames));
        }
        for (int j = 0; j < row.length; j++) {
            double v = row[j];
            // v − v is 0 for every finite v and NaN for NaN and ±∞: one compare per value on the hot path (the
            // two tests of isInfinite and isNaN cost a single-row prediction about 10 ns more at p = 20).
            if (!(v - v == 0.0) && (Double.isInfinite(v) || !acceptsMissing)) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "row value %d ('%s') is %s; features must be finite%s", j, featureNames.get(j), v,
                        Double.isNaN(v) ? " (NaN is a missing value, and this pipeline has no imputer)" : ""));
            }
        }
        if (stages.isEmpty()) {
            return model.predict(row);
        }
        if (fused != null) {
            double prediction = fused.predict(row);
            if (Double.isFinite(prediction)) {
                return prediction;
            }
            // Overflow: the stage-by-stage path below says where, in the model's own words.
        }
        double[][] buffer = buffers.get();
        double[] current = row;
        for (int s = 0; s < buffer.length; s++) {
            FittedStage stage = stages.get(s);
            if (stage instanceof CategoricalStage encoder) {
                encoder.transform(current, categories, buffer[s]);
            } else {
                stage.transform(current, buffer[s]);
            }
            current = buffer[s];
        }
        return model.predict(current);
    }

    /**
     * Predicts the label of one row of raw features, for a pipeline whose model is a classifier.
     *
     * @param row the values of {@link #featureNames()}, in order
     * @return 1 when the predicted probability of label 1 reaches the model's threshold, else 0
     * @throws IllegalStateException    if the model is not a classifier
     * @throws IllegalArgumentException if the row has the wrong width or a value that is not allowed
     */
    public int predictLabel(double[] row) {
        if (!(model instanceof Classifier classifier)) {
            throw new IllegalStateException("the model " + model + " is not a classifier; use predict");
        }
        return predict(row) >= classifier.threshold() ? 1 : 0;
    }

    /**
     * Predicts the target for one row given by column name: a number (or null for missing) for each numeric feature,
     * a string (or null for missing) for each categorical column.
     *
     * @param row a value for every name in {@link #featureNames()} and {@link #categoricalNames()}, and no other
     * @return the finite prediction
     * @throws IllegalArgumentException if a name is missing or unknown, a value has the wrong type, or a value is not
     *                                  allowed
     */
    public double predict(Map<String, ?> row) {
        Objects.requireNonNull(row, "row");
        for (String name : row.keySet()) {
            if (!featureNames.contains(name) && !categoricalNames.contains(name)) {
                throw new IllegalArgumentException("unknown feature '" + name + "'; the features are " + featureNames
                        + (categoricalNames.isEmpty() ? "" : " and " + categoricalNames));
            }
        }
        double[] values = new double[featureNames.size()];
        for (int j = 0; j < values.length; j++) {
            String name = featureNames.get(j);
            if (!row.containsKey(name)) {
                throw new IllegalArgumentException("the row has no value for feature '" + name + "'");
            }
            Object value = row.get(name);
            if (value != null && !(value instanceof Number)) {
                throw new IllegalArgumentException("feature '" + name + "' is numeric but the row has '" + value + "'");
            }
            values[j] = value == null ? Double.NaN : ((Number) value).doubleValue();
        }
        String[] categories = new String[categoricalNames.size()];
        for (int c = 0; c < categories.length; c++) {
            String name = categoricalNames.get(c);
            if (!row.containsKey(name)) {
                throw new IllegalArgumentException("the row has no value for categorical column '" + name + "'");
            }
            Object value = row.get(name);
            if (value != null && !(value instanceof String)) {
                throw new IllegalArgumentException("column '" + name + "' is categorical but the row has " + value
                        + "; give the category as a string");
            }
            categories[c] = (String) value;
        }
        return predict(values, categories);
    }

    /**
     * Predicts the target for every row of {@code data}.
     *
     * @param data rows with the training features, same names in the same order; its target is ignored
     * @return n predictions, in row order
     * @throws IllegalArgumentException if the features differ from the training features
     */
    public double[] predict(Dataset data) {
        Objects.requireNonNull(data, "data");
        if (!data.featureNames().equals(featureNames) || !data.categoricalNames().equals(categoricalNames)) {
            throw new IllegalArgumentException("the data has features " + data.featureNames()
                    + (data.categoricalNames().isEmpty() ? "" : " and " + data.categoricalNames())
                    + " but the pipeline was fitted on " + featureNames
                    + (categoricalNames.isEmpty() ? "" : " and " + categoricalNames) + " (same names, same order)");
        }
        Dataset current = data;
        for (FittedStage stage : stages) {
            current = stage.transform(current);
        }
        return model.predict(current);
    }

    /**
     * Scores the predictions on held-out rows against their target with the pipeline's metrics.
     *
     * @param test held-out rows with the training features and target
     * @return the metric values and the diagnostics of the fit
     * @throws IllegalArgumentException if the features or target differ from the training data's
     */
    public Evaluation evaluate(Dataset test) {
        Objects.requireNonNull(test, "test");
        if (!test.targetName().equals(targetName)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "the test data's target is '%s' but the pipeline was fitted to predict '%s'",
                    test.targetName(), targetName));
        }
        double[] predictions = predict(test);
        double[] actual = test.target();
        double threshold = model instanceof Classifier classifier ? classifier.threshold() : 0.5;
        Map<Metric, Double> values = new EnumMap<>(Metric.class);
        for (Metric metric : pipeline.metrics()) {
            values.put(metric, metric.compute(actual, predictions, threshold));
        }
        return new Evaluation(test.rowCount(), values, model.diagnostics());
    }

    /**
     * Returns the fitted stages, in order.
     *
     * @return an unmodifiable list
     */
    public List<FittedStage> stages() {
        return stages;
    }

    /**
     * Returns the fitted model, the last step.
     *
     * @return the model
     */
    public Model model() {
        return model;
    }

    /**
     * Returns the unfitted pipeline this was fitted from.
     *
     * @return the pipeline
     */
    public Pipeline pipeline() {
        return pipeline;
    }

    /**
     * Returns the names of the raw features a row must hold, in order.
     *
     * @return an unmodifiable list
     */
    public List<String> featureNames() {
        return featureNames;
    }

    /**
     * Returns the names of the raw categorical columns a row must hold (for {@link #predict(Map)}), in order.
     *
     * @return an unmodifiable list, empty when every feature is numeric
     */
    public List<String> categoricalNames() {
        return categoricalNames;
    }

    /**
     * Returns the name of the target this pipeline predicts.
     *
     * @return the target name
     */
    public String targetName() {
        return targetName;
    }

    /**
     * Returns the number of rows the pipeline was fitted on.
     *
     * @return n, &ge; 1
     */
    public int trainingRows() {
        return trainingRows;
    }

    /**
     * Returns the pipeline and the fitted model.
     *
     * @return a one-line description
     */
    @Override
    public String toString() {
        return "FittedPipeline[stages=" + stages + ", model=" + model + "]";
    }

    /**
     * Rebuilds a fitted pipeline from its fitted parts, as a model file stores them. The result predicts and evaluates
     * exactly as the pipeline the parts came from. Its {@link #pipeline()} describes the restored steps (all as
     * preprocessing) and the metrics, but cannot be fitted again: a fitted stage or model does not carry the
     * configuration that made it, so {@code pipeline().fit} throws {@link UnsupportedOperationException}.
     *
     * <p>The categorical columns a row must hold ({@link #categoricalNames()}) are those the pipeline's
     * {@link CategoricalStage} reads, such as a one-hot encoder's; a pipeline without one reads numbers only.
     *
     * <p>A public factory rather than a package-private hook for {@code io.maas.persist}: rebuilding from validated
     * parameters is a legitimate use of its own (parameters fitted elsewhere), and a hook across packages would need
     * mutable static state to hand over the access.
     *
     * @param stages       the fitted stages, in order, at most one of them a {@link CategoricalStage}; stage 0 reads
     *                     {@code featureNames}, each next stage reads the numeric columns the one before writes
     * @param model        the fitted model, reading what the last stage writes
     * @param featureNames the raw numeric feature names a row must hold, in order: distinct, not blank, none of the
     *                     categorical columns; at least one unless a stage reads categorical columns
     * @param targetName   the name of the predicted target, not blank and not a feature name
     * @param trainingRows the number of rows the pipeline was fitted on, &ge; 1
     * @param metrics      the metrics {@link #evaluate} reports, at least one, all of the model's task
     * @return the fitted pipeline
     * @throws IllegalArgumentException if the parts do not fit together (the message names the stage and columns)
     */
    public static FittedPipeline of(List<FittedStage> stages, Model model, List<String> featureNames,
                                    String targetName, int trainingRows, java.util.Set<Metric> metrics) {
        Objects.requireNonNull(stages, "stages");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(featureNames, "featureNames");
        Objects.requireNonNull(targetName, "targetName");
        Objects.requireNonNull(metrics, "metrics");
        List<String> categoricalNames = List.of();
        int encoder = -1;
        for (int s = 0; s < stages.size(); s++) {
            if (Objects.requireNonNull(stages.get(s), "stage") instanceof CategoricalStage categorical) {
                if (encoder >= 0) {
                    throw new IllegalArgumentException(String.format(Locale.ROOT, "a pipeline may encode "
                            + "categorical columns once, but stages %d (%s) and %d (%s) both do", encoder,
                            stages.get(encoder), s, categorical));
                }
                encoder = s;
                categoricalNames = categorical.categoricalInputNames();
            }
        }
        java.util.Set<String> names = new java.util.HashSet<>();
        if (featureNames.isEmpty() && categoricalNames.isEmpty()
                || featureNames.stream().anyMatch(name -> name == null || name.isBlank() || !names.add(name))
                || categoricalNames.stream().anyMatch(name -> !names.add(name))) {
            throw new IllegalArgumentException("feature names must be at least one, distinct and not blank but were "
                    + featureNames + (categoricalNames.isEmpty() ? "" : " and the categorical " + categoricalNames));
        }
        if (targetName.isBlank() || names.contains(targetName) || trainingRows < 1) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "target '%s' must be a name that is not blank and not a feature, and trainingRows %d >= 1",
                    targetName, trainingRows));
        }
        List<String> columns = featureNames;
        for (int s = 0; s < stages.size(); s++) {
            FittedStage stage = stages.get(s);
            if (!stage.inputNames().equals(columns)) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "stage %d (%s) reads %s but the columns before it are %s", s, stage, stage.inputNames(),
                        columns));
            }
            columns = stage.outputNames();
        }
        if (!model.featureNames().equals(columns)) {
            throw new IllegalArgumentException("the model reads " + model.featureNames()
                    + " but the columns before it are " + columns);
        }
        io.maas.model.Task task = model instanceof Classifier ? io.maas.model.Task.CLASSIFICATION
                : io.maas.model.Task.REGRESSION;
        if (metrics.isEmpty() || metrics.stream().anyMatch(metric -> metric.task() != task)) {
            throw new IllegalArgumentException("metrics must be at least one, all for " + task + ", but were "
                    + metrics);
        }
        Pipeline.Builder steps = Pipeline.builder();
        if (!stages.isEmpty()) {
            steps.preprocess(stages.stream().map(RestoredSteps::stage).toArray(Stage[]::new));
        }
        Pipeline pipeline = steps.model(RestoredSteps.estimator(model, task))
                .evaluate(metrics.toArray(Metric[]::new))
                .build();
        return new FittedPipeline(pipeline, stages, model, featureNames, categoricalNames, targetName, trainingRows);
    }
}
