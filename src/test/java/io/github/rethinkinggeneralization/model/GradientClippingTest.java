package io.github.rethinkinggeneralization.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.rethinkinggeneralization.data.ImageShape;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;

/** Per-layer gradient clipping reaches every layer and bounds each layer's SGD step. */
class GradientClippingTest {
    private static final ImageShape SMALL = new ImageShape(3, 8, 8);

    @Test
    void noneIsThePapersOptimizer() {
        assertThat(GradientClipping.none().isOn()).isFalse();
        assertThat(GradientClipping.none().describe()).isEmpty();
        assertThat(GradientClipping.l2PerLayer(0.5).isOn()).isTrue();
        assertThat(GradientClipping.l2PerLayer(0.5).describe()).contains("0.5").contains("per layer");
    }

    @Test
    void aClippingNormMustBePositiveAndFinite() {
        assertThatThrownBy(() -> GradientClipping.l2PerLayer(0)).hasMessageContaining("> 0");
        assertThatThrownBy(() -> new GradientClipping(-1)).hasMessageContaining(">= 0");
        assertThatThrownBy(() -> new GradientClipping(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new GradientClipping(Double.POSITIVE_INFINITY)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void everyLayerOfAClippedNetworkIsConfiguredToClip() {
        ComputationGraph net = build(GradientClipping.l2PerLayer(0.25));
        for (Layer layer : net.getLayers()) {
            org.deeplearning4j.nn.conf.layers.BaseLayer conf = (org.deeplearning4j.nn.conf.layers.BaseLayer) layer.conf().getLayer();
            assertThat(conf.getGradientNormalization()).isEqualTo(GradientNormalization.ClipL2PerLayer);
            assertThat(conf.getGradientNormalizationThreshold()).isEqualTo(0.25);
        }
        for (Layer layer : build(GradientClipping.none()).getLayers()) {
            assertThat(((org.deeplearning4j.nn.conf.layers.BaseLayer) layer.conf().getLayer()).getGradientNormalization())
                    .isIn(null, GradientNormalization.None);
        }
    }

    @Test
    void aPlainSgdStepMovesNoLayerFartherThanTheNormWhenClipped() {
        double norm = 1e-3;
        double[] clipped = largestLayerStepAfterOneUpdate(GradientClipping.l2PerLayer(norm));
        double[] free = largestLayerStepAfterOneUpdate(GradientClipping.none());
        for (double step : clipped) {
            assertThat(step).isLessThanOrEqualTo(norm * 1.001);
        }
        assertThat(java.util.Arrays.stream(free).max().orElseThrow())
                .as("without clipping the same step is larger, so the bound above is the clipping's doing")
                .isGreaterThan(10 * norm);
    }

    /** The L2 norm of each layer's parameter change after one SGD step at learning rate 1. */
    private static double[] largestLayerStepAfterOneUpdate(GradientClipping clipping) {
        ComputationGraph net = build(clipping);
        INDArray[] before = new INDArray[net.getLayers().length];
        for (int i = 0; i < before.length; i++) {
            before[i] = net.getLayer(i).params().dup();
        }
        Nd4j.getRandom().setSeed(11);
        INDArray x = Nd4j.randn(DataType.FLOAT, 32, SMALL.size());
        INDArray y = Nd4j.zeros(DataType.FLOAT, 32, 10);
        for (int i = 0; i < 32; i++) {
            y.putScalar(i, i % 10, 1f);
        }
        net.fit(new DataSet(x, y));
        double[] steps = new double[before.length];
        for (int i = 0; i < before.length; i++) {
            steps[i] = net.getLayer(i).params().sub(before[i]).norm2Number().doubleValue();
        }
        return steps;
    }

    private static ComputationGraph build(GradientClipping clipping) {
        return NetworkFactory.build(ModelSpec.of(Architecture.MLP_3X512).withWidth(0.125), SMALL, 10, new Sgd(1.0), clipping, 5);
    }
}
