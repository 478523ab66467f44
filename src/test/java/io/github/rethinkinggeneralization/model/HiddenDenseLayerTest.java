package io.github.rethinkinggeneralization.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.rethinkinggeneralization.data.ImageShape;
import java.util.Map;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Nesterovs;

/** The hidden dense layer trains as DL4J's dense layer does, with its products in the faster orientation. */
class HiddenDenseLayerTest {
    private static final double RELATIVE = 1e-5;

    @Test
    void itGivesDl4jsGradientsAndTrainingSteps() {
        assertSameTraining(DenseLayerNets.net(false, false, 0), DenseLayerNets.net(true, true, 0));
    }

    @Test
    void itDropsOutItsInputAsDl4jDoes() {
        // the first layer stays DL4J's here: ours hands on column-major activations, and dropout draws
        // its mask in memory order, so it would drop other units (with the same probability)
        assertSameTraining(DenseLayerNets.net(false, false, 0.5), DenseLayerNets.net(false, true, 0.5));
    }

    private static void assertSameTraining(ComputationGraph plain, ComputationGraph hidden) {
        assertThat(hidden.getLayer("dense2")).isInstanceOf(HiddenDenseLayer.Impl.class);
        assertThat(plain.getLayer("dense2")).isNotInstanceOf(HiddenDenseLayer.Impl.class);
        assertThat(hidden.params()).isEqualTo(plain.params());

        INDArray x = Nd4j.rand(DataType.FLOAT, 40, DenseLayerNets.IN).subi(0.5);
        INDArray y = DenseLayerNets.oneHot(40);
        Map<String, INDArray> expected = DenseLayerNets.gradients(plain, x, y, 5); // the same dropout masks for both
        Map<String, INDArray> actual = DenseLayerNets.gradients(hidden, x, y, 5);
        assertThat(hidden.score()).isCloseTo(plain.score(), org.assertj.core.data.Offset.offset(RELATIVE * plain.score()));
        assertThat(actual.keySet()).isEqualTo(expected.keySet());
        expected.forEach((name, g) -> assertThat(relativeDifference(actual.get(name), g)).as(name).isLessThan(RELATIVE));

        DenseLayerNets.threeSteps(plain, x, y);
        DenseLayerNets.threeSteps(hidden, x, y);
        assertThat(relativeDifference(hidden.params(), plain.params())).isLessThan(RELATIVE);
    }

    @ParameterizedTest
    @EnumSource(value = Architecture.class, names = {"MLP_3X512", "SMALL_ALEXNET"})
    void theMlpsAndSmallAlexNetUseItForEveryDenseLayer(Architecture a) {
        ComputationGraph net = NetworkFactory.build(ModelSpec.of(a).withWidth(0.125), ImageShape.CIFAR10, 10,
                new Nesterovs(0.01, 0.9), 1);
        long dense = 0;
        for (var layer : net.getLayers()) {
            if (layer.conf().getLayer() instanceof DenseLayer) {
                assertThat(layer).as(layer.conf().getLayer().getLayerName()).isInstanceOf(HiddenDenseLayer.Impl.class);
                dense++;
            }
        }
        assertThat(dense).isEqualTo(a == Architecture.MLP_3X512 ? 3 : 2);
    }

    @Test
    void itsConfigurationSurvivesJson() {
        ComputationGraphConfiguration conf = DenseLayerNets.net(true, true, 0).getConfiguration();
        ComputationGraph rebuilt = new ComputationGraph(ComputationGraphConfiguration.fromJson(conf.toJson()));
        rebuilt.init();
        assertThat(rebuilt.getLayer("dense2")).isInstanceOf(HiddenDenseLayer.Impl.class)
                .isNotInstanceOf(FirstDenseLayer.Impl.class);
        assertThat(rebuilt.getLayer("dense1")).isInstanceOf(FirstDenseLayer.Impl.class);
    }

    static double relativeDifference(INDArray actual, INDArray expected) {
        return actual.sub(expected).norm2Number().doubleValue() / Math.max(1e-30, expected.norm2Number().doubleValue());
    }
}
