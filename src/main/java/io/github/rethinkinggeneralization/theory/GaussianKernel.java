package io.github.rethinkinggeneralization.theory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The Gaussian (RBF) kernel k(x, z) = exp(-||x - z||² / (2σ²)). For distinct points its matrix is
 * positive definite, so it interpolates any labels of any number of points.
 *
 * @param bandwidth σ &gt; 0
 */
public record GaussianKernel(double bandwidth) implements Kernel {

    public GaussianKernel {
        if (!(bandwidth > 0) || !Double.isFinite(bandwidth)) {
            throw new IllegalArgumentException("bandwidth must be positive and finite, got " + bandwidth);
        }
    }

    /** Points the median heuristic looks at: a seeded subset this large gives the median to about 1 %. */
    static final int MEDIAN_SUBSET = 600;
    /** Seed of that subset. */
    static final long MEDIAN_SEED = 3;

    /**
     * σ = {@code scale} times the median distance between the rows of {@code x} (the median heuristic),
     * over a seeded subset of at most {@value #MEDIAN_SUBSET} rows.
     */
    public static GaussianKernel medianHeuristic(INDArray x, double scale) {
        long n = x.rows();
        if (n <= MEDIAN_SUBSET) {
            return new GaussianKernel(scale * medianDistance(x));
        }
        List<Long> rows = new ArrayList<>();
        for (long i = 0; i < n; i++) {
            rows.add(i);
        }
        Collections.shuffle(rows, new Random(MEDIAN_SEED));
        long[] subset = rows.subList(0, MEDIAN_SUBSET).stream().mapToLong(Long::longValue).sorted().toArray();
        return new GaussianKernel(scale * medianDistance(x.get(NDArrayIndex.indices(subset), NDArrayIndex.all())));
    }

    /** The median of ||x_i - x_j|| over all pairs i &lt; j of rows (needs at least two rows). */
    public static double medianDistance(INDArray x) {
        Samples.requireFiniteMatrix("points", x);
        int n = x.rows();
        if (n < 2) {
            throw new IllegalArgumentException("the median distance needs at least two points, got " + n);
        }
        double[][] d2 = squaredDistances(x, x).toDoubleMatrix();
        double[] pairs = new double[n * (n - 1) / 2];
        int p = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                pairs[p++] = d2[i][j];
            }
        }
        Arrays.sort(pairs);
        int m = pairs.length;
        double median = m % 2 == 1 ? pairs[m / 2] : (pairs[m / 2 - 1] + pairs[m / 2]) / 2;
        return Math.sqrt(median);
    }

    /** ||x_i - z_j||² = ||x_i||² + ||z_j||² - 2&lt;x_i, z_j&gt;, clamped at 0 against rounding. */
    static INDArray squaredDistances(INDArray x, INDArray z) {
        INDArray xn = x.mul(x).sum(1).reshape(x.rows(), 1);
        INDArray zn = z.mul(z).sum(1).reshape(1, z.rows());
        INDArray d2 = x.mmul(z.transpose()).muli(-2).addiColumnVector(xn).addiRowVector(zn);
        return Transforms.max(d2, 0.0, false);
    }

    @Override
    public INDArray matrix(INDArray x, INDArray z) {
        return Transforms.exp(squaredDistances(x, z).muli(-1.0 / (2 * bandwidth * bandwidth)), false);
    }

    @Override
    public String id() {
        return String.format(Locale.ROOT, "gaussian(σ=%.4g)", bandwidth);
    }
}
