package io.github.rethinkinggeneralization.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.rethinkinggeneralization.data.ImageShape;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.learning.config.Nesterovs;

class ParameterCountTest {
    private static final ImageShape CIFAR_CROP = new ImageShape(3, 28, 28);

    @ParameterizedTest
    @EnumSource(Architecture.class)
    void fullWidthCountMatchesTable1(Architecture architecture) {
        ComputationGraph net = NetworkFactory.build(ModelSpec.of(architecture), CIFAR_CROP, 10, new Nesterovs(0.01, 0.9), 1);
        assertThat(ParameterCount.of(net).paperConvention()).isEqualTo(architecture.paperParameterCount());
    }

    @ParameterizedTest
    @EnumSource(Architecture.class)
    void halfWidthNetsAreSmaller(Architecture architecture) {
        ComputationGraph net = NetworkFactory.build(ModelSpec.of(architecture).withWidth(0.5), CIFAR_CROP, 10,
                new Nesterovs(0.01, 0.9), 1);
        assertThat(ParameterCount.of(net).paperConvention()).isLessThan(architecture.paperParameterCount() * 3 / 4);
    }

    @ParameterizedTest
    @EnumSource(Architecture.class)
    void mnistShapedNetsAcceptOneChannel(Architecture architecture) {
        ComputationGraph net = NetworkFactory.build(ModelSpec.of(architecture).withWidth(0.25), ImageShape.MNIST, 10,
                new Nesterovs(0.01, 0.9), 1);
        org.nd4j.linalg.api.ndarray.INDArray out = net.outputSingle(org.nd4j.linalg.factory.Nd4j.rand(
                org.nd4j.linalg.api.buffer.DataType.FLOAT, 2, ImageShape.MNIST.size()));
        assertThat(out.shape()).containsExactly(2, 10);
    }
}
