package io.github.rethinkinggeneralization.model;

import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;

/**
 * A CNN's first convolution, which reads the network's input: an {@link OneDnnConvolutionLayer}
 * whose backward pass leaves out the gradient of the images, which nothing reads (as
 * {@link FirstDenseLayer} does for the MLPs). It returns zeros in its place, because DL4J's graph
 * passes a conv net's input gradient through the preprocessor that reshapes flat images, which
 * does not accept none. Small AlexNet's first 5x5 convolution at 1/4 width:
 * its backward pass computes the input gradient with the weight gradient for about half its time.
 * Where DL4J's helper or DL4J's own code runs the layer instead, it computes the gradient as before.
 */
public class FirstConvolutionLayer extends OneDnnConvolutionLayer {

    /** For DL4J's JSON (de)serialization of configurations. */
    public FirstConvolutionLayer() {
    }

    /** The same convolution as {@code conv}, every setting copied, without the input gradient. */
    public static FirstConvolutionLayer of(ConvolutionLayer conv) {
        return LayerSettings.copy(conv, new FirstConvolutionLayer(), ConvolutionLayer.class);
    }

    @Override
    boolean computesInputGradient() {
        return false;
    }
}
