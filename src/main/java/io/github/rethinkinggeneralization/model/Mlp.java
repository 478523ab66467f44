package io.github.rethinkinggeneralization.model;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.nd4j.linalg.activations.Activation;

/**
 * Multi-layer perceptrons of 512 ReLU units per hidden layer (MLP 1x512, MLP 3x512), built of
 * {@link HiddenDenseLayer}s. The first hidden layer is a {@link FirstDenseLayer}: it skips the
 * gradient of the images, which nothing reads.
 */
final class Mlp {
    static final int HIDDEN_UNITS = 512;

    private Mlp() {
    }

    static NetworkFactory.LayerNames addBody(ComputationGraphConfiguration.GraphBuilder g, ModelSpec spec, int hiddenLayers) {
        String prev = NetworkFactory.INPUT;
        for (int i = 1; i <= hiddenLayers; i++) {
            DenseLayer.Builder dense = new DenseLayer.Builder()
                    .nOut(spec.scaled(HIDDEN_UNITS))
                    .activation(Activation.RELU);
            if (i > 1) {
                NetworkFactory.dropoutOnInput(dense, spec);
            }
            String name = "dense" + i;
            g.addLayer(name, i == 1 ? FirstDenseLayer.of(dense.build()) : HiddenDenseLayer.of(dense.build()), prev);
            prev = name;
        }
        return new NetworkFactory.LayerNames(prev);
    }
}
