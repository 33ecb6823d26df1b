package io.maas.solver;

/**
 * Thrown when a solver cannot produce a trustworthy answer for the data it was given; the message says why and what
 * to change. Subclasses carry the numeric facts.
 */
public class SolverException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception with a message that says what failed and why.
     *
     * @param message the reason, naming the quantities involved
     */
    public SolverException(String message) {
        super(message);
    }
}
