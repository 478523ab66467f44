package io.github.rethinkinggeneralization.model;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.LocalResponseNormalization;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.nd4j.linalg.activations.Activation;

/**
 * The paper's small AlexNet (Appendix A): two blocks of [5x5 conv with 64 channels, 3x3 max-pool
 * stride 2, local response normalization], then fully connected layers of 384 and 192 ReLU units.
 * LRN uses the TensorFlow CIFAR-10 tutorial's settings (depth radius 4, bias 1, alpha 0.001/9,
 * beta 0.75).
 */
final class SmallAlexNet {
    private SmallAlexNet() {
    }

    static NetworkFactory.LayerNames addBody(ComputationGraphConfiguration.GraphBuilder g, ModelSpec spec) {
        String prev = NetworkFactory.INPUT;
        for (int block = 1; block <= 2; block++) {
            ConvolutionLayer conv = new ConvolutionLayer.Builder(5, 5)
                    .stride(1, 1)
                    .nOut(spec.scaled(64))
                    .convolutionMode(ConvolutionMode.Same)
                    .activation(Activation.RELU)
                    .build();
            // the first convolution reads the images and skips their gradient
            g.addLayer("conv" + block, block == 1 ? FirstConvolutionLayer.of(conv) : OneDnnConvolutionLayer.of(conv), prev);
            g.addLayer("pool" + block, new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX)
                    .kernelSize(3, 3)
                    .stride(2, 2)
                    .convolutionMode(ConvolutionMode.Same)
                    .build(), "conv" + block);
            g.addLayer("lrn" + block, LocalResponseNormalizationLayer.of(new LocalResponseNormalization.Builder()
                    .k(1.0).n(9).alpha(0.001 / 9.0).beta(0.75)
                    .build()), "pool" + block);
            prev = "lrn" + block;
        }
        int[] fc = {384, 192};
        for (int i = 0; i < fc.length; i++) {
            DenseLayer.Builder dense = new DenseLayer.Builder().nOut(spec.scaled(fc[i])).activation(Activation.RELU);
            NetworkFactory.dropoutOnInput(dense, spec);
            String name = "fc" + (i + 1);
            g.addLayer(name, HiddenDenseLayer.of(dense.build()), prev);
            prev = name;
        }
        return new NetworkFactory.LayerNames(prev);
    }
}
