package io.maas.monitor;

import io.maas.data.Dataset;
import io.maas.data.SampleData;
import io.maas.model.LinearRegression;
import io.maas.model.LogisticRegression;
import io.maas.pipeline.FittedPipeline;
import io.maas.pipeline.Pipeline;
import io.maas.preprocess.Scale;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/** Fitted pipelines and clocks the monitor and server tests share. */
public final class Fixtures {

    private static final FittedPipeline DIABETES = Pipeline.builder()
            .preprocess(Scale.standard())
            .model(LinearRegression.leastSquares())
            .build()
            .fit(SampleData.diabetes());

    private Fixtures() {
    }

    /** Standard scaling and least squares on the 442 diabetes rows: the model of the benchmark. */
    public static FittedPipeline diabetes() {
        return DIABETES;
    }

    /** Logistic regression on 200 seeded rows of two features, label 1 when x1 + x2 plus noise is positive. */
    public static FittedPipeline classifier() {
        SplittableRandom random = new SplittableRandom(7);
        double[][] x = new double[200][2];
        double[] y = new double[200];
        for (int i = 0; i < x.length; i++) {
            x[i][0] = random.nextGaussian();
            x[i][1] = random.nextGaussian();
            y[i] = x[i][0] + x[i][1] + 0.5 * random.nextGaussian() > 0 ? 1 : 0;
        }
        return Pipeline.builder()
                .model(LogisticRegression.l2())
                .build()
                .fit(Dataset.of(List.of("x1", "x2"), x, "label", y));
    }

    /** A clock that moves {@code step} nanoseconds forward each time it is read. */
    public static LongSupplier steppingClock(long step) {
        AtomicLong now = new AtomicLong(1_000_000_000L);
        return () -> now.addAndGet(step);
    }
}
