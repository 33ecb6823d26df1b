package io.maas.preprocess;

import io.maas.internal.AffineColumns;
import io.maas.pipeline.FittedStage;
import java.util.List;
import java.util.Locale;

/**
 * z_j = (x_j − offset_j) / scale_j per column: the shape shared by the standard and min-max scalers. A true division
 * (not a multiplication by the reciprocal, which can differ in the last bit): saved model files promise bit-identical
 * predictions, and the committed format-1.0 files were written with it.
 */
abstract class AffineScaler implements FittedStage, AffineColumns {

    private final List<String> names;
    private final double[] offset;
    private final double[] scale;

    AffineScaler(List<String> names, double[] offset, double[] scale) {
        this.names = List.copyOf(names);
        this.offset = offset.clone();
        this.scale = scale.clone();
        for (int j = 0; j < scale.length; j++) {
            if (!Double.isFinite(offset[j]) || !(scale[j] > 0) || !Double.isFinite(scale[j])) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "column '%s': offset %s and scale %s must be finite and the scale > 0", names.get(j),
                        offset[j], scale[j]));
            }
        }
    }

    @Override
    public List<String> inputNames() {
        return names;
    }

    @Override
    public List<String> outputNames() {
        return names;
    }

    @Override
    public void transform(double[] input, double[] output) {
        for (int j = 0; j < scale.length; j++) {
            output[j] = (input[j] - offset[j]) / scale[j];
        }
    }

    @Override
    public double[] offsets() {
        return offset.clone();
    }

    @Override
    public double[] scales() {
        return scale.clone();
    }

    /** Checks what the constructor leaves to its callers: no nulls, one offset and one scale per distinct name. */
    static void requireShape(List<String> names, double[] offset, double[] scale, String offsetName,
                             String scaleName) {
        java.util.Objects.requireNonNull(names, "names");
        java.util.Objects.requireNonNull(offset, offsetName);
        java.util.Objects.requireNonNull(scale, scaleName);
        if (names.isEmpty() || offset.length != names.size() || scale.length != names.size()) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "%d column names, %d %s and %d %s: the sizes must agree and not be 0", names.size(),
                    offset.length, offsetName, scale.length, scaleName));
        }
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (String name : names) {
            if (!seen.add(java.util.Objects.requireNonNull(name, "column name"))) {
                throw new IllegalArgumentException("column '" + name + "' is named twice");
            }
        }
    }
}
