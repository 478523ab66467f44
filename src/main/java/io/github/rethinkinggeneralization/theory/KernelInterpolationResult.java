package io.github.rethinkinggeneralization.theory;

/**
 * What one kernel interpolation run measured.
 *
 * @param spec               the run
 * @param provenance         where the images came from
 * @param nTrain             training points used
 * @param nTest              test points used
 * @param dimension          d (pixels per image)
 * @param classes            k
 * @param kernel             kernel id, with the bandwidth for the Gaussian kernel
 * @param bandwidth          σ (NaN for the linear kernel)
 * @param conditionNumber    K's estimated condition number
 * @param largestEigenvalue  estimate of K's λ_max
 * @param smallestEigenvalue estimate of K's λ_min
 * @param conditionMethod    how the condition number was estimated
 * @param trainError         fraction of training points whose interpolant's arg-max is not their label
 * @param maxTrainResidual   max |K α - y| over the one-hot targets
 * @param residualTolerance  the bound rounding alone explains ({@link KernelInterpolation})
 * @param testAccuracy       fraction of test points classified correctly
 * @param chance             1/k
 * @param norm               sqrt(trace(αᵀ K α))
 * @param solveSeconds       wall time of kernel matrix, factorization, conditioning and solve
 * @param seconds            wall time of the whole run, loading excluded
 */
public record KernelInterpolationResult(KernelSpec spec, String provenance, int nTrain, int nTest, int dimension, int classes,
                                        String kernel, double bandwidth, double conditionNumber, double largestEigenvalue,
                                        double smallestEigenvalue, String conditionMethod, double trainError,
                                        double maxTrainResidual, double residualTolerance, double testAccuracy,
                                        double chance, double norm, double solveSeconds, double seconds) {

    public double testError() {
        return 1 - testAccuracy;
    }
}
