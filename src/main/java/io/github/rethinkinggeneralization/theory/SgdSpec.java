package io.github.rethinkinggeneralization.theory;

/**
 * SGD on a linear model with squared loss (Section 5).
 *
 * @param epochs       passes over the training points
 * @param batchSize    points per step
 * @param stepFraction learning rate as a fraction of the stability limit k·b / λ_max(X Xᵀ)
 *                     (see {@link LinearModelSgd}); in (0, 1)
 * @param initScale    standard deviation of the initial weights; 0 starts from w0 = 0
 * @param seed         seed of the shuffling and of a non-zero initialization
 */
public record SgdSpec(int epochs, int batchSize, double stepFraction, double initScale, long seed) {

    public SgdSpec {
        if (epochs < 1 || batchSize < 1) {
            throw new IllegalArgumentException("need at least one epoch and one point per batch, got " + epochs + "/" + batchSize);
        }
        if (!(stepFraction > 0 && stepFraction < 1)) {
            throw new IllegalArgumentException("the step fraction must lie in (0, 1), got " + stepFraction);
        }
        if (!(initScale >= 0) || !Double.isFinite(initScale)) {
            throw new IllegalArgumentException("the initial weights' scale must be finite and >= 0, got " + initScale);
        }
    }

    /** Starting from w0 = 0. */
    public static SgdSpec fromZero(int epochs, int batchSize, double stepFraction, long seed) {
        return new SgdSpec(epochs, batchSize, stepFraction, 0, seed);
    }

    public SgdSpec withInitScale(double scale) {
        return new SgdSpec(epochs, batchSize, stepFraction, scale, seed);
    }

    public SgdSpec withEpochs(int n) {
        return new SgdSpec(n, batchSize, stepFraction, initScale, seed);
    }
}
