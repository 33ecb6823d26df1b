package io.maas.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.maas.data.Dataset;
import io.maas.data.SampleData;
import io.maas.features.Polynomial;
import io.maas.model.LinearRegression;
import io.maas.preprocess.Scale;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ConcurrentPredictTest {

    @Test
    void sixteen_threads_predicting_100000_rows_each_get_exactly_the_serial_answers() throws Exception {
        Dataset diabetes = SampleData.diabetes();
        FittedPipeline model = Pipeline.builder()
                .preprocess(Scale.standard())
                .features(Polynomial.degree(2).interactionOnly())
                .model(LinearRegression.leastSquares())
                .build()
                .fit(diabetes);
        int rows = diabetes.rowCount();
        double[] serial = new double[rows];
        for (int i = 0; i < rows; i++) {
            serial[i] = model.predict(diabetes.row(i));
        }

        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> mismatches = new ArrayList<>();
            for (int t = 0; t < 16; t++) {
                int offset = t * 37;
                mismatches.add(pool.submit(() -> {
                    double[] row = new double[diabetes.featureCount()];
                    int wrong = 0;
                    start.await();
                    for (int k = 0; k < 100_000; k++) {
                        int i = (offset + k) % rows;
                        diabetes.copyRow(i, row, 0);
                        if (Double.doubleToRawLongBits(model.predict(row)) != Double.doubleToRawLongBits(serial[i])) {
                            wrong++;
                        }
                    }
                    return wrong;
                }));
            }
            start.countDown();
            for (Future<Integer> mismatch : mismatches) {
                assertThat(mismatch.get(2, TimeUnit.MINUTES)).isZero();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
