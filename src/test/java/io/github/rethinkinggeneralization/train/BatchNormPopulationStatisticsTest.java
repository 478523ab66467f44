package io.github.rethinkinggeneralization.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.rethinkinggeneralization.data.ImageShape;
import io.github.rethinkinggeneralization.data.SyntheticImages;
import io.github.rethinkinggeneralization.model.Architecture;
import io.github.rethinkinggeneralization.model.BatchNormalizationLayer;
import io.github.rethinkinggeneralization.model.ModelSpec;
import io.github.rethinkinggeneralization.model.NetworkFactory;
import java.util.Arrays;
import java.util.Map;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** Batch norm's population statistics are re-estimated from the training set without touching training. */
class BatchNormPopulationStatisticsTest {
    private static final ImageShape SMALL = new ImageShape(3, 8, 8);

    /** input -> conv -> batch norm -> softmax: the batch norm's input does not depend on training mode. */
    private static ComputationGraph convBatchNormNet(boolean useLogStd) {
        return convBatchNormNet(useLogStd, false);
    }

    /**
     * @param suites the batch norm is the suite's {@link BatchNormalizationLayer}, whose CPU helper keeps
     *               each minibatch's moments (else DL4J's layer, whose input's moments are computed)
     */
    private static ComputationGraph convBatchNormNet(boolean useLogStd, boolean suites) {
        return convBatchNormNet(useLogStd, suites, false);
    }

    /** @param dropout the output layer drops half its inputs in training, after the batch norm */
    private static ComputationGraph convBatchNormNet(boolean useLogStd, boolean suites, boolean dropout) {
        BatchNormalization bn = new BatchNormalization.Builder().useLogStd(useLogStd).build();
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(3).dataType(DataType.FLOAT)
                .updater(new Nesterovs(0.1, 0.9)).graphBuilder()
                .addInputs("in")
                .setInputTypes(InputType.convolutionalFlat(SMALL.height(), SMALL.width(), SMALL.channels()))
                .addLayer("conv", new ConvolutionLayer.Builder(3, 3).nOut(4).activation(Activation.RELU).build(), "in")
                .addLayer("bn", suites ? BatchNormalizationLayer.of(bn) : bn, "conv")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(10)
                        .dropOut(dropout ? 0.5 : 0).activation(Activation.SOFTMAX).build(), "bn")
                .setOutputs("out").build();
        ComputationGraph net = new ComputationGraph(conf);
        net.init();
        return net;
    }

    private static ImageTensors images(ImageShape shape, int n) {
        return new ImageTensors(new SyntheticImages(shape, 10, 0.35f, 5).draw(n, 0));
    }

    @Test
    void afterReestimationInferenceNormalizesEachChannelOverTheTrainingSet() {
        for (boolean useLogStd : new boolean[] {true, false}) {
            afterReestimationInferenceNormalizes(convBatchNormNet(useLogStd), useLogStd);
        }
    }

    @Test
    void theSuitesBatchNormLayersGiveTheMomentsTheyKept() {
        ComputationGraph net = convBatchNormNet(true, true);
        assertThat(BatchNormalizationLayer.keepsMinibatchMoments(net.getLayer("bn"))).isTrue();
        assertThat(BatchNormalizationLayer.keepsMinibatchMoments(convBatchNormNet(true, false).getLayer("bn"))).as("DL4J's").isFalse();
        assertThat(BatchNormalizationLayer.lastMinibatchMoments(net.getLayer("bn"))).as("before a training-mode pass").isEmpty();
        afterReestimationInferenceNormalizes(net, true);
        // the re-estimation's last minibatch: 20 of the 100 images, each channel 6 x 6 after the 3 x 3 convolution
        assertThat(BatchNormalizationLayer.lastMinibatchMoments(net.getLayer("bn")))
                .hasValueSatisfying(m -> assertThat(m.valuesPerChannel()).isEqualTo(20 * 6 * 6));
    }

    @Test
    void aNetWithDropoutIsReestimatedToo() {
        // DL4J cannot run a net with dropout in training mode through output(true, ...); the pass that
        // returns every activation does it
        afterReestimationInferenceNormalizes(convBatchNormNet(true, true, true), true);
    }

    private static void afterReestimationInferenceNormalizes(ComputationGraph net, boolean useLogStd) {
        ImageTensors train = images(SMALL, 100);
        // 40 does not divide 100: the moments of unequal minibatches are combined exactly
        BatchNormPopulationStatistics.reestimate(net, train, 40);

        Map<String, INDArray> inference = net.feedForward(train.features(), false);
        INDArray normalized = inference.get("bn"); // gamma 1, beta 0 at init
        double[] mean = normalized.mean(0, 2, 3).toDoubleVector();
        double[] var = normalized.var(false, 0, 2, 3).toDoubleVector();
        // (x - mean) / sqrt(var + eps) has variance var / (var + eps) over the set it was estimated on
        double eps = ((BatchNormalization) net.getLayer("bn").conf().getLayer()).getEps();
        double[] expectedVar = Arrays.stream(inference.get("conv").var(false, 0, 2, 3).toDoubleVector())
                .map(v -> v / (v + eps)).toArray();
        assertThat(mean).as("useLogStd=%s", useLogStd).containsExactly(new double[mean.length], within(1e-4));
        assertThat(var).as("useLogStd=%s", useLogStd).containsExactly(expectedVar, within(1e-3));
    }

    @Test
    void freshRunningAveragesDoNotNormalizeTheTrainingSet() {
        // the control: without re-estimation DL4J's initial statistics (mean 0, variance 1) are used,
        // so the check above would fail; otherwise it would test nothing
        ComputationGraph net = convBatchNormNet(true);
        ImageTensors train = images(SMALL, 100);
        INDArray normalized = net.feedForward(train.features(), false).get("bn");
        double largest = Arrays.stream(normalized.mean(0, 2, 3).toDoubleVector()).map(Math::abs).max().orElseThrow();
        assertThat(largest).isGreaterThan(0.01);
    }

    @Test
    void reestimationLeavesTrainingStepsUnchanged() {
        ModelSpec inception = ModelSpec.of(Architecture.SMALL_INCEPTION).withWidth(0.125);
        ComputationGraph plain = NetworkFactory.build(inception, ImageShape.CIFAR10, 10, new Nesterovs(0.1, 0.9), 7);
        ComputationGraph reestimated = NetworkFactory.build(inception, ImageShape.CIFAR10, 10, new Nesterovs(0.1, 0.9), 7);
        assertThat(BatchNormPopulationStatistics.applies(reestimated)).isTrue();
        ImageTensors train = images(ImageShape.CIFAR10, 64);
        double[] plainScores = new double[3];
        double[] reestimatedScores = new double[3];
        for (int step = 0; step < 3; step++) {
            int[] rows = new int[32];
            int offset = step;
            Arrays.setAll(rows, i -> (i * 2 + offset) % 64);
            DataSet batch = train.batch(rows, null);
            plain.fit(batch);
            plainScores[step] = plain.score();
            reestimated.fit(batch);
            reestimatedScores[step] = reestimated.score();
            BatchNormPopulationStatistics.reestimate(reestimated, train, 32);
        }
        assertThat(reestimatedScores).containsExactly(plainScores);
        Map<String, INDArray> a = plain.paramTable();
        Map<String, INDArray> b = reestimated.paramTable();
        a.forEach((name, value) -> {
            boolean populationStatistic = name.endsWith("_mean") || name.endsWith("_var") || name.endsWith("_log10stdev");
            if (!populationStatistic) {
                assertThat(b.get(name)).as(name).isEqualTo(value);
            }
        });
        assertThat(a.keySet()).anyMatch(name -> name.endsWith("_log10stdev") || name.endsWith("_var"));
    }

    @Test
    void netsWithoutBatchNormAreLeftAlone() {
        ComputationGraph mlp = NetworkFactory.build(ModelSpec.of(Architecture.MLP_1X512).withWidth(0.125),
                ImageShape.CIFAR10, 10, new Nesterovs(0.1, 0.9), 7);
        INDArray before = mlp.params().dup();
        assertThat(BatchNormPopulationStatistics.applies(mlp)).isFalse();
        BatchNormPopulationStatistics.reestimate(mlp, images(ImageShape.CIFAR10, 20), 8);
        assertThat(mlp.params()).isEqualTo(before);
    }
}
