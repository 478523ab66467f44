package io.github.rethinkinggeneralization.train;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.rethinkinggeneralization.data.ImageShape;
import io.github.rethinkinggeneralization.model.Architecture;
import io.github.rethinkinggeneralization.model.ConvolutionPrimitives;
import io.github.rethinkinggeneralization.model.ModelSpec;
import io.github.rethinkinggeneralization.model.NetworkFactory;
import java.util.List;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.learning.config.Nesterovs;

/**
 * The convolution benchmark finds every convolution layer with the shape a training step gives it
 * (checked against the layers small Inception is built from), and its timed calls run, with oneDNN
 * and without it. Nothing here is timed.
 */
class ConvolutionBenchmarkTest {
    private static final ImageShape CROPPED_CIFAR = new ImageShape(3, 28, 28);

    @Test
    void listsEverySmallInceptionConvolutionWithItsShape() {
        ComputationGraph net = NetworkFactory.build(ModelSpec.of(Architecture.SMALL_INCEPTION).withWidth(0.125),
                CROPPED_CIFAR, 10, new Nesterovs(0.01, 0.9), 1);

        List<ConvolutionBenchmark.Convolution> convs = ConvolutionBenchmark.convolutions(net, CROPPED_CIFAR, 128);

        // stem, two modules, a downsample, four modules, a downsample, two modules: 1 + 2*2 + 1 + 4*2 + 1 + 2*2
        assertThat(convs).hasSize(19);
        ConvolutionBenchmark.Convolution stem = convs.get(0);
        assertThat(stem.layer()).isEqualTo("stem");
        assertThat(stem.problem()).isEqualTo("mb128_ic3oc12_ih28oh28kh3sh1ph1_iw28ow28kw3sw1pw1");
        assertThat(convs).filteredOn(c -> c.stride()[0] == 2)
                .extracting(ConvolutionBenchmark.Convolution::problem)
                .containsExactly("mb128_ic10oc10_ih28oh14kh3sh2ph0_iw28ow14kw3sw2pw0",
                        "mb128_ic18oc12_ih14oh7kh3sh2ph0_iw14ow7kw3sw2pw0");
        // each layer reads what the graph feeds it: an Inception module's two branches see the same input
        assertThat(convs.get(1).inChannels()).isEqualTo(stem.outChannels());
        assertThat(convs.get(2).inChannels()).isEqualTo(stem.outChannels());
        assertThat(convs).extracting(c -> c.opArguments().length).containsOnly(10);
    }

    @Test
    void timesTheForwardAndBackwardOpsWithAndWithoutOneDnn() {
        ConvolutionBenchmark.Convolution small = new ConvolutionBenchmark.Convolution("test", 2, 3, 4, 6, 6, 6, 6,
                new int[] {3, 3}, new int[] {1, 1}, new int[] {1, 1}, new int[] {1, 1}, true);

        for (boolean helpers : new boolean[] {true, false}) {
            ConvolutionBenchmark.Timing t = ConvolutionBenchmark.time(small, helpers, 1, 3);
            assertThat(t.forwardMs()).isPositive().isFinite();
            assertThat(t.backwardMs()).isPositive().isFinite();
        }
        ConvolutionBenchmark.Timing p = ConvolutionBenchmark.time(small,
                new ConvolutionPrimitives(small.primitivesProblem()), 1, 3);
        assertThat(p.forwardMs()).isPositive().isFinite();
        assertThat(p.backwardMs()).isPositive().isFinite();
    }

    @Test
    void statesEachProblemAsThePrimitivesDo() {
        ComputationGraph net = NetworkFactory.build(ModelSpec.of(Architecture.SMALL_INCEPTION).withWidth(0.125),
                CROPPED_CIFAR, 10, new Nesterovs(0.01, 0.9), 1);
        ConvolutionBenchmark.Convolution down = ConvolutionBenchmark.convolutions(net, CROPPED_CIFAR, 128).stream()
                .filter(c -> c.layer().equals("down1_conv")).findFirst().orElseThrow();

        ConvolutionPrimitives.Problem p = down.primitivesProblem();

        // 28 -> 14 with a 3x3 kernel at stride 2, "same": no padding on top, one row below
        assertThat(p).isEqualTo(new ConvolutionPrimitives.Problem(128, 10, 10, 28, 28, 14, 14, 3, 3, 2, 2, 0, 0));
        assertThat(p.padBottom()).isEqualTo(1);
        assertThat(p.padRight()).isEqualTo(1);
        assertThat(p.plainLayouts()).isFalse();
    }
}
