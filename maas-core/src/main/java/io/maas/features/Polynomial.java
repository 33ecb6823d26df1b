package io.maas.features;

import io.maas.data.Dataset;
import io.maas.pipeline.Stage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Polynomial features: all products of the input columns of total degree 1 to {@code degree}, in scikit-learn's
 * {@code PolynomialFeatures(include_bias=False)} column order (degree by degree; within a degree, the combinations with
 * replacement of the columns in lexicographic order). For inputs a, b and degree 2: a, b, a^2, a*b, b^2. The bias
 * column is left out because the model fits its own intercept. Immutable.
 *
 * <p>Each product is formed by repeated multiplication in double, x^k = x^(k−1)·x; when the pipeline fits a
 * least-squares model it also asks for the same products in double-double precision, so that the solver sees powers
 * that are not yet rounded (NIST Filip needs this to reach 12 digits).
 */
public final class Polynomial implements Stage {

    private final int degree;
    private final boolean interactionOnly;

    private Polynomial(int degree, boolean interactionOnly) {
        this.degree = degree;
        this.interactionOnly = interactionOnly;
    }

    /**
     * Returns polynomial features up to the given total degree.
     *
     * @param degree the highest total degree, 1 to 20 (1 keeps the columns as they are)
     * @return the unfitted stage
     * @throws IllegalArgumentException if the degree is outside 1..20
     */
    public static Polynomial degree(int degree) {
        if (degree < 1 || degree > 20) {
            throw new IllegalArgumentException("degree must be between 1 and 20 but was " + degree);
        }
        return new Polynomial(degree, false);
    }

    /**
     * Returns the same stage keeping only products of distinct columns (a*b, but not a^2), as scikit-learn's
     * {@code interaction_only=True}.
     *
     * @return a new unfitted stage
     */
    public Polynomial interactionOnly() {
        return new Polynomial(degree, true);
    }

    /**
     * Enumerates the terms for the training columns.
     *
     * @param training the rows this stage sees; only its column names are used
     * @return the fitted stage
     * @throws IllegalArgumentException if there would be more than 100,000 output columns
     */
    @Override
    public PolynomialFeatures fit(Dataset training) {
        List<String> inputs = training.featureNames();
        int p = inputs.size();
        // Each term is (parent term, variable): its value is parent · x_variable; degree-1 terms have parent -1.
        List<int[]> terms = new ArrayList<>();
        List<int[]> previous = new ArrayList<>();
        for (int j = 0; j < p; j++) {
            terms.add(new int[] {-1, j});
            previous.add(new int[] {terms.size() - 1, j}); // (term index, last variable)
        }
        for (int d = 2; d <= degree; d++) {
            List<int[]> current = new ArrayList<>();
            for (int[] parent : previous) {
                for (int j = interactionOnly ? parent[1] + 1 : parent[1]; j < p; j++) {
                    terms.add(new int[] {parent[0], j});
                    current.add(new int[] {terms.size() - 1, j});
                    if (terms.size() > 100_000) {
                        throw new IllegalArgumentException(String.format(Locale.ROOT,
                                "degree %d over %d columns gives more than 100,000 features", degree, p));
                    }
                }
            }
            previous = current;
        }
        int[] parent = new int[terms.size()];
        int[] variable = new int[terms.size()];
        for (int t = 0; t < parent.length; t++) {
            parent[t] = terms.get(t)[0];
            variable[t] = terms.get(t)[1];
        }
        return new PolynomialFeatures(inputs, parent, variable);
    }

    /**
     * Returns the options.
     *
     * @return for example {@code Polynomial.degree(2)}
     */
    @Override
    public String toString() {
        return "Polynomial.degree(" + degree + ")" + (interactionOnly ? ".interactionOnly()" : "");
    }
}
