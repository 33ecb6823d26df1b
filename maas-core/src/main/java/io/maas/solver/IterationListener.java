package io.maas.solver;

/**
 * Observes the iterations of an iterative solver and may stop it. Called on the fitting thread after every iteration
 * (every epoch for mini-batch methods); it should return quickly.
 */
@FunctionalInterface
public interface IterationListener {

    /** What the solver does after an iteration. */
    enum Decision {
        /** Go on iterating. */
        CONTINUE,
        /** Stop now; the result reports {@code converged = false} with the reason "cancelled by the listener". */
        CANCEL
    }

    /**
     * Reports one finished iteration.
     *
     * @param iteration            the iteration number, from 1
     * @param cost                 J(θ) at the iterate, &ge; 0
     * @param relativeGradientNorm ‖∇J(θ)‖ / ‖∇J(θ₀)‖ at the iterate
     * @return whether to continue
     */
    Decision onIteration(int iteration, double cost, double relativeGradientNorm);
}
