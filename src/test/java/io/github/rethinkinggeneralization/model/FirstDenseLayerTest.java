package io.github.rethinkinggeneralization.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

/** The first dense layer trains exactly as DL4J's dense layer does, without the input gradient. */
class FirstDenseLayerTest {

    @Test
    void itGivesDl4jsGradientsAndTrainingSteps() {
        ComputationGraph plain = DenseLayerNets.net(false, false, 0);
        ComputationGraph first = DenseLayerNets.net(true, false, 0);
        assertThat(first.getLayer("dense1")).isInstanceOf(FirstDenseLayer.Impl.class);
        assertThat(plain.getLayer("dense1")).isNotInstanceOf(FirstDenseLayer.Impl.class);
        assertThat(first.params()).isEqualTo(plain.params());

        INDArray x = Nd4j.rand(DataType.FLOAT, 20, DenseLayerNets.IN).subi(0.5);
        INDArray y = DenseLayerNets.oneHot(20);
        Map<String, INDArray> expected = DenseLayerNets.gradients(plain, x, y, 5);
        Map<String, INDArray> actual = DenseLayerNets.gradients(first, x, y, 5);
        assertThat(first.score()).isEqualTo(plain.score());
        assertThat(actual.keySet()).isEqualTo(expected.keySet());
        expected.forEach((name, g) -> assertThat(actual.get(name)).as(name).isEqualTo(g));

        DenseLayerNets.threeSteps(plain, x, y);
        DenseLayerNets.threeSteps(first, x, y);
        assertThat(first.params()).isEqualTo(plain.params());
    }

    @ParameterizedTest
    @EnumSource(value = Architecture.class, names = {"MLP_1X512", "MLP_3X512"})
    void theMlpsFirstHiddenLayerIsOneAndNoOtherIs(Architecture mlp) {
        ComputationGraph net = NetworkFactory.build(ModelSpec.of(mlp).withWidth(0.125), new ImageShape(3, 4, 4), 10,
                new Nesterovs(0.01, 0.9), 1);
        assertThat(net.getLayer("dense1")).isInstanceOf(FirstDenseLayer.Impl.class);
        for (var layer : net.getLayers()) {
            if (!layer.conf().getLayer().getLayerName().equals("dense1")) {
                assertThat(layer).isNotInstanceOf(FirstDenseLayer.Impl.class);
            }
        }
        assertThat(ParameterCount.of(net).paperConvention()).isEqualTo(
                ParameterCount.of(NetworkFactory.build(ModelSpec.of(mlp).withWidth(0.125), new ImageShape(3, 4, 4), 10,
                        new Nesterovs(0.01, 0.9), 2)).paperConvention());
    }

    @Test
    void itsConfigurationSurvivesCloningAndJson() {
        ComputationGraphConfiguration conf = DenseLayerNets.net(true, false, 0).getConfiguration();
        ComputationGraphConfiguration copy = ComputationGraphConfiguration.fromJson(conf.toJson());
        assertThat(copy).isEqualTo(conf);
        ComputationGraph rebuilt = new ComputationGraph(copy);
        rebuilt.init();
        assertThat(rebuilt.getLayer("dense1")).isInstanceOf(FirstDenseLayer.Impl.class);
        assertThat(new ComputationGraph(conf.clone())).isNotNull();
    }

    @Test
    void layerNormalizationIsRefused() {
        DenseLayer normed = new DenseLayer.Builder().nOut(4).hasLayerNorm(true).build();
        assertThatThrownBy(() -> FirstDenseLayer.of(normed)).hasMessageContaining("layer normalization");
    }
}
