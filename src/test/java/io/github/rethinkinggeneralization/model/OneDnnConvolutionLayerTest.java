package io.github.rethinkinggeneralization.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.rethinkinggeneralization.data.ImageShape;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.CacheMode;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNConvHelper;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** The suite's oneDNN convolution primitives compute what DL4J's convolution layer computes. */
class OneDnnConvolutionLayerTest {
    private static final double RELATIVE = 1e-4;
    private static final String HELPERS = System.getProperty(OneDnnLayerHelpers.DISABLE_PROPERTY);
    private static final String KERNEL = System.getProperty(OneDnnConvolutionLayer.KERNEL_PROPERTY);

    @AfterEach
    void restoreProperties() {
        restore(OneDnnLayerHelpers.DISABLE_PROPERTY, HELPERS);
        restore(OneDnnConvolutionLayer.KERNEL_PROPERTY, KERNEL);
    }

    private static void restore(String key, String value) {
        if (value == null) {
            System.clearProperty(key);
        } else {
            System.setProperty(key, value);
        }
    }

    /** One convolution setting: kernel, stride, mode, padding (Truncate only), bias, activation; input 3 x 10 x 9. */
    record Setting(String name, int kernel, int stride, ConvolutionMode mode, int pad, boolean bias, Activation activation,
                   int batch) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> settings() {
        return Stream.of(
                new Setting("3x3 same, bias, ReLU", 3, 1, ConvolutionMode.Same, 0, true, Activation.RELU, 5),
                new Setting("1x1 (plain layouts), no bias", 1, 1, ConvolutionMode.Same, 0, false, Activation.IDENTITY, 3),
                new Setting("3x3 stride 2 same (bottom and right padding only)", 3, 2, ConvolutionMode.Same, 0, true,
                        Activation.IDENTITY, 4),
                new Setting("5x5 same, ReLU", 5, 1, ConvolutionMode.Same, 0, true, Activation.RELU, 2),
                new Setting("3x3 stride 2 truncate, padding 1", 3, 2, ConvolutionMode.Truncate, 1, true, Activation.IDENTITY, 3),
                new Setting("2x2 stride 2 truncate (a row cut: DL4J's helper)", 2, 2, ConvolutionMode.Truncate, 0, true,
                        Activation.IDENTITY, 3))
                .map(Arguments::of);
    }

    /** conv (3 -> 7) -> mean pooling -> softmax over 4 classes. */
    private static ComputationGraph net(Setting s, boolean ours, DataType dataType) {
        return net(s, ours ? OneDnnConvolutionLayer::of : c -> c, dataType);
    }

    private static ComputationGraph net(Setting s, UnaryOperator<ConvolutionLayer> layer, DataType dataType) {
        OneDnnLayerHelpers.enable(); // as NetworkFactory does; no-op inside builtIn()
        ConvolutionLayer conv = new ConvolutionLayer.Builder(s.kernel(), s.kernel()).stride(s.stride(), s.stride())
                .padding(s.pad(), s.pad()).convolutionMode(s.mode()).nOut(7).hasBias(s.bias()).activation(s.activation())
                .build();
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(11).dataType(dataType).updater(new Nesterovs(0.1, 0.9)).weightInit(WeightInit.RELU).biasInit(0.1)
                .trainingWorkspaceMode(WorkspaceMode.ENABLED).inferenceWorkspaceMode(WorkspaceMode.ENABLED)
                .cacheMode(CacheMode.DEVICE)
                .graphBuilder().addInputs("in").setInputTypes(InputType.convolutional(10, 9, 3))
                .addLayer("conv", layer.apply(conv), "in")
                .addLayer("gap", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), "conv")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(4)
                        .activation(Activation.SOFTMAX).build(), "gap")
                .setOutputs("out").build();
        ComputationGraph net = new ComputationGraph(conf);
        net.init();
        return net;
    }

    /** DL4J's own layer, without any helper: its Java im2col and matrix products. */
    private static ComputationGraph builtIn(Supplier<ComputationGraph> build) {
        System.setProperty(OneDnnLayerHelpers.DISABLE_PROPERTY, "true");
        try {
            return build.get();
        } finally {
            restore(OneDnnLayerHelpers.DISABLE_PROPERTY, HELPERS);
        }
    }

    private static INDArray images(int n, DataType dataType) {
        Nd4j.getRandom().setSeed(3);
        return Nd4j.randn(dataType, n, 3, 10, 9);
    }

    private static INDArray labels(int n) {
        INDArray y = Nd4j.zeros(DataType.FLOAT, n, 4);
        for (int i = 0; i < n; i++) {
            y.putScalar(i, (i * 5) % 4, 1f);
        }
        return y;
    }

    @Test
    void theCnnsRunTheirConvolutionsAsTheSuitesPrimitives() {
        for (Architecture a : new Architecture[] {Architecture.SMALL_ALEXNET, Architecture.SMALL_INCEPTION,
            Architecture.SMALL_INCEPTION_NO_BN}) {
            ComputationGraph net = NetworkFactory.build(ModelSpec.of(a).withWidth(0.125), ImageShape.CIFAR10, 10,
                    new Nesterovs(0.01, 0.9), 1);
            assertThat(convolutionLayers(net)).as(a.id()).isNotEmpty().allMatch(OneDnnConvolutionLayer::runsOwnPrimitives);
        }
    }

    @Test
    void aNetRebuiltFromItsJsonRunsThemToo() {
        SmallInceptionNets.BuiltAndRebuilt nets = SmallInceptionNets.builtAndRebuiltFromJson();
        assertThat(convolutionLayers(nets.rebuilt())).hasSize(19).allMatch(OneDnnConvolutionLayer::runsOwnPrimitives);
    }

    @Test
    void theSwitchKeepsDl4jsOneDnnHelper() {
        System.setProperty(OneDnnConvolutionLayer.KERNEL_PROPERTY, "off");
        ComputationGraph net = NetworkFactory.build(ModelSpec.of(Architecture.SMALL_ALEXNET).withWidth(0.125),
                ImageShape.CIFAR10, 10, new Nesterovs(0.01, 0.9), 1);
        assertThat(convolutionLayers(net)).isNotEmpty().allMatch(l -> l.getHelper() instanceof MKLDNNConvHelper);
    }

    @Test
    void withoutDl4jsHelpersOrInDoublePrecisionDl4jsLayerStays() {
        Setting s = new Setting("3x3", 3, 1, ConvolutionMode.Same, 0, true, Activation.RELU, 2);
        assertThat(builtIn(() -> net(s, true, DataType.FLOAT)).getLayer("conv").getHelper()).isNull();
        assertThat(OneDnnConvolutionLayer.runsOwnPrimitives(net(s, true, DataType.DOUBLE).getLayer("conv"))).isFalse();
        assertThat(OneDnnConvolutionLayer.runsOwnPrimitives(net(s, true, DataType.FLOAT).getLayer("conv"))).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("settings")
    void outputAndGradientsAreDl4jsLayers(Setting s) {
        LayerPass expected = LayerPass.of(builtIn(() -> net(s, false, DataType.FLOAT)), null, s.batch());
        ComputationGraph ours = net(s, true, DataType.FLOAT);
        assertThat(OneDnnConvolutionLayer.runsOwnPrimitives(ours.getLayer("conv"))).isTrue();
        LayerPass actual = LayerPass.of(ours, expected.params(), s.batch());
        assertClose(actual.activations(), expected.activations(), "activations");
        assertClose(actual.inputGradient(), expected.inputGradient(), "input gradient");
        assertThat(actual.gradients().keySet()).containsExactlyElementsOf(expected.gradients().keySet());
        expected.gradients().forEach((name, g) -> assertClose(actual.gradients().get(name), g, "gradient of " + name));
    }

    /** One training-mode forward and backward pass of a net's conv layer alone, on seeded images and output gradient. */
    private record LayerPass(INDArray params, INDArray activations, INDArray inputGradient, Map<String, INDArray> gradients) {
        /** With {@code params} null, the net's own initial ones. */
        static LayerPass of(ComputationGraph net, INDArray params, int batch) {
            if (params != null) {
                net.setParams(params.dup());
            }
            net.initGradientsView();
            LayerWorkspaceMgr mgr = LayerWorkspaceMgr.noWorkspaces();
            Layer conv = net.getLayer("conv");
            conv.setInput(images(batch, DataType.FLOAT), mgr);
            INDArray z = conv.activate(true, mgr).dup();
            Nd4j.getRandom().setSeed(4);
            Pair<Gradient, INDArray> g = conv.backpropGradient(Nd4j.randn(DataType.FLOAT, z.shape()), mgr);
            return new LayerPass(net.params().dup(), z, g.getSecond(), g.getFirst().gradientForVariable());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("settings")
    void threeTrainingStepsAreDl4jsLayers(Setting s) {
        ComputationGraph dl4j = builtIn(() -> net(s, false, DataType.FLOAT));
        ComputationGraph ours = net(s, true, DataType.FLOAT);
        ours.setParams(dl4j.params().dup());
        DataSet batch = new DataSet(images(s.batch(), DataType.FLOAT), labels(s.batch()));
        for (int step = 0; step < 3; step++) {
            dl4j.fit(batch);
            ours.fit(batch);
        }
        assertClose(ours.params(), dl4j.params(), "parameters after three steps");
        assertThat(ours.score()).isCloseTo(dl4j.score(), org.assertj.core.data.Percentage.withPercentage(0.01));
    }

    @Test
    void aFirstLayerSkipsTheImagesGradientAndTrainsAsDl4jsLayer() {
        Setting s = new Setting("3x3 same, bias, ReLU", 3, 1, ConvolutionMode.Same, 0, true, Activation.RELU, 5);
        LayerPass expected = LayerPass.of(builtIn(() -> net(s, false, DataType.FLOAT)), null, s.batch());
        ComputationGraph first = net(s, FirstConvolutionLayer::of, DataType.FLOAT);
        assertThat(OneDnnConvolutionLayer.runsOwnPrimitives(first.getLayer("conv"))).isTrue();
        LayerPass actual = LayerPass.of(first, expected.params(), s.batch());
        assertThat(actual.inputGradient().shape()).isEqualTo(expected.inputGradient().shape());
        assertThat(actual.inputGradient().amaxNumber().doubleValue()).as("input gradient, not computed").isZero();
        expected.gradients().forEach((name, g) -> assertClose(actual.gradients().get(name), g, "gradient of " + name));

        ComputationGraph dl4jNet = builtIn(() -> net(s, false, DataType.FLOAT));
        ComputationGraph firstNet = net(s, FirstConvolutionLayer::of, DataType.FLOAT);
        firstNet.setParams(dl4jNet.params().dup());
        DataSet batch = new DataSet(images(s.batch(), DataType.FLOAT), labels(s.batch()));
        for (int step = 0; step < 3; step++) {
            dl4jNet.fit(batch);
            firstNet.fit(batch);
        }
        assertClose(firstNet.params(), dl4jNet.params(), "parameters after three steps");
    }

    @Test
    void theCnnsFirstConvolutionIsAFirstLayer() {
        ComputationGraph alexNet = NetworkFactory.build(ModelSpec.of(Architecture.SMALL_ALEXNET).withWidth(0.125),
                ImageShape.CIFAR10, 10, new Nesterovs(0.01, 0.9), 1);
        ComputationGraph inception = NetworkFactory.build(ModelSpec.of(Architecture.SMALL_INCEPTION).withWidth(0.125),
                ImageShape.CIFAR10, 10, new Nesterovs(0.01, 0.9), 1);
        assertThat(firstLayers(alexNet)).containsExactly("conv1");
        assertThat(firstLayers(inception)).containsExactly("stem");
    }

    private static java.util.List<String> firstLayers(ComputationGraph net) {
        return convolutionLayers(net).stream().filter(l -> l.conf().getLayer() instanceof FirstConvolutionLayer)
                .map(l -> l.conf().getLayer().getLayerName()).toList();
    }

    @Test
    void primitivesAreCreatedOncePerShapeAndAreOneDnnsOptimizedKernels() {
        Setting s = new Setting("3x3", 3, 1, ConvolutionMode.Same, 0, true, Activation.IDENTITY, 6);
        ComputationGraph net = net(s, true, DataType.FLOAT);
        OneDnnConvolutionHelper helper = (OneDnnConvolutionHelper) net.getLayer("conv").getHelper();
        ConvolutionPrimitives.Problem six = new ConvolutionPrimitives.Problem(6, 3, 7, 10, 9, 10, 9, 3, 3, 1, 1, 1, 1);
        assertThat(six.padBottom()).isEqualTo(1);
        assertThat(six.padRight()).isEqualTo(1);
        net.output(images(6, DataType.FLOAT));
        ConvolutionPrimitives first = helper.primitivesFor(six);
        assertThat(first).isNotNull();
        net.output(images(2, DataType.FLOAT));
        net.output(images(6, DataType.FLOAT));
        assertThat(helper.primitivesFor(six)).isSameAs(first);
        assertThat(first.implementations()).doesNotContain("ref:");
    }

    @Test
    void aOneByOneConvolutionRunsOnAThreadThatHasRunNoOtherConvolution() throws Exception {
        // 1x1 stride 1 runs on the plain arrays: no blocked copies, so the thread's scratch arena is never allocated
        ConvolutionPrimitives.Problem p = new ConvolutionPrimitives.Problem(2, 3, 4, 5, 5, 5, 5, 1, 1, 1, 1, 0, 0);
        assertThat(p.plainLayouts()).isTrue();
        Nd4j.getRandom().setSeed(7);
        INDArray x = Nd4j.rand(DataType.FLOAT, 2, 3, 5, 5);
        INDArray w = Nd4j.rand(DataType.FLOAT, 4, 3, 1, 1);
        INDArray b = Nd4j.rand(DataType.FLOAT, 4);
        INDArray z = Nd4j.create(DataType.FLOAT, 2, 4, 5, 5);
        Throwable[] failure = new Throwable[1];
        Thread fresh = new Thread(() -> {
            try {
                new ConvolutionPrimitives(p).forward(x, w, b, z);
            } catch (Throwable t) {
                failure[0] = t;
            }
        });
        fresh.start();
        fresh.join();
        assertThat(failure[0]).isNull();
        INDArray w2 = w.reshape(4, 3);
        for (int n = 0; n < 2; n++) {
            INDArray expected = w2.mmul(x.get(NDArrayIndex.point(n)).reshape(3, 25))
                    .addColumnVector(b.reshape(4, 1)).reshape(4, 5, 5);
            assertClose(z.get(NDArrayIndex.point(n)).dup(), expected, "image " + n);
        }
    }

    private static java.util.List<Layer> convolutionLayers(ComputationGraph net) {
        return Arrays.stream(net.getLayers())
                .filter(l -> l.conf().getLayer() instanceof ConvolutionLayer)
                .toList();
    }

    /** Equal up to float rounding: the largest difference against the array's largest magnitude. */
    private static void assertClose(INDArray actual, INDArray expected, String what) {
        assertThat(actual.shape()).as(what + " shape").isEqualTo(expected.shape());
        double scale = Math.max(expected.amaxNumber().doubleValue(), 1e-6);
        double worst = actual.castTo(DataType.DOUBLE).sub(expected.castTo(DataType.DOUBLE)).amaxNumber().doubleValue();
        assertThat(worst / scale).as(what + ": max |diff| " + worst + " against max |value| " + scale).isLessThan(RELATIVE);
    }
}
