package io.maas.internal;

import io.maas.data.Dataset;
import io.maas.model.Model;

/**
 * An estimator that can use the low-order parts of a design computed in double-double precision (see
 * {@link ExtendedTransform}). Internal: not exported.
 */
public interface ExtendedFit {

    /**
     * Fits with features given as high + low parts.
     *
     * @param high the design rounded to double, with its target
     * @param low  the remainders, row-major n x p, the same shape as {@code high}'s features
     * @return the fitted model
     */
    Model fitExtended(Dataset high, double[] low);
}
