package io.github.rethinkinggeneralization.theory;

import java.util.Random;

/** Seeded random samples for the theory experiments: Gaussian points, Gaussian and uniform-class labels. */
public final class RandomSamples {
    private RandomSamples() {
    }

    /** n points in R^d with independent standard Gaussian coordinates. */
    public static double[][] gaussianPoints(int n, int d, long seed) {
        Random random = new Random(seed);
        double[][] x = new double[n][d];
        for (double[] row : x) {
            for (int k = 0; k < d; k++) {
                row[k] = random.nextGaussian();
            }
        }
        return x;
    }

    /** n independent standard Gaussian real labels. */
    public static double[] gaussianLabels(int n, long seed) {
        Random random = new Random(seed);
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = random.nextGaussian();
        }
        return y;
    }

    /** n class labels drawn uniformly from {0, ..., k-1}, as reals. */
    public static double[] classLabels(int n, int k, long seed) {
        Random random = new Random(seed);
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = random.nextInt(k);
        }
        return y;
    }
}
