package io.github.rethinkinggeneralization.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** The ReLU layer computes what DL4J's activation layer with a ReLU computes, without its copies. */
class ReluLayerTest {

    /** conv (identity) -> ReLU -> conv (identity) -> ReLU -> mean pooling -> softmax, the ReLUs DL4J's or ours. */
    private static ComputationGraph net(boolean ours) {
        ComputationGraphConfiguration.GraphBuilder g = new NeuralNetConfiguration.Builder()
                .seed(8).dataType(DataType.FLOAT).updater(new Nesterovs(0.1, 0.9)).weightInit(WeightInit.RELU)
                .trainingWorkspaceMode(WorkspaceMode.ENABLED).inferenceWorkspaceMode(WorkspaceMode.ENABLED)
                .graphBuilder().addInputs("in").setInputTypes(InputType.convolutional(7, 7, 3));
        String prev = "in";
        for (int i = 1; i <= 2; i++) {
            g.addLayer("conv" + i, new ConvolutionLayer.Builder(3, 3).nOut(4).convolutionMode(ConvolutionMode.Same)
                    .activation(Activation.IDENTITY).build(), prev);
            g.addLayer("relu" + i, ours ? new ReluLayer() : new ActivationLayer.Builder().activation(Activation.RELU).build(),
                    "conv" + i);
            prev = "relu" + i;
        }
        g.addLayer("gap", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), prev)
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3)
                        .activation(Activation.SOFTMAX).build(), "gap")
                .setOutputs("out");
        ComputationGraph net = new ComputationGraph(g.build());
        net.init();
        return net;
    }

    @Test
    void itGivesDl4jsActivationsGradientsAndTrainingSteps() {
        ComputationGraph dl4j = net(false);
        ComputationGraph ours = net(true);
        assertThat(ours.getLayer("relu1")).isInstanceOf(ReluLayer.Impl.class);
        Nd4j.getRandom().setSeed(2);
        INDArray x = Nd4j.randn(DataType.FLOAT, 10, 3, 7, 7);
        INDArray y = DenseLayerNets.oneHot(10, 3);
        assertThat(ours.feedForward(x, true).get("relu2")).isEqualTo(dl4j.feedForward(x, true).get("relu2"));
        Map<String, INDArray> expected = DenseLayerNets.gradients(dl4j, x, y, 1);
        Map<String, INDArray> actual = DenseLayerNets.gradients(ours, x, y, 1);
        assertThat(actual).isEqualTo(expected);
        DenseLayerNets.threeSteps(dl4j, x, y);
        DenseLayerNets.threeSteps(ours, x, y);
        assertThat(ours.params()).isEqualTo(dl4j.params());
    }

    @Test
    void smallInceptionUsesItAndItsConfigurationSurvivesJson() {
        SmallInceptionNets.BuiltAndRebuilt nets = SmallInceptionNets.builtAndRebuiltFromJson();
        assertThat(nets.built().getLayer("stem_relu")).isInstanceOf(ReluLayer.Impl.class);
        assertThat(nets.rebuilt().getLayer("inc8_3x3_relu")).isInstanceOf(ReluLayer.Impl.class);
    }
}
