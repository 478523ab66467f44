package io.github.rethinkinggeneralization.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** The max-pooling layer pools as DL4J's subsampling layer does, its gradient going to the same inputs. */
class MaxPoolingLayerTest {

    /**
     * conv (ReLU) -> max pooling -> conv -> mean pooling -> softmax, the max pooling DL4J's or ours.
     * Its windows' ties are at zero, where the ReLU's gradient is zero whichever input wins: the test
     * on ties below feeds the layer whole numbers instead.
     */
    private static ComputationGraph net(boolean ours, int size, int kernel, int stride, ConvolutionMode mode, int pad) {
        ComputationGraphConfiguration.GraphBuilder g = new NeuralNetConfiguration.Builder()
                .seed(8).dataType(DataType.FLOAT).updater(new Nesterovs(0.1, 0.9)).weightInit(WeightInit.RELU)
                .trainingWorkspaceMode(WorkspaceMode.ENABLED).inferenceWorkspaceMode(WorkspaceMode.ENABLED)
                .graphBuilder().addInputs("in").setInputTypes(InputType.convolutional(size, size, 3));
        g.addLayer("conv1", new ConvolutionLayer.Builder(3, 3).nOut(5).convolutionMode(ConvolutionMode.Same)
                .activation(Activation.RELU).build(), "in");
        SubsamplingLayer pool = new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX)
                .kernelSize(kernel, kernel).stride(stride, stride).padding(pad, pad).convolutionMode(mode).build();
        g.addLayer("pool", ours ? MaxPoolingLayer.of(pool) : pool, "conv1")
                .addLayer("conv2", new ConvolutionLayer.Builder(3, 3).nOut(4).convolutionMode(ConvolutionMode.Same)
                        .activation(Activation.RELU).build(), "pool")
                .addLayer("gap", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), "conv2")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3)
                        .activation(Activation.SOFTMAX).build(), "gap")
                .setOutputs("out");
        ComputationGraph net = new ComputationGraph(g.build());
        net.init();
        return net;
    }

    @ParameterizedTest(name = "{0}x{0} input, {1}x{1} window, stride {2}, {3} mode, padding {4}")
    @CsvSource({"28, 3, 2, Same, 0", "14, 3, 2, Same, 0", "7, 3, 2, Same, 0", "9, 2, 2, Truncate, 0",
            "8, 3, 1, Truncate, 1", "10, 3, 3, Same, 0",
            "9, 3, 2, Truncate, 1"})
    void itGivesDl4jsActivationsGradientsAndTrainingSteps(int size, int kernel, int stride, ConvolutionMode mode, int pad) {
        ComputationGraph dl4j = net(false, size, kernel, stride, mode, pad);
        ComputationGraph ours = net(true, size, kernel, stride, mode, pad);
        assertThat(ours.getLayer("pool")).isInstanceOf(MaxPoolingLayer.Impl.class);
        Nd4j.getRandom().setSeed(3);
        INDArray x = Nd4j.randn(DataType.FLOAT, 10, 3, size, size);
        INDArray y = DenseLayerNets.oneHot(10, 3);
        assertThat(ours.feedForward(x, true).get("pool")).isEqualTo(dl4j.feedForward(x, true).get("pool"));
        Map<String, INDArray> expected = DenseLayerNets.gradients(dl4j, x, y, 1);
        Map<String, INDArray> actual = DenseLayerNets.gradients(ours, x, y, 1);
        assertThat(actual.keySet()).isEqualTo(expected.keySet());
        expected.forEach((name, e) -> assertThat(actual.get(name).equalsWithEps(e, 1e-6)).as(name).isTrue());
        DenseLayerNets.threeSteps(dl4j, x, y);
        DenseLayerNets.threeSteps(ours, x, y);
        assertThat(ours.params().equalsWithEps(dl4j.params(), 1e-5)).isTrue();
        assertThat(ours.output(x)[0].equalsWithEps(dl4j.output(x)[0], 1e-5)).isTrue();
    }

    @ParameterizedTest(name = "{0}x{0} input, {1}x{1} window, stride {2}, {3} mode, padding {4}")
    @CsvSource({"28, 3, 2, Same, 0", "7, 3, 2, Same, 0", "9, 2, 2, Truncate, 0", "8, 3, 1, Truncate, 1",
            "9, 3, 2, Truncate, 1"})
    void onTiesTheGradientGoesToTheInputDl4jsLayerPicks(int size, int kernel, int stride, ConvolutionMode mode, int pad) {
        ComputationGraph dl4j = net(false, size, kernel, stride, mode, pad);
        ComputationGraph ours = net(true, size, kernel, stride, mode, pad);
        Nd4j.getRandom().setSeed(4);
        // whole numbers from -2 to 2: most windows hold ties, most of them away from zero
        INDArray x = Nd4j.rand(DataType.FLOAT, 6, 5, size, size).muli(5).subi(2.5).castTo(DataType.INT32).castTo(DataType.FLOAT);
        INDArray expectedOut = pool(dl4j, x);
        INDArray actualOut = pool(ours, x);
        assertThat(actualOut).isEqualTo(expectedOut);
        INDArray eps = Nd4j.rand(DataType.FLOAT, expectedOut.shape());
        INDArray expected = backprop(dl4j, x, eps);
        assertThat(backprop(ours, x, eps)).as("with the winners the forward pass wrote down").isEqualTo(expected);
        assertThat(backprop(ours, x.dup(), eps)).as("another array: the winners found again").isEqualTo(expected);
        INDArray other = x.neg();
        pool(ours, x);
        assertThat(backprop(ours, other, eps)).as("another input after the forward pass").isEqualTo(backprop(dl4j, other, eps));
    }

    private static INDArray pool(ComputationGraph net, INDArray x) {
        Layer layer = net.getLayer("pool");
        layer.setInput(x, LayerWorkspaceMgr.noWorkspaces());
        return layer.activate(true, LayerWorkspaceMgr.noWorkspaces());
    }

    private static INDArray backprop(ComputationGraph net, INDArray x, INDArray eps) {
        Layer layer = net.getLayer("pool");
        layer.setInput(x, LayerWorkspaceMgr.noWorkspaces());
        return layer.backpropGradient(eps, LayerWorkspaceMgr.noWorkspaces()).getSecond();
    }

    @Test
    void whatTheKernelDoesNotHandleIsLeftToDl4j() {
        INDArray x = Nd4j.rand(DataType.FLOAT, 2, 3, 6, 6);
        int[] one = {1, 1};
        assertThat(MaxPoolingKernel.handles(x, PoolingType.MAX, ConvolutionMode.Same, one, CNN2DFormat.NCHW)).isTrue();
        assertThat(MaxPoolingKernel.handles(x, PoolingType.AVG, ConvolutionMode.Same, one, CNN2DFormat.NCHW)).isFalse();
        assertThat(MaxPoolingKernel.handles(x.castTo(DataType.DOUBLE), PoolingType.MAX, ConvolutionMode.Same, one, CNN2DFormat.NCHW))
                .isFalse();
        assertThat(MaxPoolingKernel.handles(x, PoolingType.MAX, ConvolutionMode.Same, new int[] {2, 2}, CNN2DFormat.NCHW)).isFalse();
        assertThat(MaxPoolingKernel.handles(x, PoolingType.MAX, ConvolutionMode.Same, one, CNN2DFormat.NHWC)).isFalse();
        assertThat(MaxPoolingKernel.handles(x, PoolingType.MAX, ConvolutionMode.Causal, one, CNN2DFormat.NCHW)).isFalse();
    }

    @Test
    void smallInceptionUsesItAndItsConfigurationSurvivesJson() {
        SmallInceptionNets.BuiltAndRebuilt nets = SmallInceptionNets.builtAndRebuiltFromJson();
        assertThat(nets.built().getLayer("down1_pool")).isInstanceOf(MaxPoolingLayer.Impl.class);
        assertThat(nets.rebuilt().getLayer("down2_pool")).isInstanceOf(MaxPoolingLayer.Impl.class);
    }
}
