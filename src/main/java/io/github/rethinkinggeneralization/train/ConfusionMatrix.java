package io.github.rethinkinggeneralization.train;

import java.util.Arrays;

/**
 * Counts of a classifier's predictions on a labelled set: {@code counts[label][predicted]}.
 *
 * @param counts a square k x k table of non-negative counts
 */
public record ConfusionMatrix(int[][] counts) {

    public ConfusionMatrix {
        int k = counts.length;
        for (int[] row : counts) {
            if (row.length != k) {
                throw new IllegalArgumentException("a confusion matrix is square: " + k + " rows, a row of " + row.length);
            }
            for (int c : row) {
                if (c < 0) {
                    throw new IllegalArgumentException("counts are non-negative, got " + c);
                }
            }
        }
        counts = Arrays.stream(counts).map(int[]::clone).toArray(int[][]::new);
    }

    /** Tallies {@code predicted[i]} against {@code labels[i]} over {@code numClasses} classes. */
    public static ConfusionMatrix of(int[] labels, int[] predicted, int numClasses) {
        if (labels.length != predicted.length) {
            throw new IllegalArgumentException(labels.length + " labels but " + predicted.length + " predictions");
        }
        int[][] counts = new int[numClasses][numClasses];
        for (int i = 0; i < labels.length; i++) {
            counts[labels[i]][predicted[i]]++;
        }
        return new ConfusionMatrix(counts);
    }

    @Override
    public int[][] counts() {
        return Arrays.stream(counts).map(int[]::clone).toArray(int[][]::new);
    }

    /** The number of classes k. */
    public int numClasses() {
        return counts.length;
    }

    /** The number of images counted. */
    public int total() {
        return Arrays.stream(counts).flatMapToInt(Arrays::stream).sum();
    }

    /** The number of images predicted as their label (the diagonal). */
    public int correct() {
        int c = 0;
        for (int i = 0; i < counts.length; i++) {
            c += counts[i][i];
        }
        return c;
    }

    /** Fraction predicted correctly; NaN for an empty set. */
    public double accuracy() {
        int n = total();
        return n == 0 ? Double.NaN : correct() / (double) n;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConfusionMatrix m && Arrays.deepEquals(counts, m.counts);
    }

    @Override
    public int hashCode() {
        return Arrays.deepHashCode(counts);
    }

    @Override
    public String toString() {
        return "ConfusionMatrix" + Arrays.deepToString(counts);
    }
}
