package io.github.rethinkinggeneralization.theory;

import java.util.Locale;
import java.util.Objects;

/**
 * One run of Section 5's kernel interpolation on real images (raw pixels in [0, 1], no
 * preprocessing, no regularization, as in the paper).
 *
 * @param dataset        dataset id ("mnist", "cifar10", "synthetic")
 * @param kernel         {@value #LINEAR} or {@value #GAUSSIAN}
 * @param bandwidthScale for the Gaussian kernel, σ = this times the median pairwise distance of the
 *                       training images; 0 for the linear kernel
 * @param labels         {@link LabelKind#TRUE_CLASSES}, or {@link LabelKind#RANDOM_CLASSES} for the
 *                       control that interpolates labels carrying no signal
 * @param nTrain         training points (the kernel matrix is nTrain x nTrain)
 * @param nTest          test points
 * @param seed           seed of the stratified subsets and random labels
 */
public record KernelSpec(String dataset, String kernel, double bandwidthScale, LabelKind labels, int nTrain, int nTest,
                         long seed) {

    public static final String LINEAR = "linear";
    public static final String GAUSSIAN = "gaussian";

    public KernelSpec {
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(labels, "labels");
        if (!LINEAR.equals(kernel) && !GAUSSIAN.equals(kernel)) {
            throw new IllegalArgumentException("kernel must be " + LINEAR + " or " + GAUSSIAN + ", got " + kernel);
        }
        if (GAUSSIAN.equals(kernel) ? !(bandwidthScale > 0) : bandwidthScale != 0) {
            throw new IllegalArgumentException("the Gaussian kernel needs a positive bandwidth scale and the linear"
                    + " kernel 0, got " + kernel + " with " + bandwidthScale);
        }
        if (labels == LabelKind.REAL) {
            throw new IllegalArgumentException("kernel interpolation fits classes (one-hot targets), not real labels");
        }
        if (nTrain < 1 || nTest < 1) {
            throw new IllegalArgumentException("need at least one training and one test point, got " + nTrain + "/" + nTest);
        }
    }

    public static KernelSpec linear(String dataset, int nTrain, int nTest, long seed) {
        return new KernelSpec(dataset, LINEAR, 0, LabelKind.TRUE_CLASSES, nTrain, nTest, seed);
    }

    public static KernelSpec gaussian(String dataset, double bandwidthScale, int nTrain, int nTest, long seed) {
        return new KernelSpec(dataset, GAUSSIAN, bandwidthScale, LabelKind.TRUE_CLASSES, nTrain, nTest, seed);
    }

    public KernelSpec withLabels(LabelKind newLabels) {
        return new KernelSpec(dataset, kernel, bandwidthScale, newLabels, nTrain, nTest, seed);
    }

    public KernelSpec withSizes(int train, int test) {
        return new KernelSpec(dataset, kernel, bandwidthScale, labels, train, test, seed);
    }

    /** Short id for reports and test names ("mnist gaussian x1 n=2000 true-classes"). */
    public String id() {
        return String.format(Locale.ROOT, "%s %s%s n=%d %s", dataset, kernel,
                GAUSSIAN.equals(kernel) ? String.format(Locale.ROOT, " x%.3g", bandwidthScale) : "", nTrain, labels.id());
    }
}
