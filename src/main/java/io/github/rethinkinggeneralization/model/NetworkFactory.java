package io.github.rethinkinggeneralization.model;

import io.github.rethinkinggeneralization.data.ImageShape;
import org.deeplearning4j.nn.conf.CacheMode;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.dropout.Dropout;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Builds the paper's networks as DL4J computation graphs for a given input shape. Inputs are fed
 * flat (one row of C·H·W channel-major values per image); convolutional nets reshape them.
 */
public final class NetworkFactory {
    /** Name of the graph's input. */
    public static final String INPUT = "input";
    /** Name of the graph's softmax output. */
    public static final String OUTPUT = "output";

    private NetworkFactory() {
    }

    /**
     * A freshly initialised network.
     *
     * @param spec       architecture, width and regularizers (weight decay and dropout are built in;
     *                   random-crop augmentation is the training engine's job)
     * @param input      shape of the (preprocessed) images
     * @param numClasses size of the softmax output
     * @param updater    the optimizer (e.g. SGD with momentum and its learning rate)
     * @param seed       seed of the weight initialisation and dropout masks
     */
    public static ComputationGraph build(ModelSpec spec, ImageShape input, int numClasses, IUpdater updater, long seed) {
        return build(spec, input, numClasses, updater, GradientClipping.none(), seed);
    }

    /**
     * A freshly initialised network whose layers clip their gradients before each update.
     *
     * @param clipping per-layer gradient clipping ({@link GradientClipping#none()} = the paper's optimizer)
     * @see #build(ModelSpec, ImageShape, int, IUpdater, long)
     */
    public static ComputationGraph build(ModelSpec spec, ImageShape input, int numClasses, IUpdater updater,
                                         GradientClipping clipping, long seed) {
        CpuBackendSettings.apply();
        OneDnnLayerHelpers.enable();
        CpuBackendSettings.holdToTrainingThreads();
        NeuralNetConfiguration.Builder base = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(DataType.FLOAT)
                .updater(updater)
                .weightInit(WeightInit.RELU)
                .trainingWorkspaceMode(WorkspaceMode.ENABLED)
                .inferenceWorkspaceMode(WorkspaceMode.ENABLED)
                .cacheMode(CacheMode.DEVICE);
        clipping.applyTo(base);
        if (spec.regularization().weightDecay() > 0) {
            base.l2(spec.regularization().weightDecay());
        }
        ComputationGraphConfiguration.GraphBuilder g = base.graphBuilder().addInputs(INPUT);
        if (spec.architecture().convolutional()) {
            g.setInputTypes(InputType.convolutionalFlat(input.height(), input.width(), input.channels()));
        } else {
            g.setInputTypes(InputType.feedForward(input.size()));
        }
        LayerNames body = switch (spec.architecture()) {
            case MLP_1X512 -> Mlp.addBody(g, spec, 1);
            case MLP_3X512 -> Mlp.addBody(g, spec, 3);
            case SMALL_ALEXNET -> SmallAlexNet.addBody(g, spec);
            case SMALL_INCEPTION -> SmallInception.addBody(g, spec, true);
            case SMALL_INCEPTION_NO_BN -> SmallInception.addBody(g, spec, false);
        };
        OutputLayer.Builder out = new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                .nOut(numClasses)
                .activation(Activation.SOFTMAX);
        dropoutOnInput(out, spec);
        g.addLayer(OUTPUT, out.build(), body.last());
        g.setOutputs(OUTPUT);
        ComputationGraph net = new ComputationGraph(g.build());
        net.init();
        OwnGradientUpdater.install(net);
        return net;
    }

    /**
     * DL4J applies a layer's dropout to that layer's input; putting it on the layers that read a
     * hidden layer drops hidden units with the spec's probability.
     */
    static void dropoutOnInput(org.deeplearning4j.nn.conf.layers.Layer.Builder<?> layer, ModelSpec spec) {
        double p = spec.regularization().dropout();
        if (p > 0) {
            layer.dropOut(new Dropout(1.0 - p));
        }
    }

    /** The name of the last vertex a body added. */
    record LayerNames(String last) {
    }
}
