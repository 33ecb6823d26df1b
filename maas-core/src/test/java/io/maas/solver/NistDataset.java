package io.maas.solver;

import io.maas.data.Dataset;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One NIST StRD linear-regression file (test resources under /nist, copied unedited from NIST's distribution; see
 * NOTICE), parsed by the line ranges its header gives, with the certified values kept as exact decimals.
 */
record NistDataset(String name, int degree, boolean intercept, int predictors, List<BigDecimal> estimates,
                   List<BigDecimal> standardDeviations, BigDecimal residualStandardDeviation, BigDecimal r2,
                   double[] y, double[][] x) {

    private static final Pattern RANGE = Pattern.compile("\\(lines (\\d+) to (\\d+)\\)");
    private static final Pattern PARAMETER = Pattern.compile("^\\s*B(\\d+)\\s+(\\S+)\\s+(\\S+)\\s*$");

    static NistDataset load(String name) {
        List<String> lines;
        try (InputStream in = NistDataset.class.getResourceAsStream("/nist/" + name + ".dat")) {
            if (in == null) {
                throw new IllegalStateException("test resource /nist/" + name + ".dat is missing");
            }
            lines = new String(in.readAllBytes(), StandardCharsets.US_ASCII).lines().toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        int[] certified = range(lines, "Certified Values");
        int[] data = range(lines, "Data  ");
        List<BigDecimal> estimates = new ArrayList<>();
        List<BigDecimal> deviations = new ArrayList<>();
        boolean intercept = false;
        BigDecimal residualSd = null;
        BigDecimal r2 = null;
        for (int i = certified[0]; i <= certified[1]; i++) {
            String line = lines.get(i - 1);
            Matcher parameter = PARAMETER.matcher(line);
            if (parameter.matches()) {
                intercept |= parameter.group(1).equals("0");
                estimates.add(decimal(parameter.group(2)));
                deviations.add(decimal(parameter.group(3)));
            } else if (line.contains("Standard Deviation") && !line.contains("Estimate")) {
                residualSd = decimal(last(line));
            } else if (line.contains("R-Squared")) {
                r2 = decimal(last(line));
            }
        }
        List<double[]> rows = new ArrayList<>();
        for (int i = data[0]; i <= data[1]; i++) {
            String[] fields = lines.get(i - 1).trim().split("\\s+");
            double[] values = new double[fields.length];
            for (int j = 0; j < fields.length; j++) {
                values[j] = Double.parseDouble(fields[j]);
            }
            rows.add(values);
        }
        int predictors = rows.get(0).length - 1;
        int degree = predictors == 1 ? estimates.size() - (intercept ? 1 : 0) : 1;
        double[] y = new double[rows.size()];
        double[][] x = new double[rows.size()][];
        for (int i = 0; i < rows.size(); i++) {
            y[i] = rows.get(i)[0];
            x[i] = java.util.Arrays.copyOfRange(rows.get(i), 1, predictors + 1);
        }
        return new NistDataset(name, degree, intercept, predictors, estimates, deviations, residualSd, r2, y, x);
    }

    /**
     * The design as the file describes it, built in double: the predictors as they are, or for a polynomial model
     * x, x², ..., x^d, each power formed by repeated multiplication in double.
     */
    Dataset design() {
        List<String> names = new ArrayList<>();
        double[][] features = new double[y.length][];
        if (predictors > 1 || degree == 1) {
            for (int j = 1; j <= predictors; j++) {
                names.add("x" + j);
            }
            for (int i = 0; i < y.length; i++) {
                features[i] = x[i].clone();
            }
        } else {
            for (int k = 1; k <= degree; k++) {
                names.add(k == 1 ? "x" : "x^" + k);
            }
            for (int i = 0; i < y.length; i++) {
                features[i] = new double[degree];
                double power = 1;
                for (int k = 0; k < degree; k++) {
                    power *= x[i][0];
                    features[i][k] = power;
                }
            }
        }
        return Dataset.of(names, features, "y", y);
    }

    private static int[] range(List<String> lines, String label) {
        for (String line : lines.subList(0, 30)) {
            if (line.contains(label)) {
                Matcher m = RANGE.matcher(line);
                if (m.find()) {
                    return new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))};
                }
            }
        }
        throw new IllegalStateException("no '" + label + "' line range in the header");
    }

    private static String last(String line) {
        String[] fields = line.trim().split("\\s+");
        return fields[fields.length - 1];
    }

    private static BigDecimal decimal(String text) {
        return new BigDecimal(text.replace('D', 'E'));
    }

    /**
     * The log relative error of McCullough (1998), capped at 15 and floored at 0: −log10(|e − c| / |c|), or
     * −log10(|e|) when the certified value c is 0. Exact decimal arithmetic, so scoring adds no error.
     */
    static double lre(double estimate, BigDecimal certified) {
        if (!Double.isFinite(estimate)) {
            return 0;
        }
        BigDecimal error = new BigDecimal(estimate).subtract(certified).abs();
        if (error.signum() == 0) {
            return 15;
        }
        double relative = certified.signum() == 0
                ? error.doubleValue()
                : error.divide(certified.abs(), java.math.MathContext.DECIMAL64).doubleValue();
        return Math.max(0, Math.min(15, -Math.log10(relative)));
    }
}
