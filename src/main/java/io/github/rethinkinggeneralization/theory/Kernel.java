package io.github.rethinkinggeneralization.theory;

import org.nd4j.linalg.api.ndarray.INDArray;

/** A positive semi-definite kernel k(x, z) on rows of double matrices. */
public sealed interface Kernel permits LinearKernel, GaussianKernel {

    /** The m x n matrix k(x_i, z_j) for the rows of {@code x} (m x d) and {@code z} (n x d), in double precision. */
    INDArray matrix(INDArray x, INDArray z);

    /** Short id for reports ("linear", "gaussian(σ=9.31)"). */
    String id();
}
