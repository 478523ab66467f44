package io.github.rethinkinggeneralization.theory;

/**
 * Theorem 1's constructive proof: for n distinct points x_i in R^d and any real labels y_i, a
 * two-layer ReLU network with 2n+d weights fits the sample exactly.
 *
 * <ol>
 *   <li>Choose a with distinct projections z_i = &lt;a, x_i&gt; ({@link ProjectionDirection}) and
 *       sort them, z_1 &lt; ... &lt; z_n.</li>
 *   <li>Interleave the biases: b_1 = z_1 - (z_2 - z_1)/2 (z_1 - 1 for a single point) and
 *       b_j = (z_{j-1} + z_j)/2, so b_1 &lt; z_1 &lt; b_2 &lt; z_2 &lt; ... &lt; b_n &lt; z_n.</li>
 *   <li>A_ij = max(z_i - b_j, 0) is then lower triangular with a positive diagonal; solve A w = y by
 *       forward substitution in double precision.</li>
 * </ol>
 *
 * <p>Coinciding points with equal labels are merged first ({@link DistinctSample}); coinciding
 * points with different labels are rejected ({@link DuplicatePointsException}).
 */
public final class Theorem1Construction {
    private Theorem1Construction() {
    }

    /**
     * Builds the network that fits {@code labels} on {@code points}.
     *
     * @param seed seed of the random direction a
     * @throws IllegalArgumentException on an empty sample, ragged or non-finite input, a label count
     *                                  that is not the point count, or points too close to separate
     * @throws DuplicatePointsException when coinciding points have different labels
     */
    public static Theorem1Fit fit(double[][] points, double[] labels, long seed) {
        DistinctSample sample = DistinctSample.of(points, labels);
        ProjectionDirection direction = ProjectionDirection.choose(sample.points(), seed, ProjectionDirection.DEFAULT_ATTEMPTS);
        double[] z = direction.sortedProjections();
        double[] b = interleavedBiases(z);
        int n = z.length;
        double[] y = new double[n];
        for (int r = 0; r < n; r++) {
            y[r] = sample.labels()[direction.order()[r]];
        }
        double[] w = forwardSubstitution(z, b, y);
        return new Theorem1Fit(sample, direction, new TwoLayerReluNet(direction.a(), b, w));
    }

    /** b_1 &lt; z_1 &lt; b_2 &lt; ... &lt; b_n &lt; z_n for sorted distinct z: midpoints, and half a gap below z_1. */
    static double[] interleavedBiases(double[] sortedZ) {
        int n = sortedZ.length;
        double[] b = new double[n];
        b[0] = n == 1 ? sortedZ[0] - 1 : sortedZ[0] - (sortedZ[1] - sortedZ[0]) / 2;
        for (int j = 1; j < n; j++) {
            b[j] = sortedZ[j - 1] + (sortedZ[j] - sortedZ[j - 1]) / 2;
        }
        return b;
    }

    /** Solves the lower-triangular A w = y, A_ij = max(z_i - b_j, 0), row by row. */
    static double[] forwardSubstitution(double[] z, double[] b, double[] y) {
        int n = z.length;
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            double s = y[i];
            for (int j = 0; j < i; j++) {
                s -= Math.max(z[i] - b[j], 0) * w[j];
            }
            w[i] = s / (z[i] - b[i]);
        }
        return w;
    }
}
