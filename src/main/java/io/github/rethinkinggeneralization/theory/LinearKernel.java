package io.github.rethinkinggeneralization.theory;

import org.nd4j.linalg.api.ndarray.INDArray;

/** The linear kernel k(x, z) = &lt;x, z&gt;: K = X Xᵀ, Section 5's equation (3). */
public record LinearKernel() implements Kernel {

    @Override
    public INDArray matrix(INDArray x, INDArray z) {
        return x.mmul(z.transpose());
    }

    @Override
    public String id() {
        return "linear";
    }
}
