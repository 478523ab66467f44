/**
 * The paper's theory made executable: Theorem 1's two-layer ReLU network that fits any labels of
 * n points in d dimensions with 2n+d weights ({@link io.github.rethinkinggeneralization.theory.Theorem1Construction}),
 * and Section 5's minimum-norm interpolation by kernel solves and by SGD on a linear model from zero
 * ({@link io.github.rethinkinggeneralization.theory.KernelInterpolation},
 * {@link io.github.rethinkinggeneralization.theory.LinearModelSgd}). All arithmetic is in double precision.
 */
package io.github.rethinkinggeneralization.theory;
