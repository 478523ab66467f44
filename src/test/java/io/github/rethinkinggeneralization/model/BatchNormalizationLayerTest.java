package io.github.rethinkinggeneralization.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.deeplearning4j.nn.conf.CacheMode;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
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
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** Batch normalization computed on the CPU, channel by channel, as DL4J's layer computes it. */
class BatchNormalizationLayerTest {
    private static final double RELATIVE = 1e-4;

    /** Whose batch norm and ReLU a test net has. */
    private enum Layers {
        /** DL4J's batch norm and activation layer. */
        DL4J,
        /** the suite's batch norm, DL4J's activation layer. */
        SUITE,
        /** the suite's batch norm with the ReLU in it ({@link BatchNormalizationLayer#followedByRelu}). */
        FUSED
    }

    private static ComputationGraph net(boolean ours) {
        return net(ours ? Layers.SUITE : Layers.DL4J);
    }

    /**
     * conv (3 -> 6, no bias) -> batch norm -> ReLU -> conv (6 -> 5) -> batch norm -> ReLU -> mean pooling -> softmax;
     * the ReLU's output is vertex "relu1"/"relu2", or "bn1"/"bn2" in the fused net.
     */
    private static ComputationGraph net(Layers layers) {
        ComputationGraphConfiguration.GraphBuilder g = new NeuralNetConfiguration.Builder()
                .seed(5).dataType(DataType.FLOAT).updater(new Nesterovs(0.1, 0.9)).weightInit(WeightInit.RELU)
                .trainingWorkspaceMode(WorkspaceMode.ENABLED).inferenceWorkspaceMode(WorkspaceMode.ENABLED)
                .cacheMode(CacheMode.DEVICE)
                .graphBuilder().addInputs("in").setInputTypes(InputType.convolutional(9, 9, 3));
        String prev = "in";
        for (int i = 1; i <= 2; i++) {
            g.addLayer("conv" + i, new ConvolutionLayer.Builder(3, 3).nOut(i == 1 ? 6 : 5).convolutionMode(ConvolutionMode.Same)
                    .activation(Activation.IDENTITY).hasBias(false).build(), prev);
            BatchNormalization bn = new BatchNormalization.Builder().build();
            g.addLayer("bn" + i, switch (layers) {
                case DL4J -> bn;
                case SUITE -> BatchNormalizationLayer.of(bn);
                case FUSED -> BatchNormalizationLayer.followedByRelu(bn);
            }, "conv" + i);
            prev = "bn" + i;
            if (layers != Layers.FUSED) {
                g.addLayer("relu" + i, new ActivationLayer.Builder().activation(Activation.RELU).build(), "bn" + i);
                prev = "relu" + i;
            }
        }
        g.addLayer("gap", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), prev)
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(4)
                        .activation(Activation.SOFTMAX).build(), "gap")
                .setOutputs("out");
        ComputationGraph net = new ComputationGraph(g.build());
        net.init();
        return net;
    }

    private static INDArray images(int n) {
        Nd4j.getRandom().setSeed(9);
        return Nd4j.randn(DataType.FLOAT, n, 3, 9, 9).muli(1.5).addi(0.3);
    }

    private static INDArray labels(int n) {
        INDArray y = Nd4j.zeros(DataType.FLOAT, n, 4);
        for (int i = 0; i < n; i++) {
            y.putScalar(i, (i * 3) % 4, 1f);
        }
        return y;
    }

    @Test
    void itNormalizesAndBackpropagatesAsDl4jsLayer() {
        ComputationGraph dl4j = net(false);
        ComputationGraph ours = net(true);
        assertThat(helper(ours)).isInstanceOf(CpuBatchNormHelper.class);
        assertThat(helper(dl4j)).isNotInstanceOf(CpuBatchNormHelper.class);
        assertThat(ours.params()).isEqualTo(dl4j.params());
        INDArray x = images(12);
        INDArray y = labels(12);

        for (boolean training : new boolean[] {true, false}) {
            Map<String, INDArray> expected = dl4j.feedForward(x, training);
            Map<String, INDArray> actual = ours.feedForward(x, training);
            for (String layer : new String[] {"bn1", "bn2", "out"}) {
                assertThat(HiddenDenseLayerTest.relativeDifference(actual.get(layer), expected.get(layer)))
                        .as(layer + (training ? " (training mode)" : " (inference)")).isLessThan(RELATIVE);
            }
        }

        assertGradientsClose(ours, dl4j, x, y);

        for (int step = 0; step < 3; step++) {
            dl4j.fit(new DataSet(x, y));
            ours.fit(new DataSet(x, y));
        }
        // weights, gamma, beta and the running mean and log10 standard deviation
        assertThat(HiddenDenseLayerTest.relativeDifference(ours.params(), dl4j.params())).isLessThan(RELATIVE);
    }

    @Test
    void aBatchOfOneImageAndAnOddBatchAreNormalizedAsDl4jDoes() {
        ComputationGraph dl4j = net(false);
        ComputationGraph ours = net(true);
        for (int n : new int[] {1, 5}) {
            INDArray x = images(n);
            assertThat(HiddenDenseLayerTest.relativeDifference(ours.feedForward(x, true).get("bn2"),
                    dl4j.feedForward(x, true).get("bn2"))).as("batch of " + n).isLessThan(RELATIVE);
        }
    }

    @Test
    void withTheReluInItItComputesTheSameFloatsAsBatchNormThenDl4jsRelu() {
        ComputationGraph separate = net(Layers.SUITE);
        ComputationGraph fused = net(Layers.FUSED);
        assertThat(((CpuBatchNormHelper) helper(fused)).appliedRelu()).as("before a pass").isFalse();
        assertThat(fused.params()).isEqualTo(separate.params());
        INDArray x = images(12);
        INDArray y = labels(12);
        for (boolean training : new boolean[] {true, false}) {
            Map<String, INDArray> expected = separate.feedForward(x, training);
            Map<String, INDArray> actual = fused.feedForward(x, training);
            assertThat(((CpuBatchNormHelper) helper(fused)).appliedRelu()).isTrue();
            assertThat(actual.get("bn1")).isEqualTo(expected.get("relu1"));
            assertThat(actual.get("bn2")).isEqualTo(expected.get("relu2"));
            assertThat(actual.get("out")).isEqualTo(expected.get("out"));
            assertThat(actual.get("bn1").minNumber().floatValue()).as("the ReLU applied").isZero();
        }
        assertThat(DenseLayerNets.gradients(fused, x, y, 1)).isEqualTo(DenseLayerNets.gradients(separate, x, y, 1));
        DenseLayerNets.threeSteps(separate, x, y);
        DenseLayerNets.threeSteps(fused, x, y);
        assertThat(fused.params()).isEqualTo(separate.params());
    }

    @Test
    void withTheReluInItAndWithoutTheKernelItAppliesTheReluAfterDl4jsBatchNorm() {
        ComputationGraph fused;
        System.setProperty(BatchNormalizationLayer.KERNEL_PROPERTY, "off");
        try {
            fused = net(Layers.FUSED);
        } finally {
            System.clearProperty(BatchNormalizationLayer.KERNEL_PROPERTY);
        }
        assertThat(helper(fused) instanceof CpuBatchNormHelper).as("the suite's helper").isFalse();
        ComputationGraph dl4j = net(Layers.DL4J);
        INDArray x = images(12);
        INDArray y = labels(12);
        Map<String, INDArray> expected = dl4j.feedForward(x, true);
        Map<String, INDArray> actual = fused.feedForward(x, true);
        for (String[] pair : new String[][] {{"bn1", "relu1"}, {"bn2", "relu2"}, {"out", "out"}}) {
            assertThat(HiddenDenseLayerTest.relativeDifference(actual.get(pair[0]), expected.get(pair[1]))).as(pair[0])
                    .isLessThan(RELATIVE);
        }
        assertGradientsClose(fused, dl4j, x, y);
    }

    @Test
    void smallInceptionUsesItWithTheReluInItAndItsConfigurationSurvivesJson() {
        SmallInceptionNets.BuiltAndRebuilt nets = SmallInceptionNets.builtAndRebuiltFromJson();
        long helpers = java.util.Arrays.stream(nets.built().getLayers())
                .filter(l -> l instanceof org.deeplearning4j.nn.layers.normalization.BatchNormalization)
                .peek(l -> assertThat(l).isInstanceOf(BatchNormalizationLayer.BatchNormReluImpl.class))
                .peek(l -> assertThat(l.getHelper()).isInstanceOf(CpuBatchNormHelper.class))
                .count();
        assertThat(helpers).as("the stem, two per Inception module, one per Downsample").isEqualTo(19);
        assertThat(nets.built().getLayers()).as("no separate ReLU layers")
                .noneMatch(l -> l instanceof org.deeplearning4j.nn.layers.ActivationLayer);
        assertThat(nets.rebuilt().getLayer("stem_bn").getHelper()).isInstanceOf(CpuBatchNormHelper.class);
        BatchNormalizationLayer conf = (BatchNormalizationLayer) nets.rebuilt().getLayer("inc8_3x3_bn").conf().getLayer();
        assertThat(conf.isUseLogStd()).as("copied from the built configuration").isTrue();
        assertThat(conf.isFollowedByRelu()).as("kept through JSON").isTrue();
    }

    /** The same parameters get gradients in both nets, each within {@link #RELATIVE} of the other's. */
    private static void assertGradientsClose(ComputationGraph actualNet, ComputationGraph expectedNet, INDArray x, INDArray y) {
        Map<String, INDArray> expected = DenseLayerNets.gradients(expectedNet, x, y, 1);
        Map<String, INDArray> actual = DenseLayerNets.gradients(actualNet, x, y, 1);
        assertThat(actual.keySet()).isEqualTo(expected.keySet());
        expected.forEach((name, g) -> assertThat(HiddenDenseLayerTest.relativeDifference(actual.get(name), g))
                .as(name).isLessThan(RELATIVE));
    }

    private static Object helper(ComputationGraph net) {
        return net.getLayer("bn1").getHelper();
    }
}
