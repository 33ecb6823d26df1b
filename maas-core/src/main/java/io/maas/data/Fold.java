package io.maas.data;

import java.util.Objects;

/**
 * One fold of a {@link KFold} cross-validation: the rows to fit on and the rows to validate on, which share no row.
 * Both are views of the split dataset.
 *
 * @param index      the fold's number, 0 &le; index &lt; k
 * @param train      the rows of all other folds, at least one
 * @param validation the rows of this fold, at least one
 */
public record Fold(int index, Dataset train, Dataset validation) {

    /**
     * Checks that the index is not negative and both parts are present.
     *
     * @param index      the fold's number
     * @param train      the training rows
     * @param validation the validation rows
     * @throws IllegalArgumentException if index &lt; 0
     */
    public Fold {
        if (index < 0) {
            throw new IllegalArgumentException("fold index must be >= 0 but was " + index);
        }
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(validation, "validation");
    }
}
