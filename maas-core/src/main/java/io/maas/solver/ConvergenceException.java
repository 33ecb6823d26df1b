package io.maas.solver;

/**
 * Thrown when an iterative solver did not converge and was asked to fail rather than report it, or diverged (its cost
 * grew without bound, so it has no finite answer to report). Carries the diagnostics of the attempt.
 */
public final class ConvergenceException extends SolverException {

    private static final long serialVersionUID = 1L;

    /** What happened during the attempt. */
    private final transient FitDiagnostics diagnostics;

    ConvergenceException(String message, FitDiagnostics diagnostics) {
        super(message);
        this.diagnostics = diagnostics;
    }

    /**
     * Returns the diagnostics of the attempt: iterations, cost history and why it stopped.
     *
     * @return the diagnostics
     */
    public FitDiagnostics diagnostics() {
        return diagnostics;
    }
}
