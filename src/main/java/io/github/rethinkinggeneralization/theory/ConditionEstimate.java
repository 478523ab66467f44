package io.github.rethinkinggeneralization.theory;

/**
 * Conditioning of a symmetric positive definite matrix: estimates of its extreme eigenvalues and
 * of their ratio, the 2-norm condition number. Both estimates are lower bounds on the true
 * condition number (power and inverse iteration approach the extreme eigenvalues from inside).
 *
 * @param largestEigenvalue  estimate of λ_max
 * @param smallestEigenvalue estimate of λ_min
 * @param conditionNumber    estimate of λ_max / λ_min (infinite when λ_min &lt;= 0)
 * @param method             how the estimate was obtained
 */
public record ConditionEstimate(double largestEigenvalue, double smallestEigenvalue, double conditionNumber, String method) {

    /** The condition number from the two eigenvalues; infinite when the smallest is not positive. */
    public static ConditionEstimate of(double largest, double smallest, String method) {
        return new ConditionEstimate(largest, smallest, smallest > 0 ? largest / smallest : Double.POSITIVE_INFINITY, method);
    }

    /**
     * The condition number above which an n x n matrix counts as numerically singular: 1/(n·eps),
     * the rank tolerance of LAPACK-based rank decisions (σ_min &lt;= n·eps·σ_max, as in NumPy's
     * {@code matrix_rank} and MATLAB's {@code rank}).
     */
    public static double singularityLimit(long n) {
        return 1.0 / (n * Math.ulp(1.0));
    }
}
