package io.github.rethinkinggeneralization.theory;

import io.github.rethinkinggeneralization.data.DataSplit;
import io.github.rethinkinggeneralization.data.DatasetCatalog;
import io.github.rethinkinggeneralization.data.DatasetKind;
import io.github.rethinkinggeneralization.data.LabeledImages;
import java.util.Random;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Runs Section 5's experiment: loads a stratified subset of real images, interpolates their one-hot
 * classes exactly with a linear or Gaussian kernel ({@link KernelInterpolation}), and measures
 * training error, test accuracy, conditioning and the solution's norm.
 */
public final class MinimumNormInterpolation {
    private MinimumNormInterpolation() {
    }

    /** Loads the spec's data through {@code catalog} and runs it. */
    public static KernelInterpolationResult run(KernelSpec spec, DatasetCatalog catalog) {
        return run(spec, catalog.load(DatasetKind.fromId(spec.dataset()), spec.nTrain(), spec.nTest(), spec.seed()));
    }

    /** Runs the spec on a given split (its sizes are those of the split). */
    public static KernelInterpolationResult run(KernelSpec spec, DataSplit split) {
        long start = System.nanoTime();
        LabeledImages train = trainImages(spec, split.train());
        LabeledImages test = split.test();
        int k = split.numClasses();
        INDArray x = ImageMatrices.matrix(train);
        Kernel kernel = KernelSpec.GAUSSIAN.equals(spec.kernel())
                ? GaussianKernel.medianHeuristic(x, spec.bandwidthScale()) : new LinearKernel();
        KernelInterpolant f = KernelInterpolation.fit(kernel, x, ImageMatrices.oneHot(train.labels(), k));
        double solveSeconds = (System.nanoTime() - start) / 1e9;
        double trainAccuracy = ImageMatrices.accuracy(f.predict(x), train.labels());
        double testAccuracy = ImageMatrices.accuracy(f.predict(ImageMatrices.matrix(test)), test.labels());
        ConditionEstimate c = f.condition();
        return new KernelInterpolationResult(spec, split.provenance() + "; raw pixels in [0, 1]", train.size(), test.size(),
                train.shape().size(), k, kernel.id(), kernel instanceof GaussianKernel g ? g.bandwidth() : Double.NaN,
                c.conditionNumber(), c.largestEigenvalue(), c.smallestEigenvalue(), c.method(),
                1 - trainAccuracy, f.maxResidual(), f.residualTolerance(), testAccuracy, 1.0 / k, f.norm(),
                solveSeconds, (System.nanoTime() - start) / 1e9);
    }

    private static LabeledImages trainImages(KernelSpec spec, LabeledImages train) {
        if (spec.labels() != LabelKind.RANDOM_CLASSES) {
            return train;
        }
        Random random = new Random(spec.seed() + 1);
        int[] labels = new int[train.size()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = random.nextInt(train.numClasses());
        }
        return train.withLabels(labels);
    }
}
