package io.maas.preprocess;

import io.maas.pipeline.FittedStage;
import java.util.List;
import java.util.Locale;

/**
 * z_j = (x_j − offset_j) / scale_j per column: the shape shared by the standard and min-max scalers. The division is
 * done as a multiplication by the reciprocal (within an ulp of the quotient) because predict is on the serving path
 * and a division costs several times a multiplication.
 */
abstract class AffineScaler implements FittedStage {

    private final List<String> names;
    private final double[] offset;
    private final double[] scale;
    private final double[] reciprocal;

    AffineScaler(List<String> names, double[] offset, double[] scale) {
        this.names = List.copyOf(names);
        this.offset = offset.clone();
        this.scale = scale.clone();
        this.reciprocal = new double[scale.length];
        for (int j = 0; j < scale.length; j++) {
            reciprocal[j] = 1.0 / scale[j];
        }
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
            output[j] = (input[j] - offset[j]) * reciprocal[j];
        }
    }

    double[] offsets() {
        return offset.clone();
    }

    double[] scales() {
        return scale.clone();
    }
}
