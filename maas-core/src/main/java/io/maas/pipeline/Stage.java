package io.maas.pipeline;

import io.maas.data.Dataset;

/**
 * A step of a pipeline before the model, not yet fitted: {@link #fit} learns what it needs from training data (means,
 * ranges, categories) and returns the {@link FittedStage} that transforms rows. Implement it to add your own step.
 *
 * <p>Implementations are immutable and safe to share; each fit is independent and must not modify the data.
 */
public interface Stage {

    /**
     * Learns the transform from training data.
     *
     * @param training the rows this stage sees during fitting: the output of the steps before it
     * @return the fitted transform, immutable and thread-safe
     * @throws IllegalArgumentException if the data cannot be used by this stage (the message names the column)
     */
    FittedStage fit(Dataset training);
}
