package io.maas.solver;

import java.util.Locale;

/** Test-only access to a NIST StRD file from other test packages: its data as CSV and LRE scoring. */
public final class NistDatasetAccess {

    private final NistDataset nist;

    private NistDatasetAccess(NistDataset nist) {
        this.nist = nist;
    }

    public static NistDatasetAccess load(String name) {
        return new NistDatasetAccess(NistDataset.load(name));
    }

    /** The design as CSV with header x1..xk (or powers), target column y last; doubles written to round-trip. */
    public String csv() {
        io.maas.data.Dataset design = nist.design();
        StringBuilder text = new StringBuilder(String.join(",", design.featureNames())).append(",y\n");
        for (int i = 0; i < design.rowCount(); i++) {
            for (double v : design.row(i)) {
                text.append(v).append(',');
            }
            text.append(String.format(Locale.ROOT, "%s%n", Double.toString(design.target(i))));
        }
        return text.toString();
    }

    /** The raw data: the predictor column(s) as in the file (x, or x1..x6 for Longley), target y. */
    public io.maas.data.Dataset raw() {
        java.util.List<String> names = new java.util.ArrayList<>();
        for (int j = 1; j <= nist.predictors(); j++) {
            names.add(nist.predictors() == 1 ? "x" : "x" + j);
        }
        return io.maas.data.Dataset.of(names, nist.x(), "y", nist.y());
    }

    /** The polynomial degree of the certified model (1 for a straight line or a multiple regression). */
    public int degree() {
        return nist.degree();
    }

    public double lre(int parameter, double estimate) {
        return NistDataset.lre(estimate, nist.estimates().get(parameter));
    }

    public double standardErrorLre(int parameter, double standardError) {
        return NistDataset.lre(standardError, nist.standardDeviations().get(parameter));
    }
}
