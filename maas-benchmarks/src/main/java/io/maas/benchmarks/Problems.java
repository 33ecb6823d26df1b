package io.maas.benchmarks;

import io.maas.data.Dataset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Seeded regression problems for the benchmarks: n rows of p Gaussian features (means and spreads vary by column),
 * y = 3 + Σ β_j x_j + N(0, 1) with β_j alternating in sign and between 0.5 and 1.5 in size. Well conditioned, so the
 * default least-squares fit takes its fast path; the same seed gives the same data on every JVM.
 */
public final class Problems {

    /** The seed every benchmark uses. */
    public static final long SEED = 20_240_817L;

    private Problems() {
    }

    /**
     * A problem size, parsed from the {@code @Param} form {@code "<rows>x<features>"}.
     *
     * @param rows     n &ge; 1
     * @param features p &ge; 1
     */
    public record Size(int rows, int features) {

        /**
         * Parses {@code "1000000x20"}.
         *
         * @param text rows, {@code x}, features
         * @return the size
         * @throws IllegalArgumentException if the text is not of that form
         */
        public static Size parse(String text) {
            String[] parts = text.toLowerCase(Locale.ROOT).split("x");
            if (parts.length != 2) {
                throw new IllegalArgumentException("size must look like 1000000x20 but was " + text);
            }
            return new Size(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()));
        }
    }

    /**
     * Builds the seeded dataset of a size.
     *
     * @param size n x p
     * @return the dataset, features named x0..x(p−1), target y
     */
    public static Dataset dataset(Size size) {
        int n = size.rows();
        int p = size.features();
        SplittableRandom random = new SplittableRandom(SEED + 31L * p);
        double[] mean = new double[p];
        double[] spread = new double[p];
        double[] beta = new double[p];
        List<String> names = new ArrayList<>();
        for (int j = 0; j < p; j++) {
            mean[j] = 10 * random.nextDouble(-1, 1);
            spread[j] = random.nextDouble(0.5, 2);
            beta[j] = (j % 2 == 0 ? 1 : -1) * random.nextDouble(0.5, 1.5);
            names.add("x" + j);
        }
        double[][] x = new double[n][p];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            double sum = 3.0;
            for (int j = 0; j < p; j++) {
                x[i][j] = mean[j] + spread[j] * gaussian(random);
                sum += beta[j] * x[i][j];
            }
            y[i] = sum + gaussian(random);
        }
        return Dataset.of(names, x, "y", y);
    }

    /** A standard normal deviate by Box–Muller (SplittableRandom has none on JDK 17). */
    private static double gaussian(SplittableRandom random) {
        double u = random.nextDouble();
        double v = random.nextDouble();
        return Math.sqrt(-2 * Math.log1p(-u)) * Math.cos(2 * Math.PI * v);
    }
}
