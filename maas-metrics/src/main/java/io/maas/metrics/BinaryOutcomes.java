package io.maas.metrics;

/**
 * True positives, false positives and false negatives for one positive label, and the precision, recall and F1
 * they give with scikit-learn 1.2.1's arithmetic and its {@code zero_division=0} default: a ratio with a zero
 * denominator is 0, and F1 is {@code 2·P·R / (P + R)} computed from the two ratios (as 1.2.1 does; later versions
 * compute it from the counts, which can differ in the last bit), 0 when P + R = 0.
 *
 * @param truePositives  actual positive, predicted positive
 * @param falsePositives actual negative, predicted positive
 * @param falseNegatives actual positive, predicted negative
 */
record BinaryOutcomes(long truePositives, long falsePositives, long falseNegatives) {

    double precision() {
        return ratio(truePositives, truePositives + falsePositives);
    }

    double recall() {
        return ratio(truePositives, truePositives + falseNegatives);
    }

    double f1() {
        return f1(precision(), recall());
    }

    static double f1(double precision, double recall) {
        double sum = precision + recall;
        return sum == 0.0 ? 0.0 : 2.0 * precision * recall / sum;
    }

    static double ratio(long numerator, long denominator) {
        return denominator == 0 ? 0.0 : (double) numerator / denominator;
    }
}
