package io.maas.pipeline;

import io.maas.data.Dataset;
import io.maas.data.Fold;
import io.maas.data.KFold;
import io.maas.model.Task;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * K-fold cross-validation of a pipeline: for each fold, the whole pipeline (stages and model) is fitted on the other
 * folds and evaluated on the fold, so no step ever sees its validation rows. Folds are shuffled with a seed, and
 * stratified by class for classification pipelines ({@link KFold} specifies the algorithms, so a seed gives the same
 * folds on every JVM). Immutable and safe to share.
 */
public final class CrossValidation {

    private final int k;
    private final long seed;

    private CrossValidation(int k, long seed) {
        this.k = k;
        this.seed = seed;
    }

    /**
     * Returns k-fold cross-validation with the given shuffle seed.
     *
     * @param k    the number of folds, &ge; 2
     * @param seed the seed of the shuffle
     * @return the cross-validation
     * @throws IllegalArgumentException if k &lt; 2
     */
    public static CrossValidation folds(int k, long seed) {
        if (k < 2) {
            throw new IllegalArgumentException("cross-validation needs k >= 2 folds but k was " + k);
        }
        return new CrossValidation(k, seed);
    }

    /**
     * Fits and evaluates the pipeline once per fold.
     *
     * @param pipeline the unfitted pipeline; its metrics are the ones reported
     * @param data     the rows to divide, at least k
     * @return the evaluation of every fold, with means and standard deviations
     * @throws IllegalArgumentException if there are fewer rows than folds, or a fit fails on a fold (the message
     *                                  names the fold)
     */
    public CrossValidationResult evaluate(Pipeline pipeline, Dataset data) {
        Objects.requireNonNull(pipeline, "pipeline");
        Objects.requireNonNull(data, "data");
        KFold folds = pipeline.model().task() == Task.CLASSIFICATION
                ? KFold.stratified(k, seed)
                : KFold.shuffled(k, seed);
        List<Evaluation> evaluations = new ArrayList<>();
        for (Fold fold : folds.split(data)) {
            try {
                evaluations.add(pipeline.fit(fold.train()).evaluate(fold.validation()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("fold " + fold.index() + " of " + k + ": " + e.getMessage(), e);
            }
        }
        return new CrossValidationResult(pipeline.metrics(), evaluations);
    }

    /**
     * Returns the options.
     *
     * @return for example {@code CrossValidation[k=5, seed=42]}
     */
    @Override
    public String toString() {
        return "CrossValidation[k=" + k + ", seed=" + seed + "]";
    }
}
