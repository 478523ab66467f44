package io.github.rethinkinggeneralization.data;

import java.util.Random;

/**
 * Partially corrupted labels (Section 2.1): independently with probability {@code p}, each training
 * label is replaced by a class drawn uniformly from all k classes, so about p·(k-1)/k of the labels
 * actually change. Test labels stay true. {@code p = 1} gives random labels.
 */
public record LabelCorruption(double probability) {

    public LabelCorruption {
        if (!(probability >= 0 && probability <= 1)) {
            throw new IllegalArgumentException("corruption probability must lie in [0, 1], got " + probability);
        }
    }

    /** Corrupted copy of {@code labels}. */
    public int[] apply(int[] labels, int numClasses, long seed) {
        Random r = new Random(seed);
        int[] out = labels.clone();
        for (int i = 0; i < out.length; i++) {
            if (r.nextDouble() < probability) {
                out[i] = r.nextInt(numClasses);
            }
        }
        return out;
    }

    /** The split with corrupted training labels and untouched test set. */
    public DataSplit apply(DataSplit split, long seed) {
        LabeledImages train = split.train();
        return split.withTrain(train.withLabels(apply(train.labels(), train.numClasses(), seed)));
    }

    /** The expected fraction of labels that end up different from the true ones: p·(k-1)/k. */
    public double expectedChangedFraction(int numClasses) {
        return probability * (numClasses - 1) / numClasses;
    }
}
