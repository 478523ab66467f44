package io.github.rethinkinggeneralization.theory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A sample with coinciding points merged: a point that occurs several times with the same label
 * is kept once (it is one point of the function to fit), a point that occurs with different labels
 * is rejected with a {@link DuplicatePointsException}.
 *
 * @param points   the distinct points, in order of first occurrence
 * @param labels   their labels
 * @param original for each point of the original sample, the index of its distinct point
 */
public record DistinctSample(double[][] points, double[] labels, int[] original) {

    /**
     * Merges coinciding points (exactly equal coordinates; -0.0 equals 0.0).
     *
     * @throws IllegalArgumentException  on an empty sample, ragged or non-finite points, or a label count
     *                                   that is not the point count
     * @throws DuplicatePointsException when two coinciding points have different labels
     */
    public static DistinctSample of(double[][] points, double[] labels) {
        Samples.requirePoints(points);
        Samples.requireLabels(points, labels);
        Map<Key, Integer> seen = new HashMap<>();
        List<Integer> kept = new ArrayList<>();
        int[] original = new int[points.length];
        for (int i = 0; i < points.length; i++) {
            Integer j = seen.putIfAbsent(new Key(points[i]), kept.size());
            if (j == null) {
                original[i] = kept.size();
                kept.add(i);
            } else {
                int first = kept.get(j);
                if (Double.compare(labels[first] + 0.0, labels[i] + 0.0) != 0) {
                    throw new DuplicatePointsException(first, i, labels[first], labels[i]);
                }
                original[i] = j;
            }
        }
        double[][] p = new double[kept.size()][];
        double[] l = new double[kept.size()];
        for (int j = 0; j < kept.size(); j++) {
            p[j] = points[kept.get(j)];
            l[j] = labels[kept.get(j)];
        }
        return new DistinctSample(p, l, original);
    }

    /** Number of distinct points. */
    public int size() {
        return points.length;
    }

    /** Dimension d of the points. */
    public int dimension() {
        return points[0].length;
    }

    /** Hash key of a point's coordinates with -0.0 folded into 0.0. */
    private record Key(double[] coordinates) {
        @Override
        public boolean equals(Object o) {
            if (!(o instanceof Key other) || other.coordinates.length != coordinates.length) {
                return false;
            }
            for (int k = 0; k < coordinates.length; k++) {
                if (coordinates[k] != other.coordinates[k]) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public int hashCode() {
            double[] folded = coordinates.clone();
            for (int k = 0; k < folded.length; k++) {
                folded[k] += 0.0;
            }
            return Arrays.hashCode(folded);
        }
    }
}
