package io.github.rethinkinggeneralization.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.rethinkinggeneralization.data.ImageShape;
import java.util.Arrays;
import org.deeplearning4j.nn.conf.CacheMode;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Nesterovs;

/**
 * The networks keep the convolutions' and hidden dense layers' pre-activations from the forward pass
 * for the backward one (DL4J's cache mode), instead of computing each product a second time: the
 * training steps are the same.
 */
class ForwardPassCacheTest {
    private static final ImageShape CIFAR_CROP = new ImageShape(3, 28, 28);

    @ParameterizedTest
    @EnumSource(value = Architecture.class, names = {"MLP_1X512", "MLP_3X512", "SMALL_ALEXNET", "SMALL_INCEPTION", "SMALL_INCEPTION_NO_BN"})
    void cachedPreActivationsGiveTheSameTrainingSteps(Architecture architecture) {
        assertSameTraining(architecture, Regularization.none());
        // C4's regularizers: dropout draws its masks in the forward pass the cache keeps
        assertSameTraining(architecture, Regularization.none().withWeightDecay(5e-4).withDropout(0.5));
    }

    private static void assertSameTraining(Architecture architecture, Regularization regularization) {
        ComputationGraph cached = NetworkFactory.build(ModelSpec.of(architecture).withWidth(0.125)
                .withRegularization(regularization), CIFAR_CROP, 10, new Nesterovs(0.01, 0.9), 3);
        assertThat(cached.getConfiguration().getCacheMode()).isEqualTo(CacheMode.DEVICE);
        ComputationGraphConfiguration conf = cached.getConfiguration().clone();
        conf.setCacheMode(CacheMode.NONE);
        ComputationGraph recomputed = new ComputationGraph(conf);
        recomputed.init(cached.params().dup(), true);

        Nd4j.getRandom().setSeed(11);
        INDArray x = Nd4j.randn(DataType.FLOAT, 24, CIFAR_CROP.size());
        INDArray y = Nd4j.zeros(DataType.FLOAT, 24, 10);
        for (int i = 0; i < 24; i++) {
            y.putScalar(i, (i * 7) % 10, 1f);
        }
        for (int step = 0; step < 3; step++) {
            Nd4j.getRandom().setSeed(20 + step);
            cached.fit(new DataSet(x, y));
            Nd4j.getRandom().setSeed(20 + step);
            recomputed.fit(new DataSet(x, y));
        }
        assertThat(cached.score()).as(regularization.label()).isEqualTo(recomputed.score());
        assertThat(cached.params()).as(regularization.label()).isEqualTo(recomputed.params());
        if (architecture.convolutional()) {
            String firstConv = architecture == Architecture.SMALL_ALEXNET ? "conv1" : "stem";
            assertThat(cachedPreActivations(cached.getLayer(firstConv))).as("kept by the cached net").isNotNull();
            assertThat(cachedPreActivations(recomputed.getLayer(firstConv))).as("kept without the cache").isNull();
        }
        // small Inception's convolutions before batch norm (identity activation) keep their output, not a copy
        long kept = keptOutputs(cached);
        assertThat(keptOutputs(recomputed)).as("kept without the cache").isZero();
        if (architecture == Architecture.SMALL_INCEPTION && OneDnnConvolutionLayer.runsOwnPrimitives(cached.getLayer("stem"))) {
            assertThat(kept).as("convolutions that kept their output").isEqualTo(identityConvolutions(cached)).isPositive();
        } else {
            assertThat(kept).as("convolutions that kept their output").isZero();
        }
        if (architecture != Architecture.SMALL_INCEPTION && architecture != Architecture.SMALL_INCEPTION_NO_BN) {
            assertThat(((HiddenDenseLayer.Impl) cached.getLayer(denseName(architecture))).lastBackwardReusedForward).isTrue();
            assertThat(((HiddenDenseLayer.Impl) recomputed.getLayer(denseName(architecture))).lastBackwardReusedForward).isFalse();
        }
    }

    private static long keptOutputs(ComputationGraph net) {
        return Arrays.stream(net.getLayers()).filter(l -> l instanceof OneDnnConvolutionLayer.Impl impl && impl.lastForwardKeptOutput)
                .count();
    }

    private static long identityConvolutions(ComputationGraph net) {
        return Arrays.stream(net.getLayers()).filter(l -> l instanceof OneDnnConvolutionLayer.Impl
                && ((org.deeplearning4j.nn.conf.layers.ConvolutionLayer) l.conf().getLayer()).getActivationFn() instanceof ActivationIdentity)
                .count();
    }

    private static String denseName(Architecture a) {
        return a == Architecture.SMALL_ALEXNET ? "fc1" : "dense1";
    }

    /** The pre-activations DL4J's layer kept from its last training forward pass (its protected field). */
    private static Object cachedPreActivations(org.deeplearning4j.nn.api.Layer layer) {
        try {
            java.lang.reflect.Field f = org.deeplearning4j.nn.layers.AbstractLayer.class.getDeclaredField("preOutput");
            f.setAccessible(true);
            return f.get(layer);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
