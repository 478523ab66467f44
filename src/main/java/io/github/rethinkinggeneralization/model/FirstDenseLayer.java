package io.github.rethinkinggeneralization.model;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * A dense layer that reads the network's input (an MLP's first hidden layer). It computes what
 * {@link HiddenDenseLayer} computes, except the gradient with respect to its input: nothing reads
 * the gradient of the images, and for MLP 1x512 that product (batch x 512 x 3,072) is a quarter
 * of a training step's multiply-adds. DL4J's graph accepts a layer that returns no input gradient
 * (its embedding layers do the same).
 *
 * <p>Built from an ordinary {@link DenseLayer} configuration ({@link #of}), so every setting of the
 * builder carries over. Not for layers with layer normalization, whose backward pass this does not
 * cover.
 */
public class FirstDenseLayer extends HiddenDenseLayer {

    /** For DL4J's JSON (de)serialization of configurations. */
    public FirstDenseLayer() {
    }

    /** The same layer as {@code dense}, without the input gradient. */
    public static FirstDenseLayer of(DenseLayer dense) {
        return copySettings(dense, new FirstDenseLayer());
    }

    @Override
    Impl newImpl(NeuralNetConfiguration conf, DataType dataType) {
        return new Impl(conf, dataType);
    }

    /** The hidden dense layer's runtime layer without the input gradient. */
    static final class Impl extends HiddenDenseLayer.Impl {
        Impl(NeuralNetConfiguration conf, DataType dataType) {
            super(conf, dataType);
        }

        @Override
        boolean computesInputGradient() {
            return false;
        }
    }
}
