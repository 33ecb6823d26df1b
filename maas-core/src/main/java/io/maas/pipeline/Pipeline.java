package io.maas.pipeline;

import io.maas.data.Dataset;
import io.maas.model.Estimator;
import io.maas.model.Model;
import java.util.Objects;

/**
 * The steps from training data to a fitted model, not yet fitted; {@link #fit} runs them. Immutable and safe to
 * share: one pipeline can be fitted many times, on different data, from different threads.
 *
 * <p>Today a pipeline has one step, the model; preprocessing and feature steps come before it in later versions,
 * built with the same {@link #builder()}.
 */
public final class Pipeline {

    private final Estimator model;

    private Pipeline(Estimator model) {
        this.model = model;
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
     * Fits every step on the training data, in order, and returns the fitted pipeline.
     *
     * @param training the rows to learn from; not modified
     * @return the fitted pipeline, immutable and thread-safe
     * @throws IllegalArgumentException       if the data cannot be used (the message says why)
     * @throws io.maas.solver.SolverException if the numerical fit fails (the message says why)
     */
    public FittedPipeline fit(Dataset training) {
        Objects.requireNonNull(training, "training");
        Model fitted = model.fit(training);
        return new FittedPipeline(this, fitted, training.targetName(), training.rowCount());
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
     * Returns the steps, for logs and reports.
     *
     * @return for example {@code Pipeline[model=LinearRegression[LeastSquares[QR, intercept=FIT]]]}
     */
    @Override
    public String toString() {
        return "Pipeline[model=" + model + "]";
    }

    /** Builds a {@link Pipeline}, one method per step. Not thread-safe; reusable after {@link #build()}. */
    public static final class Builder {

        private Estimator model;

        private Builder() {
        }

        /**
         * Sets the model to fit, the last step of the pipeline.
         *
         * @param estimator the model configuration, such as {@code LinearRegression.leastSquares()}
         * @return this builder
         */
        public Builder model(Estimator estimator) {
            this.model = Objects.requireNonNull(estimator, "estimator");
            return this;
        }

        /**
         * Returns the pipeline configured so far.
         *
         * @return an immutable pipeline
         * @throws IllegalStateException if no model was set
         */
        public Pipeline build() {
            if (model == null) {
                throw new IllegalStateException("a pipeline needs a model: call model(...) before build()");
            }
            return new Pipeline(model);
        }
    }
}
