package io.github.rethinkinggeneralization.model;

import java.util.Collection;
import java.util.Optional;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinear;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinearDerivative;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Small Inception's batch normalization: DL4J's {@link BatchNormalization} layer (its parameters,
 * running statistics and updates unchanged) with its normalization computed by
 * {@link CpuBatchNormHelper} on ND4J's CPU backend, channel by channel in the core's cache, instead
 * of by DL4J's oneDNN helper. For the narrow layers of small Inception at the suite's widths (4 to 42
 * channels) the oneDNN helper's per-channel mean and variance are ND4J reductions across strided
 * dimensions and its primitives pad the channels to blocks of 16: batch norm took about a third of
 * a small Inception training step.
 *
 * <p>{@link #followedByRelu} makes the layer the conv module's batch norm and ReLU in one (DL4J's
 * batch norm ignores its activation): the helper applies the ReLU in its own passes, where a separate
 * ReLU layer read and wrote each activation and its gradient again (ND4J's ReLU derivative alone was
 * 5 % of a small Inception step). Without the helper the layer applies the ReLU after DL4J's batch norm.
 *
 * <p>Elsewhere (a GPU backend, double precision, channels-last activations) the layer keeps the
 * helper DL4J gives it. {@code -Dbatchnorm.kernel=off} keeps DL4J's helper on the CPU too.
 */
public class BatchNormalizationLayer extends BatchNormalization {
    /** {@code -Dbatchnorm.kernel=off} leaves DL4J's own helper in place. */
    static final String KERNEL_PROPERTY = "batchnorm.kernel";

    /** Whether a ReLU follows the normalization (DL4J's JSON keeps it through the getter and setter). */
    private boolean relu;

    /** For DL4J's JSON (de)serialization of configurations. */
    public BatchNormalizationLayer() {
    }

    /** The same batch normalization as {@code bn}, every setting copied. */
    public static BatchNormalizationLayer of(BatchNormalization bn) {
        return LayerSettings.copy(bn, new BatchNormalizationLayer(), BatchNormalization.class);
    }

    /** The same batch normalization as {@code bn}, followed by a ReLU: {@code max(BN(x), 0)}. */
    public static BatchNormalizationLayer followedByRelu(BatchNormalization bn) {
        BatchNormalizationLayer layer = of(bn);
        layer.relu = true;
        return layer;
    }

    /** Whether a ReLU follows the normalization. */
    public boolean isFollowedByRelu() {
        return relu;
    }

    /** For DL4J's JSON deserialization; {@link #followedByRelu} builds such a layer. */
    public void setFollowedByRelu(boolean relu) {
        this.relu = relu;
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int layerIndex,
                             INDArray paramsView, boolean initializeParams, DataType dataType) {
        Layer layer = relu
                ? LayerSettings.instantiated(new BatchNormReluImpl(conf, dataType), this, conf, listeners, layerIndex, paramsView,
                        initializeParams)
                : super.instantiate(conf, listeners, layerIndex, paramsView, initializeParams, dataType);
        if (dataType == DataType.FLOAT && getCnn2DFormat() == CNN2DFormat.NCHW && CpuArrays.backendIsCpu()
                && !"off".equals(System.getProperty(KERNEL_PROPERTY))) {
            LayerSettings.installHelper(layer, org.deeplearning4j.nn.layers.normalization.BatchNormalization.class,
                    new CpuBatchNormHelper(relu), KERNEL_PROPERTY);
        }
        return layer;
    }

    @Override
    public boolean equals(Object o) {
        return super.equals(o) && o instanceof BatchNormalizationLayer other && other.relu == relu;
    }

    @Override
    public int hashCode() {
        return 31 * super.hashCode() + Boolean.hashCode(relu);
    }

    /**
     * The moments of the minibatch {@code layer} last normalized in training mode, when it is one of
     * this class's layers running {@link CpuBatchNormHelper}; empty otherwise.
     */
    public static Optional<MinibatchMoments> lastMinibatchMoments(Layer layer) {
        return layer.getHelper() instanceof CpuBatchNormHelper h ? Optional.ofNullable(h.lastMinibatchMoments()) : Optional.empty();
    }

    /**
     * Whether {@code layer} keeps its training-mode minibatches' moments ({@link #lastMinibatchMoments}):
     * one of this class's layers running {@link CpuBatchNormHelper}, which keeps them for the minibatches
     * it normalizes itself (float, channels first).
     */
    public static boolean keepsMinibatchMoments(Layer layer) {
        return layer.getHelper() instanceof CpuBatchNormHelper;
    }

    /**
     * The runtime layer of a batch norm followed by a ReLU: DL4J's batch norm, whose helper applies the
     * ReLU when it ran the pass ({@link CpuBatchNormHelper#appliedRelu()}); otherwise this applies it
     * to DL4J's output (forward) and masks the gradient with that output (backward).
     *
     * <p>In training, where {@link CpuBatchNormHelper} runs the layer (float channels-first input,
     * DL4J's default minibatch statistics and learned gamma and beta), the layer calls it directly
     * and skips DL4J's bookkeeping around it, a dozen ND4J operations on arrays of one value per
     * channel per step (4-5 % of small Inception's training thread, async-profiler): the forward
     * pass's running variance from its log10 standard deviation, which a training-mode pass does not
     * read, and the backward pass's step on the running statistics, computed here in Java
     * ({@link RunningStatisticsStep}). The parameters and their gradients are DL4J's
     * ({@code BatchNormalizationLayerTest}).
     */
    static final class BatchNormReluImpl extends org.deeplearning4j.nn.layers.normalization.BatchNormalization {
        private INDArray unfusedOutput;

        BatchNormReluImpl(NeuralNetConfiguration conf, DataType dataType) {
            super(conf, dataType);
        }

        private boolean helperAppliedRelu() {
            return getHelper() instanceof CpuBatchNormHelper h && h.appliedRelu();
        }

        /** The helper when it runs this layer's training passes on {@code x}, else null. */
        private CpuBatchNormHelper trainingHelper(INDArray x) {
            BatchNormalization conf = (BatchNormalization) layerConf();
            return getHelper() instanceof CpuBatchNormHelper h && helperCountFail == 0 && x.rank() == 4
                    && x.dataType() == DataType.FLOAT && dataType == DataType.FLOAT && conf.getCnn2DFormat() == CNN2DFormat.NCHW
                    && !conf.isLockGammaBeta() && conf.isMinibatch() && x.size(1) == conf.getNOut() ? h : null;
        }

        @Override
        public INDArray preOutput(INDArray x, TrainingMode training, LayerWorkspaceMgr workspaceMgr) {
            CpuBatchNormHelper h = training == TrainingMode.TRAIN ? trainingHelper(x) : null;
            if (h != null) {
                BatchNormalization conf = (BatchNormalization) layerConf();
                INDArray out = h.preOutput(x, true, getShape(x), getParam(BatchNormalizationParamInitializer.GAMMA),
                        getParam(BatchNormalizationParamInitializer.BETA), null, null, conf.getDecay(), conf.getEps(),
                        conf.getCnn2DFormat(), workspaceMgr);
                if (out != null) {
                    return out;
                }
            }
            return super.preOutput(x, training, workspaceMgr);
        }

        /** The backward pass through the helper with the running statistics' step in Java, or null where DL4J's is needed. */
        private Pair<Gradient, INDArray> trainingBackprop(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
            assertInputSet(true);
            CpuBatchNormHelper h = trainingHelper(input);
            if (h == null || epsilon.rank() != 4 || h.minibatchMean() == null || h.minibatchMean().length != input.size(1)) {
                return null;
            }
            BatchNormalization conf = (BatchNormalization) layerConf();
            Pair<Gradient, INDArray> ret = h.backpropGradient(input, epsilon, getShape(epsilon),
                    getParam(BatchNormalizationParamInitializer.GAMMA), getParam(BatchNormalizationParamInitializer.BETA),
                    gradientViews.get(BatchNormalizationParamInitializer.GAMMA),
                    gradientViews.get(BatchNormalizationParamInitializer.BETA), conf.getEps(), conf.getCnn2DFormat(), workspaceMgr);
            if (ret == null) {
                return null;
            }
            Gradient g = ret.getFirst();
            double decay = conf.getDecay();
            setRunningStatisticStep(g, BatchNormalizationParamInitializer.GLOBAL_MEAN,
                    RunningStatisticsStep.linear(runningStatistic(BatchNormalizationParamInitializer.GLOBAL_MEAN), h.minibatchMean(), decay));
            if (conf.isUseLogStd()) {
                setRunningStatisticStep(g, BatchNormalizationParamInitializer.GLOBAL_LOG_STD, RunningStatisticsStep.log10Std(
                        runningStatistic(BatchNormalizationParamInitializer.GLOBAL_LOG_STD), h.minibatchVariance(), decay));
            } else {
                setRunningStatisticStep(g, BatchNormalizationParamInitializer.GLOBAL_VAR,
                        RunningStatisticsStep.linear(runningStatistic(BatchNormalizationParamInitializer.GLOBAL_VAR), h.minibatchVariance(), decay));
            }
            return ret;
        }

        private float[] runningStatistic(String key) {
            return CpuArrays.toFloats(getParam(key));
        }

        /** Writes {@code step} into the gradient view of running statistic {@code key} and hands it to {@code g}. */
        private void setRunningStatisticStep(Gradient g, String key, float[] step) {
            INDArray view = gradientViews.get(key);
            CpuArrays.put(step, view);
            g.setGradientFor(key, view);
        }

        @Override
        public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
            INDArray y = super.activate(training, workspaceMgr);
            if (helperAppliedRelu()) {
                unfusedOutput = null;
                return y;
            }
            Nd4j.getExecutioner().exec(new RectifiedLinear(y, y));
            unfusedOutput = y;
            return y;
        }

        @Override
        public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
            if (unfusedOutput == null) {
                Pair<Gradient, INDArray> own = trainingBackprop(epsilon, workspaceMgr);
                return own != null ? own : super.backpropGradient(epsilon, workspaceMgr);
            }
            INDArray masked = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, epsilon.dataType(), epsilon.shape(),
                    epsilon.ordering());
            Nd4j.getExecutioner().exec(new RectifiedLinearDerivative(unfusedOutput, epsilon, masked));
            return super.backpropGradient(masked, workspaceMgr);
        }

        @Override
        public void clear() {
            super.clear();
            unfusedOutput = null;
        }
    }
}
