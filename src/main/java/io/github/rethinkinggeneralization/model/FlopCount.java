package io.github.rethinkinggeneralization.model;

import io.github.rethinkinggeneralization.data.ImageShape;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;

/**
 * A counted FLOP model of a network: multiply-adds of its dense and convolution layers (2 FLOPs
 * each) per image for the forward pass; a training step costs about 3x the forward pass (forward,
 * gradient w.r.t. inputs, gradient w.r.t. weights). Element-wise work (activations, pooling,
 * normalization) is left out, so achieved GFLOP/s figures are slight underestimates.
 */
public final class FlopCount {
    private FlopCount() {
    }

    /** Forward-pass FLOPs per image. */
    public static long forwardPerImage(ComputationGraph net, ImageShape input) {
        ComputationGraphConfiguration conf = net.getConfiguration();
        InputType in = conf.getVertices().values().stream().anyMatch(v -> v instanceof LayerVertex lv
                && lv.getLayerConf().getLayer() instanceof ConvolutionLayer)
                ? InputType.convolutionalFlat(input.height(), input.width(), input.channels())
                : InputType.feedForward(input.size());
        Map<String, InputType> outTypes = conf.getLayerActivationTypes(in);
        Map<String, List<String>> inputs = conf.getVertexInputs();
        long flops = 0;
        for (Map.Entry<String, GraphVertex> e : conf.getVertices().entrySet()) {
            if (!(e.getValue() instanceof LayerVertex lv)) {
                continue;
            }
            if (lv.getLayerConf().getLayer() instanceof ConvolutionLayer conv) {
                InputType.InputTypeConvolutional out = (InputType.InputTypeConvolutional) outTypes.get(e.getKey());
                long k = (long) conv.getKernelSize()[0] * conv.getKernelSize()[1];
                flops += 2L * k * conv.getNIn() * conv.getNOut() * out.getHeight() * out.getWidth();
            } else if (lv.getLayerConf().getLayer() instanceof FeedForwardLayer ff
                    && (ff instanceof org.deeplearning4j.nn.conf.layers.DenseLayer
                        || ff instanceof org.deeplearning4j.nn.conf.layers.OutputLayer)) { // FirstDenseLayer too
                flops += 2L * ff.getNIn() * ff.getNOut();
            }
        }
        return flops;
    }

    /** Training FLOPs per image (about 3x forward). */
    public static long trainingPerImage(ComputationGraph net, ImageShape input) {
        return 3 * forwardPerImage(net, input);
    }
}
