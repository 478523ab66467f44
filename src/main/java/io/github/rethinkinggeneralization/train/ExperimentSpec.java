package io.github.rethinkinggeneralization.train;

import io.github.rethinkinggeneralization.data.DataCondition;
import io.github.rethinkinggeneralization.data.DatasetKind;
import io.github.rethinkinggeneralization.data.Preprocessing;
import io.github.rethinkinggeneralization.model.Architecture;
import io.github.rethinkinggeneralization.model.ModelSpec;
import io.github.rethinkinggeneralization.model.Regularization;
import java.util.Objects;

/**
 * Everything that defines one training run: dataset and subset sizes, the randomization applied
 * to it, preprocessing, the network, the optimizer, the budget and the seed (of the subset, the
 * randomization, the initialisation and the minibatch order).
 */
public record ExperimentSpec(DatasetKind dataset, int nTrain, int nTest, DataCondition condition,
                             Preprocessing preprocessing, ModelSpec model, OptimizerSpec optimizer,
                             Budget budget, long seed) {

    public ExperimentSpec {
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(condition, "condition");
        Objects.requireNonNull(preprocessing, "preprocessing");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(optimizer, "optimizer");
        Objects.requireNonNull(budget, "budget");
        if (nTrain < 1 || nTest < 1) {
            throw new IllegalArgumentException("need at least one training and one test image, got " + nTrain + "/" + nTest);
        }
    }

    /**
     * The paper's setup for an architecture on a dataset: true labels, crop + whitening, full
     * width, no regularization, the paper's optimizer, and a budget aiming at 100 % training accuracy.
     */
    public static ExperimentSpec paper(Architecture architecture, DatasetKind dataset, int nTrain, int nTest) {
        return new ExperimentSpec(dataset, nTrain, nTest, DataCondition.trueLabels(), Preprocessing.paper(),
                ModelSpec.of(architecture), OptimizerSpec.paper(architecture), new Budget(1.0, 100, 3600), 1);
    }

    public ExperimentSpec withDataset(DatasetKind d) { return new ExperimentSpec(d, nTrain, nTest, condition, preprocessing, model, optimizer, budget, seed); }

    public ExperimentSpec withSizes(int train, int test) { return new ExperimentSpec(dataset, train, test, condition, preprocessing, model, optimizer, budget, seed); }

    public ExperimentSpec withCondition(DataCondition c) { return new ExperimentSpec(dataset, nTrain, nTest, c, preprocessing, model, optimizer, budget, seed); }

    public ExperimentSpec withPreprocessing(Preprocessing p) { return new ExperimentSpec(dataset, nTrain, nTest, condition, p, model, optimizer, budget, seed); }

    public ExperimentSpec withModel(ModelSpec m) { return new ExperimentSpec(dataset, nTrain, nTest, condition, preprocessing, m, optimizer, budget, seed); }

    public ExperimentSpec withWidth(double w) { return withModel(model.withWidth(w)); }

    public ExperimentSpec withRegularization(Regularization r) { return withModel(model.withRegularization(r)); }

    public ExperimentSpec withOptimizer(OptimizerSpec o) { return new ExperimentSpec(dataset, nTrain, nTest, condition, preprocessing, model, o, budget, seed); }

    public ExperimentSpec withBudget(Budget b) { return new ExperimentSpec(dataset, nTrain, nTest, condition, preprocessing, model, optimizer, b, seed); }

    public ExperimentSpec withSeed(long s) { return new ExperimentSpec(dataset, nTrain, nTest, condition, preprocessing, model, optimizer, budget, s); }

    /** A short name for logs and test names: "mlp-1x512 x0.5 / random-labels / cifar10 4000+1000 / seed 1". */
    public String label() {
        return model.architecture().id() + (model.width() == 1 ? "" : " x" + model.width())
                + (model.regularization().isNone() ? "" : " [" + model.regularization().label() + "]")
                + " / " + condition + " / " + dataset.id() + " " + nTrain + "+" + nTest + " / seed " + seed;
    }
}
