package io.github.rethinkinggeneralization.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.rethinkinggeneralization.data.ImageShape;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.learning.config.Nesterovs;

/** The counted FLOPs are every dense and output layer's multiply-adds, the first dense layer included. */
class FlopCountTest {
    private static final ImageShape CIFAR = new ImageShape(3, 32, 32);

    @Test
    void mlpsCountEveryDenseLayerAndTheOutput() {
        assertThat(FlopCount.forwardPerImage(build(Architecture.MLP_1X512), CIFAR))
                .isEqualTo(2L * (3072 * 512 + 512 * 10));
        assertThat(FlopCount.forwardPerImage(build(Architecture.MLP_3X512), CIFAR))
                .isEqualTo(2L * (3072 * 512 + 2 * 512 * 512 + 512 * 10));
        assertThat(FlopCount.trainingPerImage(build(Architecture.MLP_1X512), CIFAR))
                .isEqualTo(3 * FlopCount.forwardPerImage(build(Architecture.MLP_1X512), CIFAR));
    }

    @Test
    void convolutionsDominateSmallAlexNet() {
        ComputationGraph alexnet = NetworkFactory.build(ModelSpec.of(Architecture.SMALL_ALEXNET).withWidth(0.25),
                new ImageShape(3, 28, 28), 10, new Nesterovs(0.01, 0.9), 1);
        long params = alexnet.numParams();
        assertThat(FlopCount.forwardPerImage(alexnet, new ImageShape(3, 28, 28))).isGreaterThan(10 * 2 * params);
    }

    private static ComputationGraph build(Architecture mlp) {
        return NetworkFactory.build(ModelSpec.of(mlp), CIFAR, 10, new Nesterovs(0.01, 0.9), 1);
    }
}
