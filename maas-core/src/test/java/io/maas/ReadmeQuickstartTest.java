package io.maas;

import static org.assertj.core.api.Assertions.assertThat;

import io.maas.data.Dataset;
import io.maas.data.SampleData;
import io.maas.data.TrainTestSplit;
import io.maas.model.LinearRegression;
import io.maas.pipeline.Evaluation;
import io.maas.pipeline.FittedPipeline;
import io.maas.features.Polynomial;
import io.maas.pipeline.CrossValidation;
import io.maas.pipeline.CrossValidationResult;
import io.maas.pipeline.Metric;
import io.maas.pipeline.ModelSelection;
import io.maas.preprocess.Impute;
import io.maas.solver.LeastSquares;
import io.maas.pipeline.Pipeline;
import io.maas.preprocess.Scale;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The Java quickstart in README.md compiles and runs: it is the body of {@link #quickstart()}, verbatim. */
class ReadmeQuickstartTest {

    private static final Path README = Path.of("..", "README.md");
    private static final Path THIS_FILE = Path.of("src", "test", "java", "io", "maas", "ReadmeQuickstartTest.java");

    @Test
    void quickstart() {
        // README-BEGIN
        Dataset data = SampleData.diabetes(); // or CsvFormat.defaults().read(Path.of("your.csv"))
        TrainTestSplit split = TrainTestSplit.shuffled(data, 0.8, 42);

        Pipeline pipeline = Pipeline.builder()
                .preprocess(Scale.standard())
                .model(LinearRegression.leastSquares())
                .evaluate(Metric.MSE, Metric.R2)
                .build();
        FittedPipeline model = pipeline.fit(split.train());

        Evaluation evaluation = model.evaluate(split.test());
        System.out.println("test MSE = " + evaluation.value(Metric.MSE));
        System.out.println(evaluation);

        double prediction = model.predict(split.test().row(0));
        // README-END

        assertThat(evaluation.rows()).isEqualTo(88);
        assertThat(evaluation.value(Metric.R2)).isBetween(0.3, 0.7);
        assertThat(prediction).isEqualTo(model.predict(split.test())[0]);
    }

    @Test
    void larger_pipeline() {
        Dataset data = SampleData.diabetes();
        // README-2-BEGIN
        Pipeline pipeline = Pipeline.builder()
                .preprocess(Impute.median(), Scale.standard()) // fitted on training rows only
                .features(Polynomial.degree(2)) // readable names: "bmi^2", "bmi*bp"
                .model(LinearRegression.leastSquares(LeastSquares.builder().ridge(1.0).build()))
                .evaluate(Metric.MSE, Metric.R2)
                .build();
        CrossValidationResult cv = CrossValidation.folds(5, 42).evaluate(pipeline, data);
        System.out.println(cv); // each fold, then mean and sd

        ModelSelection.Selection best = ModelSelection.grid("degree", List.of(1, 2, 3),
                degree -> Pipeline.builder().preprocess(Scale.standard()).features(Polynomial.degree(degree))
                        .model(LinearRegression.leastSquares(LeastSquares.builder().ridge(1.0).build()))
                        .evaluate(Metric.MSE).build(),
                Metric.MSE, CrossValidation.folds(5, 42)).select(data);
        System.out.println(best); // the candidates' scores; best.fitted() is the winner refitted on all rows
        // README-2-END

        assertThat(cv.folds()).hasSize(5);
        assertThat(best.scores()).hasSize(3);
        assertThat(best.fitted().trainingRows()).isEqualTo(442);
    }

    @Test
    void readme_shows_the_quickstart_verbatim() throws IOException {
        assertReadmeShows("// README-BEGIN", "// README-END");
    }

    @Test
    void readme_shows_the_larger_pipeline_verbatim() throws IOException {
        assertReadmeShows("// README-2-BEGIN", "// README-2-END");
    }

    private static void assertReadmeShows(String beginMarker, String endMarker) throws IOException {
        List<String> source = Files.readAllLines(THIS_FILE);
        int begin = indexOf(source, beginMarker);
        int end = indexOf(source, endMarker);
        String indent = source.get(begin).substring(0, source.get(begin).indexOf("//"));
        String snippet = source.subList(begin + 1, end).stream()
                .map(line -> line.startsWith(indent) ? line.substring(indent.length()) : line.strip())
                .collect(Collectors.joining("\n"));

        assertThat(Files.readString(README)).contains("```java\n" + snippet + "\n```");
    }

    private static int indexOf(List<String> lines, String marker) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).strip().equals(marker)) {
                return i;
            }
        }
        throw new AssertionError(marker + " not found in " + THIS_FILE);
    }
}
