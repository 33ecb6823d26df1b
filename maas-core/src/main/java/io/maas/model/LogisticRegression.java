package io.maas.model;

import io.maas.data.Dataset;
import io.maas.solver.LogisticSolver;

/**
 * Binary logistic regression with an L2 penalty (scikit-learn's {@code C}; the intercept is not penalised), fitted by
 * Newton's method (see {@link LogisticSolver}). Labels are 0 and 1; the fitted {@link LogisticModel} predicts the
 * probability of 1 and a label by threshold. Immutable and safe to share.
 *
 * <p>Perfectly separable classes are fine: with a finite C the penalty keeps the coefficients finite and the fit
 * unique. Data with one class only, or a label other than 0 and 1, is rejected at {@code fit} with the row.
 */
public final class LogisticRegression implements Estimator {

    private final LogisticSolver solver;
    private final double threshold;

    private LogisticRegression(LogisticSolver solver, double threshold) {
        this.solver = solver;
        this.threshold = threshold;
    }

    /**
     * Returns logistic regression with C = 1 (scikit-learn's default) and threshold 0.5.
     *
     * @return the estimator
     */
    public static LogisticRegression l2() {
        return l2(1.0);
    }

    /**
     * Returns logistic regression with the given inverse regularisation strength and threshold 0.5.
     *
     * @param c C, finite and &gt; 0; larger means less penalty
     * @return the estimator
     * @throws IllegalArgumentException if C is not finite and positive
     */
    public static LogisticRegression l2(double c) {
        return new LogisticRegression(LogisticSolver.withC(c), 0.5);
    }

    /**
     * Returns the same estimator with another decision threshold.
     *
     * @param probability the probability at or above which label 1 is predicted, strictly between 0 and 1
     * @return a new estimator
     * @throws IllegalArgumentException if the threshold is not in (0, 1)
     */
    public LogisticRegression threshold(double probability) {
        if (!(probability > 0 && probability < 1)) {
            throw new IllegalArgumentException("threshold must be strictly between 0 and 1 but was " + probability);
        }
        return new LogisticRegression(solver, probability);
    }

    @Override
    public LogisticModel fit(Dataset training) {
        return new LogisticModel(solver.solve(training), threshold);
    }

    @Override
    public Task task() {
        return Task.CLASSIFICATION;
    }

    @Override
    public String toString() {
        return "LogisticRegression[C=" + solver.c() + ", threshold=" + threshold + "]";
    }
}
