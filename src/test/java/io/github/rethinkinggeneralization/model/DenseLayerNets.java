package io.github.rethinkinggeneralization.model;

import java.util.Map;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.dropout.Dropout;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** Small MLPs (input, dense1, dense2, softmax) built with DL4J's dense layers or ours, for the dense-layer tests. */
final class DenseLayerNets {
    static final int IN = 96;

    private DenseLayerNets() {
    }

    /**
     * @param firstOurs  dense1 is a {@link FirstDenseLayer} (else DL4J's)
     * @param hiddenOurs dense2 is a {@link HiddenDenseLayer} (else DL4J's)
     * @param dropout    drop probability on dense2's input (0 = none)
     */
    static ComputationGraph net(boolean firstOurs, boolean hiddenOurs, double dropout) {
        DenseLayer first = new DenseLayer.Builder().nOut(64).activation(Activation.RELU).build();
        DenseLayer.Builder secondBuilder = new DenseLayer.Builder().nOut(48).activation(Activation.RELU);
        if (dropout > 0) {
            secondBuilder.dropOut(new Dropout(1 - dropout));
        }
        DenseLayer second = secondBuilder.build();
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(42).dataType(DataType.FLOAT).updater(new Nesterovs(0.05, 0.9)).weightInit(WeightInit.RELU)
                .trainingWorkspaceMode(WorkspaceMode.ENABLED).inferenceWorkspaceMode(WorkspaceMode.ENABLED)
                .graphBuilder().addInputs("in").setInputTypes(InputType.feedForward(IN))
                .addLayer("dense1", firstOurs ? FirstDenseLayer.of(first) : first, "in")
                .addLayer("dense2", hiddenOurs ? HiddenDenseLayer.of(second) : second, "dense1")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(10)
                        .activation(Activation.SOFTMAX).build(), "dense2")
                .setOutputs("out").build();
        ComputationGraph net = new ComputationGraph(conf);
        net.init();
        return net;
    }

    /**
     * The score and per-parameter gradients of {@code net} on ({@code x}, {@code y}), with ND4J's
     * random generator seeded first, so two nets draw the same dropout masks.
     */
    static Map<String, INDArray> gradients(ComputationGraph net, INDArray x, INDArray y, long randomSeed) {
        net.setInputs(x);
        net.setLabels(y);
        Nd4j.getRandom().setSeed(randomSeed);
        net.computeGradientAndScore();
        return net.gradient().gradientForVariable();
    }

    /** Three training steps on ({@code x}, {@code y}), ND4J's random generator seeded before each. */
    static void threeSteps(ComputationGraph net, INDArray x, INDArray y) {
        for (int step = 0; step < 3; step++) {
            Nd4j.getRandom().setSeed(6 + step);
            net.fit(new DataSet(x, y));
        }
    }

    /** {@code n} one-hot labels cycling through the 10 classes. */
    static INDArray oneHot(int n) {
        return oneHot(n, 10);
    }

    /** {@code n} one-hot labels cycling through {@code classes} classes. */
    static INDArray oneHot(int n, int classes) {
        INDArray y = Nd4j.zeros(DataType.FLOAT, n, classes);
        for (int i = 0; i < n; i++) {
            y.putScalar(i, i % classes, 1f);
        }
        return y;
    }
}
