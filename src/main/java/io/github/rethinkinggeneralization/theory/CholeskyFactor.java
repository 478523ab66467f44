package io.github.rethinkinggeneralization.theory;

import java.util.Locale;
import java.util.Random;
import org.nd4j.linalg.api.blas.BlasException;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.custom.TriangularSolve;
import org.nd4j.linalg.eigen.Eigen;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The Cholesky factorization K = L Lᵀ of a symmetric positive definite matrix in double
 * precision, through ND4J: LAPACK's {@code dpotrf} ({@code Nd4j.getBlasWrapper().lapack().potrf}) for
 * the factor, and block substitution for the solves: ND4J's {@code triangular_solve} op on diagonal
 * blocks of {@value #BLOCK} rows, BLAS matrix products for the rest (the op alone is an unblocked loop,
 * about 10x slower at n = 2000). Only K's lower triangle is read.
 *
 * <p>Factoring also estimates the conditioning ({@link ConditionEstimate}): λ_max by power
 * iteration on K, λ_min by inverse iteration through the factor, and the bound
 * max L_ii² / min L_ii² (max L_ii² &lt;= λ_max and min L_ii² &gt;= λ_min, so it never exceeds the
 * condition number); the larger of the two estimates is kept. A matrix whose estimate reaches
 * {@link ConditionEstimate#singularityLimit 1/(n·eps)}, or that LAPACK cannot factor, is rejected with
 * a {@link SingularKernelException} that names its condition number (from exact eigenvalues when the
 * factorization fails): no solve is attempted, so no NaN can come out.
 */
public final class CholeskyFactor {
    /** Power-iteration steps for λ_max (cheap: one matrix-vector product each). */
    static final int POWER_ITERATIONS = 30;
    /** Inverse-iteration steps for λ_min (two triangular solves each). */
    static final int INVERSE_ITERATIONS = 6;
    /** Seed of the iterations' start vectors, so the estimate is reproducible. */
    static final long ESTIMATE_SEED = 5;
    /** Rows per diagonal block of the block substitution. */
    static final int BLOCK = 128;

    private final INDArray lower;
    private final INDArray upper;
    private final ConditionEstimate condition;

    private CholeskyFactor(INDArray lower, INDArray upper, ConditionEstimate condition) {
        this.lower = lower;
        this.upper = upper;
        this.condition = condition;
    }

    /**
     * Factors {@code k}.
     *
     * @param what names the matrix in error messages ("linear kernel matrix of 500 points")
     * @throws IllegalArgumentException when {@code k} is not a finite square double matrix
     * @throws SingularKernelException  when {@code k} is singular or numerically singular
     */
    public static CholeskyFactor of(INDArray k, String what) {
        Samples.requireFiniteMatrix(what, k);
        if (k.rows() != k.columns()) {
            throw new IllegalArgumentException(what + " must be square, got " + k.rows() + " x " + k.columns());
        }
        long n = k.rows();
        INDArray factor = k.dup('f');
        try {
            Nd4j.getBlasWrapper().lapack().potrf(factor, true);
        } catch (BlasException | RuntimeException notPositiveDefinite) {
            throw singular(what, n, exactCondition(k), "the Cholesky factorization met a non-positive pivot");
        }
        INDArray lower = factor.dup('c');
        CholeskyFactor cholesky = new CholeskyFactor(lower, lower.transpose().dup('c'), null);
        ConditionEstimate estimate = cholesky.estimateCondition(k);
        if (!(estimate.conditionNumber() < ConditionEstimate.singularityLimit(n))) {
            throw singular(what, n, estimate, "the estimate reaches the singularity limit");
        }
        return new CholeskyFactor(cholesky.lower, cholesky.upper, estimate);
    }

    /** Solves K X = B (B is n x m) by two triangular solves. */
    public INDArray solve(INDArray b) {
        if (b.rows() != lower.rows()) {
            throw new IllegalArgumentException("right-hand side has " + b.rows() + " rows, the matrix " + lower.rows());
        }
        return backward(upper, forward(lower, b));
    }

    /** Solves L Y = B block row by block row, top to bottom. */
    private static INDArray forward(INDArray l, INDArray b) {
        long n = l.rows();
        INDArray y = Nd4j.create(DataType.DOUBLE, b.shape());
        for (long r0 = 0; r0 < n; r0 += BLOCK) {
            long r1 = Math.min(r0 + BLOCK, n);
            INDArray rhs = b.get(rows(r0, r1), all()).dup('c');
            if (r0 > 0) {
                rhs.subi(l.get(rows(r0, r1), rows(0, r0)).mmul(y.get(rows(0, r0), all())));
            }
            INDArray diagonal = l.get(rows(r0, r1), rows(r0, r1)).dup('c');
            y.get(rows(r0, r1), all()).assign(Nd4j.exec(new TriangularSolve(diagonal, rhs, true, false))[0]);
        }
        return y;
    }

    /** Solves U X = Y block row by block row, bottom to top. */
    private static INDArray backward(INDArray u, INDArray y) {
        long n = u.rows();
        INDArray x = Nd4j.create(DataType.DOUBLE, y.shape());
        for (long r1 = n; r1 > 0; r1 -= BLOCK) {
            long r0 = Math.max(r1 - BLOCK, 0);
            INDArray rhs = y.get(rows(r0, r1), all()).dup('c');
            if (r1 < n) {
                rhs.subi(u.get(rows(r0, r1), rows(r1, n)).mmul(x.get(rows(r1, n), all())));
            }
            INDArray diagonal = u.get(rows(r0, r1), rows(r0, r1)).dup('c');
            x.get(rows(r0, r1), all()).assign(Nd4j.exec(new TriangularSolve(diagonal, rhs, false, false))[0]);
        }
        return x;
    }

    private static INDArrayIndex rows(long from, long to) {
        return NDArrayIndex.interval(from, to);
    }

    private static INDArrayIndex all() {
        return NDArrayIndex.all();
    }

    /** The estimated conditioning of K. */
    public ConditionEstimate condition() {
        return condition;
    }

    /** The lower-triangular factor L. */
    public INDArray lower() {
        return lower;
    }

    private ConditionEstimate estimateCondition(INDArray k) {
        long n = k.rows();
        Random random = new Random(ESTIMATE_SEED);
        INDArray v = unitRandom(n, random);
        for (int t = 0; t < POWER_ITERATIONS; t++) {
            v = unit(k.mmul(v));
        }
        double largest = rayleigh(k, v);
        INDArray u = unitRandom(n, random);
        for (int t = 0; t < INVERSE_ITERATIONS; t++) {
            u = unit(solve(u));
        }
        double smallest = rayleigh(k, u);
        INDArray diagonal = Nd4j.diag(lower);
        double diagonalBound = Math.pow(diagonal.maxNumber().doubleValue() / diagonal.minNumber().doubleValue(), 2);
        ConditionEstimate iterated = ConditionEstimate.of(largest, smallest, String.format(Locale.ROOT,
                "power/inverse iteration (%d/%d steps) and max/min Cholesky diagonal squared (%.3g), the larger",
                POWER_ITERATIONS, INVERSE_ITERATIONS, diagonalBound));
        return iterated.conditionNumber() >= diagonalBound ? iterated
                : new ConditionEstimate(largest, largest / diagonalBound, diagonalBound, iterated.method());
    }

    private static ConditionEstimate exactCondition(INDArray k) {
        INDArray eigenvalues = Eigen.symmetricGeneralizedEigenvalues(k.dup(), false);
        return ConditionEstimate.of(eigenvalues.maxNumber().doubleValue(), eigenvalues.minNumber().doubleValue(),
                "exact eigenvalues (LAPACK dsyev)");
    }

    private static SingularKernelException singular(String what, long n, ConditionEstimate c, String how) {
        String number = Double.isInfinite(c.conditionNumber()) ? "infinite" : String.format(Locale.ROOT, "%.3g", c.conditionNumber());
        return new SingularKernelException(String.format(Locale.ROOT,
                "the %s is numerically singular: condition number %s (λ_max %.4g, λ_min %.4g, %s) is at or above"
                        + " 1/(n·eps) = %.3g (%s), so K α = y has no solution double precision can trust;"
                        + " a linear kernel interpolates only linearly independent points (n <= d), and every kernel"
                        + " needs distinct points",
                what, number, c.largestEigenvalue(), c.smallestEigenvalue(), c.method(),
                ConditionEstimate.singularityLimit(n), how), c);
    }

    private static INDArray unitRandom(long n, Random random) {
        double[] values = new double[(int) n];
        for (int i = 0; i < values.length; i++) {
            values[i] = random.nextGaussian();
        }
        return unit(Nd4j.create(values, new long[] {n, 1}, DataType.DOUBLE));
    }

    private static INDArray unit(INDArray v) {
        return v.divi(v.norm2Number());
    }

    private static double rayleigh(INDArray k, INDArray unitVector) {
        return unitVector.transpose().mmul(k.mmul(unitVector)).getDouble(0);
    }
}
