package io.github.rethinkinggeneralization.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.rethinkinggeneralization.data.ImageShape;
import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.LocalResponseNormalization;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** Local response normalization: DL4J's forward pass, the exact backward pass. */
class LocalResponseNormalizationLayerTest {
    private static final int CHANNELS = 11;
    private static final int SIDE = 5;

    /** small AlexNet's settings (the TensorFlow CIFAR-10 tutorial's) */
    private static LocalResponseNormalization alexNets() {
        return new LocalResponseNormalization.Builder().k(1.0).n(9).alpha(0.001 / 9.0).beta(0.75).build();
    }

    /** a normalization strong enough that u differs across each window */
    private static LocalResponseNormalization strong() {
        return new LocalResponseNormalization.Builder().k(0.5).n(5).alpha(1.0).beta(0.75).build();
    }

    /** conv (3 -> CHANNELS) -> LRN -> global mean pooling -> softmax, the LRN DL4J's or ours. */
    private static ComputationGraph net(LocalResponseNormalization lrn, boolean ours, DataType type) {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(7).dataType(type).updater(type == DataType.DOUBLE ? new NoOp() : new Nesterovs(0.05, 0.9))
                .weightInit(WeightInit.XAVIER)
                .graphBuilder().addInputs("in").setInputTypes(InputType.convolutional(SIDE, SIDE, 3))
                .addLayer("conv", new ConvolutionLayer.Builder(3, 3).nOut(CHANNELS).convolutionMode(ConvolutionMode.Same)
                        .activation(Activation.TANH).build(), "in")
                .addLayer("lrn", ours ? LocalResponseNormalizationLayer.of(lrn) : lrn, "conv")
                .addLayer("gap", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), "lrn")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(4)
                        .activation(Activation.SOFTMAX).build(), "gap")
                .setOutputs("out").build();
        ComputationGraph net = new ComputationGraph(conf);
        net.init();
        return net;
    }

    private static INDArray images(DataType type, int n) {
        Nd4j.getRandom().setSeed(3);
        return Nd4j.randn(type, n, 3, SIDE, SIDE).muli(2);
    }

    private static INDArray labels(DataType type, int n) {
        INDArray y = Nd4j.zeros(type, n, 4);
        for (int i = 0; i < n; i++) {
            y.putScalar(i, i % 4, 1.0);
        }
        return y;
    }

    @Test
    void itsOutputIsDl4jsLocalResponseNormalization() {
        for (LocalResponseNormalization lrn : new LocalResponseNormalization[] {alexNets(), strong()}) {
            ComputationGraph plain = net(lrn, false, DataType.FLOAT);
            ComputationGraph ours = net(lrn, true, DataType.FLOAT);
            assertThat(ours.getLayer("lrn")).isInstanceOf(LocalResponseNormalizationLayer.Impl.class);
            INDArray x = images(DataType.FLOAT, 6);
            INDArray expected = plain.feedForward(x, false).get("lrn");
            INDArray actual = ours.feedForward(x, false).get("lrn");
            assertThat(HiddenDenseLayerTest.relativeDifference(actual, expected)).as("n = " + lrn.getN()).isLessThan(1e-6);
        }
    }

    @Test
    void itsGradientPassesANumericalCheckWhereDl4jsFails() {
        INDArray x = images(DataType.DOUBLE, 3);
        INDArray y = labels(DataType.DOUBLE, 3);
        assertThat(gradientCheck(net(strong(), true, DataType.DOUBLE), x, y, false)).isTrue();
        // the control: DL4J's backward pass divides by u_i outside the window sum (DL4J issue 7272)
        assertThat(gradientCheck(net(strong(), false, DataType.DOUBLE), x, y, true)).isFalse();
    }

    @Test
    void atSmallAlexNetsSettingsItsGradientIsDl4jsUpToTheCorrection() {
        INDArray x = images(DataType.FLOAT, 8);
        INDArray y = labels(DataType.FLOAT, 8);
        ComputationGraph plain = net(alexNets(), false, DataType.FLOAT);
        ComputationGraph ours = net(alexNets(), true, DataType.FLOAT);
        var expected = DenseLayerNets.gradients(plain, x, y, 1);
        var actual = DenseLayerNets.gradients(ours, x, y, 1);
        assertThat(ours.score()).isCloseTo(plain.score(), org.assertj.core.data.Offset.offset(1e-6 * plain.score()));
        expected.forEach((name, g) -> assertThat(HiddenDenseLayerTest.relativeDifference(actual.get(name), g))
                .as(name).isLessThan(1e-3));
        assertThat(gradientCheck(net(alexNets(), true, DataType.DOUBLE), x.castTo(DataType.DOUBLE),
                y.castTo(DataType.DOUBLE), false)).isTrue();
    }

    @Test
    void itsCpuKernelComputesWhatItsNd4jOperationsCompute() {
        for (LocalResponseNormalization lrn : new LocalResponseNormalization[] {alexNets(), strong()}) {
            for (int n : new int[] {8, 3}) {
                INDArray x = images(DataType.FLOAT, n);
                INDArray y = labels(DataType.FLOAT, n);
                ComputationGraph kernel = net(lrn, true, DataType.FLOAT);
                ComputationGraph operations = net(lrn, true, DataType.FLOAT);
                INDArray kernelOut = kernel.feedForward(x, false).get("lrn");
                var kernelGradients = DenseLayerNets.gradients(kernel, x, y, 1);
                System.setProperty(LocalResponseNormalizationLayer.KERNEL_PROPERTY, "off");
                try {
                    INDArray operationsOut = operations.feedForward(x, false).get("lrn");
                    var operationsGradients = DenseLayerNets.gradients(operations, x, y, 1);
                    String what = "n = " + lrn.getN() + ", alpha = " + lrn.getAlpha() + ", batch of " + n;
                    assertThat(HiddenDenseLayerTest.relativeDifference(kernelOut, operationsOut)).as(what).isLessThan(1e-6);
                    operationsGradients.forEach((name, g) -> assertThat(
                            HiddenDenseLayerTest.relativeDifference(kernelGradients.get(name), g)).as(what + ": " + name).isLessThan(1e-5));
                } finally {
                    System.clearProperty(LocalResponseNormalizationLayer.KERNEL_PROPERTY);
                }
            }
        }
    }

    @Test
    void smallAlexNetUsesItAndItsConfigurationSurvivesJson() {
        ComputationGraph net = NetworkFactory.build(ModelSpec.of(Architecture.SMALL_ALEXNET).withWidth(0.25),
                ImageShape.CIFAR10, 10, new Nesterovs(0.01, 0.9), 1);
        assertThat(net.getLayer("lrn1")).isInstanceOf(LocalResponseNormalizationLayer.Impl.class);
        assertThat(net.getLayer("lrn2")).isInstanceOf(LocalResponseNormalizationLayer.Impl.class);
        ComputationGraph rebuilt = new ComputationGraph(ComputationGraphConfiguration.fromJson(net.getConfiguration().toJson()));
        rebuilt.init();
        assertThat(rebuilt.getLayer("lrn2")).isInstanceOf(LocalResponseNormalizationLayer.Impl.class);
        LocalResponseNormalization conf = (LocalResponseNormalization) rebuilt.getLayer("lrn2").conf().getLayer();
        assertThat(conf.getN()).isEqualTo(9.0);
        assertThat(conf.getAlpha()).isEqualTo(0.001 / 9.0);
    }

    @Test
    void aSmallerLastBatchIsNormalizedAsTheFullOnes() {
        ComputationGraph ours = net(strong(), true, DataType.FLOAT);
        ComputationGraph plain = net(strong(), false, DataType.FLOAT);
        for (int n : new int[] {8, 3, 8}) {
            INDArray x = images(DataType.FLOAT, n);
            assertThat(HiddenDenseLayerTest.relativeDifference(ours.feedForward(x, false).get("lrn"),
                    plain.feedForward(x, false).get("lrn"))).as("batch of " + n).isLessThan(1e-6);
        }
    }

    /** DL4J's finite-difference check of every parameter's gradient (double precision, as it requires). */
    private static boolean gradientCheck(ComputationGraph net, INDArray x, INDArray y, boolean stopAtFirstFailure) {
        DataType before = Nd4j.dataType();
        DataType beforeFloat = Nd4j.defaultFloatingPointType();
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
        try {
            return GradientCheckUtil.checkGradients(new GradientCheckUtil.GraphConfig().net(net)
                    .inputs(new INDArray[] {x}).labels(new INDArray[] {y})
                    .epsilon(1e-6).maxRelError(1e-5).minAbsoluteError(1e-9)
                    .print(GradientCheckUtil.PrintMode.FAILURES_ONLY).exitOnFirstError(stopAtFirstFailure));
        } finally {
            Nd4j.setDefaultDataTypes(before, beforeFloat);
        }
    }
}
