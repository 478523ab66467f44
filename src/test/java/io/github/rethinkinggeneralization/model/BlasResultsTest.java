package io.github.rethinkinggeneralization.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The BLAS and LAPACK kernels this machine runs give right answers: ND4J's matrix products (both
 * precisions, every transpose, sizes on both sides of OpenBLAS's small-matrix paths) and its
 * Cholesky factorization against plain Java loops. A regression check for a new CPU or a new
 * kernel choice ({@link CpuBackendSettings}): OpenBLAS 0.3.19's SkylakeX kernels fail its Cholesky cases here
 * ({@code dpotrf} reports a non-positive pivot), its Haswell and Prescott kernels pass.
 */
class BlasResultsTest {
    @ParameterizedTest(name = "{0} {1}x{2}x{3} transA={4} transB={5}")
    @CsvSource({
            "FLOAT, 128, 2352, 64, false, false", "FLOAT, 2352, 128, 64, true, false", "FLOAT, 128, 64, 2352, false, true",
            "FLOAT, 7, 5, 3, false, false", "FLOAT, 33, 17, 65, true, true",
            "DOUBLE, 100, 100, 100, false, false", "DOUBLE, 64, 32, 48, true, false", "DOUBLE, 64, 32, 48, false, true",
            "DOUBLE, 7, 5, 3, true, true", "DOUBLE, 300, 40, 300, false, false"})
    void matrixProductsMatchPlainLoops(DataType type, int m, int k, int n, boolean transA, boolean transB) {
        Random r = new Random(m * 31L + k * 7L + n);
        double[][] a = random(r, m, k);
        double[][] b = random(r, k, n);
        INDArray x = matrix(transA ? transpose(a) : a, type);
        INDArray y = matrix(transB ? transpose(b) : b, type);
        INDArray got = (transA ? x.transpose() : x).mmul(transB ? y.transpose() : y);
        double[][] want = product(a, b);
        double tolerance = type == DataType.FLOAT ? 1e-4 : 1e-10;
        assertThat(maxRelativeError(got, want)).as("largest error relative to the product's scale").isLessThan(tolerance);
    }

    @ParameterizedTest(name = "Cholesky of a {0}x{0} positive definite matrix")
    @CsvSource({"7", "60", "300"})
    void choleskyFactorReproducesTheMatrix(int n) {
        Random r = new Random(n);
        double[][] g = random(r, n, n);
        double[][] spd = product(g, transpose(g));
        for (int i = 0; i < n; i++) {
            spd[i][i] += n;
        }
        INDArray factor = matrix(spd, DataType.DOUBLE);
        Nd4j.getBlasWrapper().lapack().potrf(factor, true);
        double[][] l = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                l[i][j] = factor.getDouble(i, j);
            }
        }
        assertThat(maxRelativeError(matrix(product(l, transpose(l)), DataType.DOUBLE), spd)).isLessThan(1e-10);
    }

    private static double maxRelativeError(INDArray got, double[][] want) {
        double scale = 0;
        double err = 0;
        for (int i = 0; i < want.length; i++) {
            for (int j = 0; j < want[0].length; j++) {
                scale = Math.max(scale, Math.abs(want[i][j]));
                err = Math.max(err, Math.abs(got.getDouble(i, j) - want[i][j]));
            }
        }
        return err / scale;
    }

    private static double[][] random(Random r, int rows, int cols) {
        double[][] m = new double[rows][cols];
        for (double[] row : m) {
            for (int j = 0; j < cols; j++) {
                row[j] = r.nextGaussian();
            }
        }
        return m;
    }

    private static double[][] transpose(double[][] m) {
        double[][] t = new double[m[0].length][m.length];
        for (int i = 0; i < m.length; i++) {
            for (int j = 0; j < m[0].length; j++) {
                t[j][i] = m[i][j];
            }
        }
        return t;
    }

    private static double[][] product(double[][] a, double[][] b) {
        double[][] c = new double[a.length][b[0].length];
        for (int i = 0; i < a.length; i++) {
            for (int p = 0; p < b.length; p++) {
                double v = a[i][p];
                for (int j = 0; j < b[0].length; j++) {
                    c[i][j] += v * b[p][j];
                }
            }
        }
        return c;
    }

    private static INDArray matrix(double[][] m, DataType type) {
        return Nd4j.createFromArray(m).castTo(type);
    }
}
