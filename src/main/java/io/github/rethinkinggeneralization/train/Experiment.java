package io.github.rethinkinggeneralization.train;

import io.github.rethinkinggeneralization.data.DataSplit;
import io.github.rethinkinggeneralization.data.DatasetCatalog;
import io.github.rethinkinggeneralization.data.ImageShape;
import io.github.rethinkinggeneralization.data.Preprocessing;
import io.github.rethinkinggeneralization.model.NetworkFactory;
import io.github.rethinkinggeneralization.model.ParameterCount;
import java.util.function.Consumer;
import org.deeplearning4j.nn.graph.ComputationGraph;

/**
 * Runs one {@link ExperimentSpec} end to end: loads a stratified subset, applies the randomization
 * (before cropping, so a permutation covers the whole image), crops and whitens, builds the
 * network, trains it and measures it.
 */
public final class Experiment {
    private final DatasetCatalog catalog;

    public Experiment(DatasetCatalog catalog) {
        this.catalog = catalog;
    }

    /** Runs the spec with a progress line on standard output every 10 s. */
    public ExperimentResult run(ExperimentSpec spec) {
        return run(spec, new TrainingMonitor(), new ProgressLine(spec.label(), spec.budget().maxEpochs(), 10, System.out));
    }

    /** Runs the spec, reporting to {@code monitor} (which may cancel it) and to {@code progress}. */
    public ExperimentResult run(ExperimentSpec spec, TrainingMonitor monitor, Consumer<EpochRecord> progress) {
        long started = System.nanoTime();
        DataSplit data = spec.condition().apply(
                catalog.load(spec.dataset(), spec.nTrain(), spec.nTest(), spec.seed()), spec.seed() + 7_919);
        Preprocessing prep = spec.preprocessing();
        TrainingImages train;
        ImageShape shape;
        if (spec.model().regularization().randomCrop()) {
            RandomCropImages crops = new RandomCropImages(data.train(), prep);
            train = crops;
            shape = crops.cropShape();
        } else {
            ImageTensors t = new ImageTensors(prep.apply(data.train()));
            train = t;
            shape = prep.outputShape(data.shape());
        }
        ImageTensors test = new ImageTensors(prep.apply(data.test()));
        ComputationGraph net = NetworkFactory.build(spec.model(), shape, data.numClasses(),
                spec.optimizer().updater(), spec.optimizer().clipping(), spec.seed());
        TrainingOutcome outcome = new Trainer(spec.optimizer(), spec.budget(), spec.seed(), progress)
                .train(net, train, test, monitor);
        TrainingCurve curve = outcome.curve();
        EpochRecord last = curve.isEmpty() ? null : curve.last();
        Integer epochsToTarget = null;
        Long stepsToTarget = null;
        if (outcome.stopReason() == StopReason.TARGET_REACHED) {
            epochsToTarget = last.epoch();
            stepsToTarget = last.steps();
        }
        return new ExperimentResult(spec, data.dataset(), data.provenance(), shape.toString(), data.numClasses(),
                ParameterCount.of(net), spec.optimizer().describe(), outcome.stopReason(),
                last == null ? Double.NaN : last.trainAccuracy(), last == null ? Double.NaN : last.testAccuracy(),
                curve.bestTestAccuracy(), epochsToTarget, stepsToTarget, (System.nanoTime() - started) / 1e9, curve,
                outcome.testConfusion());
    }
}
