package io.github.rethinkinggeneralization.theory;

import java.util.List;

/**
 * SGD's path on a linear model, measured against the minimum-norm interpolant Xᵀα.
 *
 * @param spec                   the run
 * @param n                      training points
 * @param d                      dimension
 * @param learningRate           the step size used
 * @param epochs                 one record per epoch
 * @param minimumNorm            ||Xᵀα||_F
 * @param finalNorm              ||W||_F after the last epoch
 * @param predictedLimitDistance where theory says SGD ends: ||P_null W0||_F / ||Xᵀα||_F, the part
 *                               of the initialization orthogonal to the data, which no gradient step
 *                               changes (0 from w0 = 0)
 * @param conditionNumber        condition number estimate of X Xᵀ
 * @param seconds                wall time
 */
public record SgdTrajectory(SgdSpec spec, int n, int d, double learningRate, List<SgdEpoch> epochs, double minimumNorm,
                            double finalNorm, double predictedLimitDistance, double conditionNumber, double seconds) {

    public SgdTrajectory {
        epochs = List.copyOf(epochs);
    }

    public SgdEpoch last() {
        return epochs.get(epochs.size() - 1);
    }

    public SgdEpoch first() {
        return epochs.get(0);
    }
}
