package io.github.rethinkinggeneralization.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.rethinkinggeneralization.data.ImageShape;
import java.util.Arrays;
import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNConvHelper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Nesterovs;

/** The oneDNN layer helpers load on the CPU backend and compute what DL4J's built-in layers compute. */
class OneDnnLayerHelpersTest {
    private static final ImageShape CIFAR_CROP = new ImageShape(3, 28, 28);
    private static final String ORIGINAL = System.getProperty(OneDnnLayerHelpers.DISABLE_PROPERTY);

    @AfterEach
    void restoreProperty() {
        if (ORIGINAL == null) {
            System.clearProperty(OneDnnLayerHelpers.DISABLE_PROPERTY);
        } else {
            System.setProperty(OneDnnLayerHelpers.DISABLE_PROPERTY, ORIGINAL);
        }
    }

    @Test
    void theLoadedNativeBuildHasOneDnn() {
        assertThat(OneDnnLayerHelpers.nativeBuildHasOneDnn())
                .as("the pom's nd4j-native linux-x86_64-onednn classifier should be the library JavaCPP loads")
                .isTrue();
    }

    @Test
    void convolutionLayersGetTheOneDnnHelperByDefault() {
        System.clearProperty(OneDnnLayerHelpers.DISABLE_PROPERTY);
        ComputationGraph net = build(Architecture.SMALL_ALEXNET);
        assertThat(OneDnnLayerHelpers.active()).isTrue();
        assertThat(convolutionHelpers(net)).isNotZero();
    }

    @Test
    void aUserSettingOfTheSwitchIsKept() {
        System.setProperty(OneDnnLayerHelpers.DISABLE_PROPERTY, "true");
        ComputationGraph net = build(Architecture.SMALL_ALEXNET);
        assertThat(OneDnnLayerHelpers.active()).isFalse();
        assertThat(convolutionHelpers(net)).isZero();
    }

    @ParameterizedTest
    @EnumSource(value = Architecture.class, names = {"SMALL_ALEXNET", "SMALL_INCEPTION", "SMALL_INCEPTION_NO_BN"})
    void helpersGiveTheBuiltInLayersOutputsAndGradients(Architecture architecture) {
        System.setProperty(OneDnnLayerHelpers.DISABLE_PROPERTY, "true");
        ComputationGraph builtIn = build(architecture);
        System.setProperty(OneDnnLayerHelpers.DISABLE_PROPERTY, "false");
        ComputationGraph oneDnn = build(architecture);
        assertThat(convolutionHelpers(builtIn)).isZero();
        assertThat(convolutionHelpers(oneDnn)).isNotZero();
        oneDnn.setParams(builtIn.params().dup());

        Nd4j.getRandom().setSeed(7);
        INDArray x = Nd4j.randn(DataType.FLOAT, 16, CIFAR_CROP.size());
        INDArray y = Nd4j.zeros(DataType.FLOAT, 16, 10);
        for (int i = 0; i < 16; i++) {
            y.putScalar(i, i % 10, 1f);
        }
        assertClose(oneDnn.outputSingle(false, x), builtIn.outputSingle(false, x), "inference output");

        builtIn.setInputs(x);
        builtIn.setLabels(y);
        builtIn.computeGradientAndScore();
        oneDnn.setInputs(x);
        oneDnn.setLabels(y);
        oneDnn.computeGradientAndScore();
        assertThat(oneDnn.score()).isCloseTo(builtIn.score(), org.assertj.core.data.Percentage.withPercentage(0.01));
        Map<String, INDArray> expected = builtIn.gradient().gradientForVariable();
        Map<String, INDArray> actual = oneDnn.gradient().gradientForVariable();
        assertThat(actual.keySet()).isEqualTo(expected.keySet());
        expected.forEach((name, g) -> assertClose(actual.get(name), g, "gradient of " + name));
    }

    private static ComputationGraph build(Architecture architecture) {
        return NetworkFactory.build(ModelSpec.of(architecture).withWidth(0.125), CIFAR_CROP, 10, new Nesterovs(0.01, 0.9), 3);
    }

    /** Convolution layers with a oneDNN helper: DL4J's, or the suite's primitives ({@link OneDnnConvolutionLayer}). */
    private static long convolutionHelpers(ComputationGraph net) {
        return Arrays.stream(net.getLayers()).map(Layer::getHelper)
                .filter(h -> h instanceof MKLDNNConvHelper || h instanceof OneDnnConvolutionHelper).count();
    }

    /** Equal up to float rounding: the largest difference against the tensor's largest magnitude. */
    private static void assertClose(INDArray actual, INDArray expected, String what) {
        double scale = Math.max(expected.amaxNumber().doubleValue(), 1e-6);
        double worst = actual.sub(expected).amaxNumber().doubleValue();
        assertThat(worst / scale).as(what + ": max |diff| " + worst + " against max |value| " + scale).isLessThan(1e-3);
    }
}
