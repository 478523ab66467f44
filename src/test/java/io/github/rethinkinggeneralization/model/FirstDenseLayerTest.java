package io.github.rethinkinggeneralization.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.rethinkinggeneralization.data.ImageShape;
import java.util.Map;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** The first dense layer trains exactly as DL4J's dense layer does, without the input gradient. */
class FirstDenseLayerTest {
    private static final int IN = 48;

    @Test
    void itGivesDl4jsGradientsAndTrainingSteps() {
        ComputationGraph plain = twoLayerNet(false);
        ComputationGraph first = twoLayerNet(true);
        assertThat(first.getLayer("dense1")).isInstanceOf(FirstDenseLayer.Impl.class);
        assertThat(plain.getLayer("dense1")).isNotInstanceOf(FirstDenseLayer.Impl.class);
        assertThat(first.params()).isEqualTo(plain.params());

        INDArray x = Nd4j.rand(DataType.FLOAT, 20, IN).subi(0.5);
        INDArray y = oneHot(20);
        plain.setInputs(x);
        plain.setLabels(y);
        plain.computeGradientAndScore();
        first.setInputs(x);
        first.setLabels(y);
        first.computeGradientAndScore();
        assertThat(first.score()).isEqualTo(plain.score());
        Map<String, INDArray> expected = plain.gradient().gradientForVariable();
        Map<String, INDArray> actual = first.gradient().gradientForVariable();
        assertThat(actual.keySet()).isEqualTo(expected.keySet());
        expected.forEach((name, g) -> assertThat(actual.get(name)).as(name).isEqualTo(g));

        for (int step = 0; step < 3; step++) {
            plain.fit(new DataSet(x, y));
            first.fit(new DataSet(x, y));
        }
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
        ComputationGraphConfiguration conf = twoLayerNet(true).getConfiguration();
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

    private static ComputationGraph twoLayerNet(boolean firstDense) {
        DenseLayer dense = new DenseLayer.Builder().nOut(16).activation(Activation.RELU).build();
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(42).dataType(DataType.FLOAT).updater(new Nesterovs(0.05, 0.9)).weightInit(WeightInit.RELU)
                .trainingWorkspaceMode(WorkspaceMode.ENABLED).inferenceWorkspaceMode(WorkspaceMode.ENABLED)
                .graphBuilder().addInputs("in").setInputTypes(InputType.feedForward(IN))
                .addLayer("dense1", firstDense ? FirstDenseLayer.of(dense) : dense, "in")
                .addLayer("dense2", new DenseLayer.Builder().nOut(8).activation(Activation.RELU).build(), "dense1")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(10)
                        .activation(Activation.SOFTMAX).build(), "dense2")
                .setOutputs("out").build();
        ComputationGraph net = new ComputationGraph(conf);
        net.init();
        return net;
    }

    private static INDArray oneHot(int n) {
        INDArray y = Nd4j.zeros(DataType.FLOAT, n, 10);
        for (int i = 0; i < n; i++) {
            y.putScalar(i, i % 10, 1f);
        }
        return y;
    }
}
