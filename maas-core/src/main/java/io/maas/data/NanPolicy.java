package io.maas.data;

/**
 * What a NaN in numeric features given as arrays means; see {@link DatasetBuilder#nanPolicy(NanPolicy)}.
 * Infinities are always rejected, and so is NaN in a target or a weight.
 */
public enum NanPolicy {

    /** NaN is an error naming the row and column: the default, since NaN usually means a bug upstream. */
    REJECT,

    /** NaN marks a missing value, which the dataset counts and {@link Dataset#requireComplete()} reports. */
    MISSING
}
