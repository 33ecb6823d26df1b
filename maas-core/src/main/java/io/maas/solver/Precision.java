package io.maas.solver;

/** The arithmetic a least-squares solve uses. */
public enum Precision {
    /**
     * Double precision first: the normal equations refined once with compensated residuals, kept when their error
     * bound leaves about 13 trusted digits (see {@link LeastSquares}), else Householder QR; if the QR error bound,
     * estimated from the condition of the solve, says fewer than about 13 significant digits can be trusted, the
     * problem is solved again in {@link #EXTENDED} precision. The default.
     */
    AUTO,
    /** Double-precision Householder QR only: fastest; loses about log10(condition) digits. */
    DOUBLE,
    /**
     * Compensated (double-double) accumulation of the normal equations and a 60-digit factorisation: the exact
     * least-squares solution of the double data to about 32 − 2·log10(condition) digits, rounded to double.
     */
    EXTENDED
}
