package io.github.rethinkinggeneralization.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.rethinkinggeneralization.data.ImageShape;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.updater.graph.ComputationGraphUpdater;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Nesterovs;

/**
 * The updater that knows the network's own gradient array steps exactly as DL4J's own updater
 * does, and takes a gradient held elsewhere for what it is.
 */
class OwnGradientUpdaterTest {
    private static final ImageShape SMALL = new ImageShape(3, 16, 16);

    /** The settings a network's optimizer step depends on. */
    enum Setting {
        PAPER_INCEPTION(Architecture.SMALL_INCEPTION, 0.0, GradientClipping.none()),
        WEIGHT_DECAY_MLP(Architecture.MLP_3X512, 5e-3, GradientClipping.none()),
        CLIPPED_ALEXNET(Architecture.SMALL_ALEXNET, 5e-4, GradientClipping.l2PerLayer(0.5));

        final Architecture architecture;
        final double weightDecay;
        final GradientClipping clipping;

        Setting(Architecture architecture, double weightDecay, GradientClipping clipping) {
            this.architecture = architecture;
            this.weightDecay = weightDecay;
            this.clipping = clipping;
        }

        ComputationGraph build() {
            ModelSpec spec = ModelSpec.of(architecture).withWidth(0.125)
                    .withRegularization(new Regularization(weightDecay, 0.0, false));
            return NetworkFactory.build(spec, SMALL, 10, new Nesterovs(0.05, 0.9), clipping, 3);
        }
    }

    @Test
    void theFactorysNetworksUseIt() {
        assertThat(Setting.PAPER_INCEPTION.build().getUpdater()).isInstanceOf(OwnGradientUpdater.class);
    }

    @ParameterizedTest
    @EnumSource(Setting.class)
    void stepsExactlyAsDl4jsOwnUpdater(Setting setting) {
        ComputationGraph own = setting.build();
        ComputationGraph dl4j = setting.build();
        dl4j.setUpdater(new ComputationGraphUpdater(dl4j));
        assertThat(dl4j.params()).isEqualTo(own.params());
        for (int step = 0; step < 4; step++) {
            DataSet batch = batch(step);
            own.fit(batch);
            dl4j.fit(batch);
        }
        assertThat(own.params().equalsWithEps(dl4j.params(), 0.0))
                .as("parameters after 4 momentum steps, bit for bit").isTrue();
        assertThat(own.getUpdater().getStateViewArray().equalsWithEps(dl4j.getUpdater().getStateViewArray(), 0.0))
                .as("momentum after 4 steps, bit for bit").isTrue();
        assertThat(own.params().equalsWithEps(setting.build().params(), 1e-6))
                .as("the steps moved the parameters, so the comparison above compares something").isFalse();
    }

    @Test
    void aGradientInTheNetworksArrayAnswersWithThatArray() {
        ComputationGraph net = Setting.PAPER_INCEPTION.build();
        OwnGradientUpdater updater = (OwnGradientUpdater) net.getUpdater();
        INDArray own = net.getFlattenedGradients();
        Gradient fresh = new DefaultGradient(own);
        assertThat(fresh.gradient()).as("DL4J's gradient hands back a new view each time").isNotSameAs(own);
        Gradient seen = updater.inNetworkArray(fresh);
        assertThat(seen.gradient()).isSameAs(own);
        assertThat(seen.gradientForVariable()).isSameAs(fresh.gradientForVariable());
    }

    @Test
    void aGradientHeldElsewhereGoesThroughUnchanged() {
        ComputationGraph net = Setting.PAPER_INCEPTION.build();
        OwnGradientUpdater updater = (OwnGradientUpdater) net.getUpdater();
        INDArray own = net.getFlattenedGradients();
        Gradient copy = new DefaultGradient(own.dup());
        assertThat(updater.inNetworkArray(copy)).isSameAs(copy);
        INDArray shorter = own.reshape(own.length()).get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, own.length() - 1));
        assertThat(OwnGradientUpdater.sameFloats(shorter, own)).isFalse();
        INDArray shifted = own.reshape(own.length()).get(org.nd4j.linalg.indexing.NDArrayIndex.interval(1, own.length()));
        assertThat(OwnGradientUpdater.sameFloats(shifted, own)).isFalse();
        assertThat(OwnGradientUpdater.sameFloats(own.reshape(own.length()), own)).isTrue();
    }

    private static DataSet batch(int seed) {
        Nd4j.getRandom().setSeed(100 + seed);
        INDArray x = Nd4j.randn(DataType.FLOAT, 16, SMALL.size());
        INDArray y = Nd4j.zeros(DataType.FLOAT, 16, 10);
        for (int i = 0; i < 16; i++) {
            y.putScalar(i, (i + seed) % 10, 1f);
        }
        return new DataSet(x, y);
    }
}
