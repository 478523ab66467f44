package io.github.rethinkinggeneralization.theory;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Locale;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * The direction a of Theorem 1's construction, chosen so that the projections z_i = &lt;a, x_i&gt;
 * of distinct points are distinct: a seeded Gaussian direction of unit length, the best (largest
 * smallest gap) of a few draws. Distinct points project to distinct values for almost every a; the
 * draws guard against projections that are distinct only below the rounding error of computing them.
 *
 * <p>Computed in double precision, each projection is off by at most d·u·P with u = 2^-53 and
 * P = max_i Σ_k |a_k x_ik| (Higham, Accuracy and Stability of Numerical Algorithms, §3.1). A bias
 * placed midway between neighbouring projections separates them under rounding when the gap exceeds
 * twice that, so a direction is accepted when its smallest gap is at least {@code 2·d·eps·P}
 * (eps = 2u, i.e. twice the separating bound as a margin).
 *
 * @param a           the unit direction (length d)
 * @param projections z_i = &lt;a, x_i&gt; for each point, in the points' order
 * @param order       point indices sorted by increasing projection
 * @param smallestGap the smallest difference between neighbouring sorted projections
 * @param requiredGap the gap below which projections are not reliably distinct in double precision
 * @param seed        seed of the accepted draw
 */
public record ProjectionDirection(double[] a, double[] projections, int[] order, double smallestGap,
                                  double requiredGap, long seed) {

    /** Directions drawn before giving up (distinct points fail all of them only when nearly coinciding). */
    public static final int DEFAULT_ATTEMPTS = 8;

    /**
     * The best of {@code attempts} seeded directions for distinct {@code points}.
     *
     * @throws IllegalArgumentException when no draw separates the projections beyond rounding (the
     *                                  message names the closest pair)
     */
    public static ProjectionDirection choose(double[][] points, long seed, int attempts) {
        int d = Samples.requirePoints(points);
        if (attempts < 1) {
            throw new IllegalArgumentException("need at least one attempt, got " + attempts);
        }
        ProjectionDirection best = null;
        for (int t = 0; t < attempts; t++) {
            ProjectionDirection candidate = of(points, unitGaussian(d, seed + t), seed + t);
            if (best == null || candidate.smallestGap / candidate.requiredGap > best.smallestGap / best.requiredGap) {
                best = candidate;
            }
        }
        if (!best.separates()) {
            int[] pair = best.closestPair();
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "points %d and %d project to within %.3g of each other in every one of %d random directions"
                            + " (rounding alone can move a projection by %.3g): they are too close to be told apart"
                            + " in double precision",
                    pair[0], pair[1], best.smallestGap, attempts, best.requiredGap / 2));
        }
        return best;
    }

    /** The projections of {@code points} onto the given direction (not checked for distinctness). */
    static ProjectionDirection of(double[][] points, double[] a, long seed) {
        int n = points.length;
        int d = a.length;
        double[] z = new double[n];
        double magnitude = 0;
        for (int i = 0; i < n; i++) {
            double s = 0;
            double abs = 0;
            for (int k = 0; k < d; k++) {
                s += a[k] * points[i][k];
                abs += Math.abs(a[k] * points[i][k]);
            }
            z[i] = s;
            magnitude = Math.max(magnitude, abs);
        }
        int[] order = IntStream.range(0, n).boxed().sorted(Comparator.comparingDouble(i -> z[i]))
                .mapToInt(Integer::intValue).toArray();
        double gap = Double.POSITIVE_INFINITY;
        for (int r = 1; r < n; r++) {
            gap = Math.min(gap, z[order[r]] - z[order[r - 1]]);
        }
        double required = 2 * d * Math.ulp(1.0) * magnitude;
        return new ProjectionDirection(a, z, order, gap, required, seed);
    }

    /** Whether neighbouring projections are further apart than rounding can blur. */
    public boolean separates() {
        return smallestGap > requiredGap;
    }

    /** The two point indices with the smallest projection gap. */
    public int[] closestPair() {
        int at = 1;
        for (int r = 1; r < order.length; r++) {
            if (projections[order[r]] - projections[order[r - 1]] < projections[order[at]] - projections[order[at - 1]]) {
                at = r;
            }
        }
        int i = order[Math.max(at - 1, 0)];
        int j = order[Math.min(at, order.length - 1)];
        return new int[] {Math.min(i, j), Math.max(i, j)};
    }

    /** Sorted projections z_1 &lt; ... &lt; z_n. */
    public double[] sortedProjections() {
        return Arrays.stream(order).mapToDouble(i -> projections[i]).toArray();
    }

    private static double[] unitGaussian(int d, long seed) {
        Random random = new Random(seed);
        double[] a = new double[d];
        double norm = 0;
        for (int k = 0; k < d; k++) {
            a[k] = random.nextGaussian();
            norm += a[k] * a[k];
        }
        norm = Math.sqrt(norm);
        for (int k = 0; k < d; k++) {
            a[k] /= norm;
        }
        return a;
    }
}
