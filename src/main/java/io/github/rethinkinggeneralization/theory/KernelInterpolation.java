package io.github.rethinkinggeneralization.theory;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Section 5's minimum-norm interpolation: solve K α = y exactly (no regularization) with a Cholesky
 * factorization of the kernel matrix, in double precision.
 *
 * <p>The residual tolerance follows from the Cholesky solve's backward stability (Higham, Accuracy
 * and Stability of Numerical Algorithms, Thm 10.4 with || |Lᵀ||L| ||₂ &lt;= n ||K||₂): the computed
 * α solves (K + ΔK) α = y with ||ΔK||₂ &lt;= (3n+1)·n·u·||K||₂, so each residual column is at most
 * (3n+1)·n·u·||K||₂·||α_c||₂. The tolerance is twice that, with ||K||₂ bounded by the largest
 * absolute row sum and u = 2^-53.
 */
public final class KernelInterpolation {
    private KernelInterpolation() {
    }

    /**
     * Interpolates targets {@code y} (n x k) at points {@code x} (n x d), both double matrices.
     *
     * @throws IllegalArgumentException on empty, non-finite, non-double or mismatched input
     * @throws SingularKernelException  when the kernel matrix is (numerically) singular
     */
    public static KernelInterpolant fit(Kernel kernel, INDArray x, INDArray y) {
        Samples.requireFiniteMatrix("points", x);
        Samples.requireFiniteMatrix("targets", y);
        if (x.rows() != y.rows()) {
            throw new IllegalArgumentException("got " + x.rows() + " points but " + y.rows()
                    + " target rows: there must be exactly one target row per point");
        }
        long n = x.rows();
        INDArray k = kernel.matrix(x, x);
        CholeskyFactor factor = CholeskyFactor.of(k, kernel.id() + " kernel matrix of " + n + " points");
        INDArray alpha = factor.solve(y);
        INDArray fitted = k.mmul(alpha);
        double norm = Math.sqrt(alpha.mul(fitted).sumNumber().doubleValue());
        double maxResidual = fitted.sub(y).amaxNumber().doubleValue();
        double kNormBound = Transforms.abs(k, true).sum(1).maxNumber().doubleValue();
        double largestColumn = alpha.norm2(0).maxNumber().doubleValue();
        double tolerance = 2 * (3.0 * n + 1) * n * FitTolerance.DOUBLE_ROUNDOFF * kNormBound * largestColumn;
        return new KernelInterpolant(kernel, x, alpha, factor.condition(), norm, maxResidual, tolerance);
    }
}
