package io.github.rethinkinggeneralization.theory;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The interpolating solution f(x) = Σ_i α_i k(x_i, x) of K α = y (one column of α per target
 * column), with what the solve measured.
 *
 * @param kernel            the kernel
 * @param centres           the training points x_i (n x d)
 * @param alpha             α (n x k)
 * @param condition         K's estimated conditioning
 * @param norm              the solution's RKHS norm sqrt(trace(αᵀ K α)), for the linear kernel the
 *                          Frobenius norm of the weights Xᵀα
 * @param maxResidual       max |K α - y| over all entries
 * @param residualTolerance the bound on that residual that rounding alone explains
 */
public record KernelInterpolant(Kernel kernel, INDArray centres, INDArray alpha, ConditionEstimate condition,
                                double norm, double maxResidual, double residualTolerance) {

    /** f on the rows of {@code points} (m x d): the m x k matrix k(points, centres) α. */
    public INDArray predict(INDArray points) {
        Samples.requireFiniteMatrix("points", points);
        if (points.columns() != centres.columns()) {
            throw new IllegalArgumentException("points have " + points.columns() + " coordinates, the centres "
                    + centres.columns());
        }
        return kernel.matrix(points, centres).mmul(alpha);
    }

    /** The weights Xᵀα of the linear model this solution is, for the linear kernel (d x k). */
    public INDArray linearWeights() {
        if (!(kernel instanceof LinearKernel)) {
            throw new IllegalStateException("only a linear-kernel solution is a linear model, this one is " + kernel.id());
        }
        return centres.transpose().mmul(alpha);
    }
}
