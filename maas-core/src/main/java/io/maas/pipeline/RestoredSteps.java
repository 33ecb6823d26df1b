package io.maas.pipeline;

import io.maas.data.Dataset;
import io.maas.model.Estimator;
import io.maas.model.Model;
import io.maas.model.Task;

/**
 * The steps of a pipeline rebuilt by {@link FittedPipeline#of}: they describe the fitted stages and model for
 * {@link FittedPipeline#pipeline()}, but cannot fit again, because a fitted part does not carry the configuration
 * that made it. Fitting fails loudly rather than silently returning the old parameters.
 */
final class RestoredSteps {

    private RestoredSteps() {
    }

    static Stage stage(FittedStage fitted) {
        return new Stage() {
            @Override
            public FittedStage fit(Dataset training) {
                throw new UnsupportedOperationException(fitted + " was restored from its fitted parameters and "
                        + "cannot be fitted again; build a new pipeline to refit");
            }

            @Override
            public String toString() {
                return "restored " + fitted;
            }
        };
    }

    static Estimator estimator(Model model, Task task) {
        return new Estimator() {
            @Override
            public Model fit(Dataset training) {
                throw new UnsupportedOperationException(model + " was restored from its fitted parameters and "
                        + "cannot be fitted again; build a new pipeline to refit");
            }

            @Override
            public Task task() {
                return task;
            }

            @Override
            public String toString() {
                return "restored " + model;
            }
        };
    }
}
