package io.maas.internal;

/**
 * A fitted stage that can also evaluate its output in double-double precision, each value as an unevaluated sum
 * high + low carrying about 32 significant digits. The pipeline uses it to hand a least-squares solver a design whose
 * derived columns (polynomial powers) are not yet rounded to double; see NIST Filip. Internal: not exported.
 */
public interface ExtendedTransform {

    /**
     * Transforms one row given as high + low parts into high + low parts.
     *
     * @param inputHigh  the input values rounded to double
     * @param inputLow   the remainders, input − inputHigh (zeros for raw data)
     * @param outputHigh receives the outputs rounded to double (within an ulp of what the plain transform writes,
     *                   which rounds at every step)
     * @param outputLow  receives the remainders
     */
    void transformExtended(double[] inputHigh, double[] inputLow, double[] outputHigh, double[] outputLow);
}
