package io.github.rethinkinggeneralization.theory;

/**
 * The linear model after one epoch of SGD.
 *
 * @param epoch            1-based epoch
 * @param relativeDistance ||W - Xᵀα||_F / ||Xᵀα||_F, the distance to the minimum-norm solution
 * @param nullSpaceDistance ||P_null W||_F / ||Xᵀα||_F, the part of W orthogonal to the data's span
 * @param trainError       fraction of training points whose arg-max output is not their label
 * @param maxResidual      max |X W - y| over the one-hot targets
 */
public record SgdEpoch(int epoch, double relativeDistance, double nullSpaceDistance, double trainError, double maxResidual) {
}
