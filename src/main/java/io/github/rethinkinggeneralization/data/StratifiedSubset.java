package io.github.rethinkinggeneralization.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Seeded, stratified subsets: picks {@code n} images with class proportions as equal as the
 * available images allow, so a small subset of a real dataset keeps chance at 1/k.
 */
public final class StratifiedSubset {
    private StratifiedSubset() {
    }

    /** Indices of a stratified subset of size {@code n}, in random order. */
    public static int[] indices(int[] labels, int numClasses, int n, long seed) {
        if (n > labels.length) {
            throw new IllegalArgumentException("asked for " + n + " images but only " + labels.length + " exist");
        }
        if (n < 0) {
            throw new IllegalArgumentException("subset size must be >= 0, got " + n);
        }
        Random r = new Random(seed);
        List<int[]> byClass = new ArrayList<>();
        for (int c = 0; c < numClasses; c++) {
            final int cls = c;
            int[] idx = java.util.stream.IntStream.range(0, labels.length).filter(i -> labels[i] == cls).toArray();
            Shuffles.shuffle(idx, r);
            byClass.add(idx);
        }
        int[] taken = new int[numClasses];
        int[] out = new int[n];
        int filled = 0;
        // round-robin over classes: equal counts while every class has images left
        while (filled < n) {
            boolean progress = false;
            for (int c = 0; c < numClasses && filled < n; c++) {
                if (taken[c] < byClass.get(c).length) {
                    out[filled++] = byClass.get(c)[taken[c]++];
                    progress = true;
                }
            }
            if (!progress) {
                break;
            }
        }
        Shuffles.shuffle(out, r);
        return out;
    }

    /** A stratified subset of {@code n} images (all of them, reordered, when n equals the size). */
    public static LabeledImages of(LabeledImages images, int n, long seed) {
        return images.select(indices(images.labels(), images.numClasses(), n, seed));
    }

    /** The split with its training and test sets cut to stratified subsets. */
    public static DataSplit of(DataSplit split, int nTrain, int nTest, long seed) {
        LabeledImages train = of(split.train(), Math.min(nTrain, split.train().size()), seed);
        LabeledImages test = of(split.test(), Math.min(nTest, split.test().size()), seed + 1);
        String note = (nTrain > split.train().size() || nTest > split.test().size())
                ? " (asked for " + nTrain + "/" + nTest + ", capped by the data present)" : "";
        return split.withBoth(train, test).withProvenance(split.provenance() + "; stratified subset "
                + train.size() + " train / " + test.size() + " test, seed " + seed + note);
    }

    static String counts(LabeledImages images) {
        return Arrays.toString(images.classCounts());
    }
}
