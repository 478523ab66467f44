package io.github.rethinkinggeneralization.model;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.nd4j.linalg.activations.Activation;

/**
 * The paper's small Inception (Appendix A): a 3x3 conv with 96 filters, then Inception(32,32),
 * Inception(32,48), Downsample(80), Inception(112,48), Inception(96,64), Inception(80,80),
 * Inception(48,96), Downsample(96), Inception(176,160), Inception(176,160), global mean pooling.
 * Every conv is conv + batch norm + ReLU, or conv (with bias) + ReLU in the "w/o BatchNorm" variant.
 */
final class SmallInception {
    private SmallInception() {
    }

    static NetworkFactory.LayerNames addBody(ComputationGraphConfiguration.GraphBuilder g, ModelSpec spec, boolean batchNorm) {
        Builder b = new Builder(g, spec, batchNorm);
        String x = b.conv("stem", NetworkFactory.INPUT, 3, 96, 1);
        x = b.inception("inc1", x, 32, 32);
        x = b.inception("inc2", x, 32, 48);
        x = b.downsample("down1", x, 80);
        x = b.inception("inc3", x, 112, 48);
        x = b.inception("inc4", x, 96, 64);
        x = b.inception("inc5", x, 80, 80);
        x = b.inception("inc6", x, 48, 96);
        x = b.downsample("down2", x, 96);
        x = b.inception("inc7", x, 176, 160);
        x = b.inception("inc8", x, 176, 160);
        g.addLayer("gap", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), x);
        return new NetworkFactory.LayerNames("gap");
    }

    private record Builder(ComputationGraphConfiguration.GraphBuilder g, ModelSpec spec, boolean batchNorm) {

        /** conv (+ BN) + ReLU; returns the name of its output vertex. */
        String conv(String name, String in, int k, int filters, int stride) {
            ConvolutionLayer.Builder conv = new ConvolutionLayer.Builder(k, k)
                    .stride(stride, stride)
                    .nOut(spec.scaled(filters))
                    .convolutionMode(ConvolutionMode.Same);
            if (!batchNorm) {
                g.addLayer(name, convolution(conv.activation(Activation.RELU).build(), in), in);
                return name;
            }
            // batch norm's shift takes the bias's place, as in the paper's count; the ReLU is the batch norm layer's
            g.addLayer(name, convolution(conv.activation(Activation.IDENTITY).hasBias(false).build(), in), in);
            g.addLayer(name + "_bn", BatchNormalizationLayer.followedByRelu(new BatchNormalization.Builder().build()), name);
            return name + "_bn";
        }

        /** The suite's convolution layer; the one reading the images skips their gradient. */
        private static OneDnnConvolutionLayer convolution(ConvolutionLayer conv, String in) {
            return in.equals(NetworkFactory.INPUT) ? FirstConvolutionLayer.of(conv) : OneDnnConvolutionLayer.of(conv);
        }

        String inception(String name, String in, int c1, int c3) {
            String a = conv(name + "_1x1", in, 1, c1, 1);
            String b = conv(name + "_3x3", in, 3, c3, 1);
            g.addVertex(name, new MergeVertex(), a, b);
            return name;
        }

        String downsample(String name, String in, int c) {
            String a = conv(name + "_conv", in, 3, c, 2);
            g.addLayer(name + "_pool", MaxPoolingLayer.of(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX)
                    .kernelSize(3, 3).stride(2, 2).convolutionMode(ConvolutionMode.Same).build()), in);
            g.addVertex(name, new MergeVertex(), a, name + "_pool");
            return name;
        }
    }
}
