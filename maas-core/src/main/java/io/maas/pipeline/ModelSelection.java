package io.maas.pipeline;

import io.maas.data.Dataset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Chooses among candidate pipelines by cross-validated score, then refits the winner on all the data. Candidates are
 * named; {@link #grid} builds them from a list of option values (a ridge λ, a polynomial degree). The best candidate
 * has the best mean of the chosen metric over the folds (smallest error, largest R² or accuracy); ties go to the first
 * candidate. Immutable and safe to share.
 */
public final class ModelSelection {

    private final Map<String, Pipeline> candidates;
    private final Metric metric;
    private final CrossValidation crossValidation;

    private ModelSelection(Map<String, Pipeline> candidates, Metric metric, CrossValidation crossValidation) {
        this.candidates = candidates;
        this.metric = metric;
        this.crossValidation = crossValidation;
    }

    /**
     * Returns a selection among named candidate pipelines.
     *
     * @param candidates      names and pipelines, in the order the report lists them; at least two
     * @param metric          the metric to choose by; every candidate must evaluate it
     * @param crossValidation how to score each candidate
     * @return the selection, ready to {@link #select}
     * @throws IllegalArgumentException if there are fewer than two candidates or one does not evaluate the metric
     */
    public static ModelSelection of(Map<String, Pipeline> candidates, Metric metric, CrossValidation crossValidation) {
        Objects.requireNonNull(candidates, "candidates");
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(crossValidation, "crossValidation");
        if (candidates.size() < 2) {
            throw new IllegalArgumentException("model selection needs at least two candidates but had "
                    + candidates.size());
        }
        candidates.forEach((name, pipeline) -> {
            if (!pipeline.metrics().contains(metric)) {
                throw new IllegalArgumentException("candidate '" + name + "' does not evaluate " + metric
                        + "; it evaluates " + pipeline.metrics());
            }
        });
        return new ModelSelection(new LinkedHashMap<>(candidates), metric, crossValidation);
    }

    /**
     * Returns a selection over one option: a candidate per value, named {@code "name=value"}.
     *
     * @param <T>             the type of the option
     * @param name            the option's name, such as {@code "ridge"}
     * @param values          the values to try, at least two
     * @param pipeline        builds the pipeline for a value
     * @param metric          the metric to choose by
     * @param crossValidation how to score each candidate
     * @return the selection
     * @throws IllegalArgumentException if fewer than two values are given
     */
    public static <T> ModelSelection grid(String name, List<T> values, Function<T, Pipeline> pipeline, Metric metric,
                                          CrossValidation crossValidation) {
        Map<String, Pipeline> candidates = new LinkedHashMap<>();
        for (T value : values) {
            candidates.put(name + "=" + value, pipeline.apply(value));
        }
        return of(candidates, metric, crossValidation);
    }

    /**
     * Cross-validates every candidate, picks the best and refits it on all of {@code data}.
     *
     * @param data the rows to select on
     * @return the table of candidates, the winner's name and the winner fitted on all rows
     */
    public Selection select(Dataset data) {
        Map<String, CrossValidationResult> scores = new LinkedHashMap<>();
        String best = null;
        double bestScore = Double.NaN;
        for (Map.Entry<String, Pipeline> candidate : candidates.entrySet()) {
            CrossValidationResult result = crossValidation.evaluate(candidate.getValue(), data);
            scores.put(candidate.getKey(), result);
            double score = result.mean(metric);
            if (best == null || (metric.largerIsBetter() ? score > bestScore : score < bestScore)) {
                best = candidate.getKey();
                bestScore = score;
            }
        }
        return new Selection(metric, scores, best, candidates.get(best).fit(data));
    }

    /**
     * The outcome of a model selection.
     *
     * @param metric the metric the candidates were ranked by
     * @param scores each candidate's cross-validation, in candidate order
     * @param best   the name of the winner
     * @param fitted the winner, refitted on all the rows
     */
    public record Selection(Metric metric, Map<String, CrossValidationResult> scores, String best,
                            FittedPipeline fitted) {

        /**
         * Copies the scores.
         *
         * @param metric the ranking metric
         * @param scores the candidates' scores
         * @param best   the winner's name
         * @param fitted the refitted winner
         */
        public Selection {
            scores = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(scores));
        }

        /**
         * Returns the table of candidates: mean ± sd of the ranking metric, the winner marked.
         *
         * @return a multi-line table
         */
        @Override
        public String toString() {
            List<String> lines = new ArrayList<>();
            lines.add(String.format(Locale.ROOT, "%-24s %14s %12s", "candidate", metric + " mean", "± sd"));
            scores.forEach((name, result) -> lines.add(String.format(Locale.ROOT, "%-24s %14.6g %12.6g%s", name,
                    result.mean(metric), result.standardDeviation(metric), name.equals(best) ? "  <- best" : "")));
            return String.join("\n", lines);
        }
    }
}
