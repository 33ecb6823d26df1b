package io.maas.features;

import io.maas.internal.ExtendedTransform;
import io.maas.pipeline.FittedStage;
import java.util.ArrayList;
import java.util.List;

/**
 * Fitted polynomial features (see {@link Polynomial}): output t is output[parent(t)] · input[variable(t)], or the input
 * itself for degree-1 terms. Immutable and thread-safe.
 */
public final class PolynomialFeatures implements FittedStage, ExtendedTransform {

    private final List<String> inputs;
    private final List<String> outputs;
    private final int[] parent;
    private final int[] variable;

    PolynomialFeatures(List<String> inputs, int[] parent, int[] variable) {
        this.inputs = List.copyOf(inputs);
        this.parent = parent;
        this.variable = variable;
        this.outputs = List.copyOf(names(inputs, parent, variable));
    }

    /** Names such as "a", "a^2", "a*b", "a^2*b": variables in column order, powers above 1 with ^. */
    private static List<String> names(List<String> inputs, int[] parent, int[] variable) {
        List<int[]> powers = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (int t = 0; t < parent.length; t++) {
            int[] power = parent[t] < 0 ? new int[inputs.size()] : powers.get(parent[t]).clone();
            power[variable[t]]++;
            powers.add(power);
            StringBuilder name = new StringBuilder();
            for (int j = 0; j < power.length; j++) {
                if (power[j] > 0) {
                    name.append(name.length() == 0 ? "" : "*").append(inputs.get(j));
                    if (power[j] > 1) {
                        name.append('^').append(power[j]);
                    }
                }
            }
            names.add(name.toString());
        }
        return names;
    }

    @Override
    public List<String> inputNames() {
        return inputs;
    }

    @Override
    public List<String> outputNames() {
        return outputs;
    }

    @Override
    public void transform(double[] input, double[] output) {
        for (int t = 0; t < parent.length; t++) {
            double x = input[variable[t]];
            output[t] = parent[t] < 0 ? x : output[parent[t]] * x;
        }
    }

    @Override
    public void transformExtended(double[] inputHigh, double[] inputLow, double[] outputHigh, double[] outputLow) {
        for (int t = 0; t < parent.length; t++) {
            double xh = inputHigh[variable[t]];
            double xl = inputLow[variable[t]];
            if (parent[t] < 0) {
                outputHigh[t] = xh;
                outputLow[t] = xl;
                continue;
            }
            double ph = outputHigh[parent[t]];
            double pl = outputLow[parent[t]];
            // (ph + pl)(xh + xl): the exact product ph·xh split by FMA, plus the cross terms (pl·xl is below 2^-104).
            double product = ph * xh;
            double error = Math.fma(ph, xh, -product) + (ph * xl + pl * xh);
            double high = product + error;
            outputHigh[t] = high;
            outputLow[t] = error - (high - product);
        }
    }

    @Override
    public String toString() {
        return "PolynomialFeatures" + outputs;
    }

    /**
     * Rebuilds fitted polynomial features from their terms, as a model file stores them: term t is
     * {@code output[parents[t]] · input[variables[t]]}, or {@code input[variables[t]]} when {@code parents[t]} is −1.
     *
     * @param inputs    the p input column names, at least one, distinct
     * @param parents   for each term, −1 or the index of an earlier term
     * @param variables for each term, the index of an input column, 0 &le; v &lt; p
     * @return the fitted stage; the arrays are copied
     * @throws IllegalArgumentException if the arrays differ in length, there are no terms or more than 100,000, an
     *                                  index is out of range, or two terms are the same product
     */
    public static PolynomialFeatures of(List<String> inputs, int[] parents, int[] variables) {
        java.util.Objects.requireNonNull(inputs, "inputs");
        java.util.Objects.requireNonNull(parents, "parents");
        java.util.Objects.requireNonNull(variables, "variables");
        if (inputs.isEmpty() || new java.util.HashSet<>(inputs).size() != inputs.size()) {
            throw new IllegalArgumentException("inputs must be distinct and at least one but were " + inputs);
        }
        if (parents.length != variables.length || parents.length == 0 || parents.length > 100_000) {
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
                    "%d parents and %d variables: the lengths must agree and be 1 to 100,000", parents.length,
                    variables.length));
        }
        for (int t = 0; t < parents.length; t++) {
            if (parents[t] < -1 || parents[t] >= t || variables[t] < 0 || variables[t] >= inputs.size()) {
                throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
                        "term %d: parent %d must be -1 or an earlier term, and variable %d one of %d inputs", t,
                        parents[t], variables[t], inputs.size()));
            }
        }
        PolynomialFeatures features = new PolynomialFeatures(inputs, parents.clone(), variables.clone());
        if (new java.util.HashSet<>(features.outputs).size() != features.outputs.size()) {
            throw new IllegalArgumentException("two terms are the same product: " + features.outputs);
        }
        return features;
    }

    /**
     * Returns the parent of each term: −1 for a degree-1 term, else the index of the term it multiplies.
     *
     * @return a new array, one entry per output column
     */
    public int[] parents() {
        return parent.clone();
    }

    /**
     * Returns the input column each term multiplies by.
     *
     * @return a new array of input indices, one entry per output column
     */
    public int[] variables() {
        return variable.clone();
    }
}
