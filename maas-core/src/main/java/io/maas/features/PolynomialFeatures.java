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
}
