package io.github.rethinkinggeneralization.model;

import java.util.Collection;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A hidden dense layer of the MLPs and of small AlexNet: DL4J's {@link DenseLayer} with the two
 * matrix products of its backward pass written into row-major arrays.
 *
 * <p>DL4J writes the weight gradient into its column-major gradient view, and the input gradient into
 * a column-major array it then transposes; ND4J 1.0.0-M2.1 runs a product into a column-major result
 * at about half the speed of the same product into a row-major one (measured for MLP 1x512's first
 * layer, 128 x 3,072 by 128 x 512: 53-73 against 141-153 GFLOP/s). The weight gradient's transpose is
 * a row-major view of the same memory, so this layer computes deltaᵀ·input into it; the input gradient
 * it computes as delta·Wᵀ into a row-major array. Same products, same results up to the order of a
 * few float additions inside BLAS.
 *
 * <p>Built from an ordinary {@link DenseLayer} configuration ({@link #of}), so every setting of the
 * builder carries over. Not for layers with layer normalization, whose backward pass this does not cover.
 */
public class HiddenDenseLayer extends DenseLayer {

    /** For DL4J's JSON (de)serialization of configurations. */
    public HiddenDenseLayer() {
    }

    /** The same layer as {@code dense}, with the faster backward products. */
    public static HiddenDenseLayer of(DenseLayer dense) {
        return copySettings(dense, new HiddenDenseLayer());
    }

    /** Copies every setting of {@code dense} into {@code target} (refusing layer normalization). */
    static <T extends HiddenDenseLayer> T copySettings(DenseLayer dense, T target) {
        if (dense.hasLayerNorm()) {
            throw new IllegalArgumentException(target.getClass().getSimpleName()
                    + " does not implement layer normalization's backward pass");
        }
        return LayerSettings.copy(dense, target, DenseLayer.class);
    }

    /** The runtime layer; {@link FirstDenseLayer} returns one that skips the input gradient. */
    Impl newImpl(NeuralNetConfiguration conf, DataType dataType) {
        return new Impl(conf, dataType);
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int layerIndex,
                             INDArray paramsView, boolean initializeParams, DataType dataType) {
        return LayerSettings.instantiated(newImpl(conf, dataType), this, conf, listeners, layerIndex, paramsView, initializeParams);
    }

    /** DL4J's dense layer with the backward products written into row-major arrays. */
    static class Impl extends org.deeplearning4j.nn.layers.feedforward.dense.DenseLayer {
        /** The pre-activations of the last training forward pass, kept for the backward one (cache mode); null once used. */
        private INDArray cachedPreActivations;
        /** Whether the last backward pass used the kept pre-activations (for the tests). */
        boolean lastBackwardReusedForward;

        Impl(NeuralNetConfiguration conf, DataType dataType) {
            super(conf, dataType);
        }

        /**
         * DL4J's {@code BaseLayer.activate}, keeping a copy of the pre-activations when the network's
         * cache mode gives it a place for them (as DL4J's convolution layers do): the backward pass
         * then needs no second forward product.
         */
        @Override
        public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
            INDArray z = preOutput(training, workspaceMgr);
            cachedPreActivations = null;
            if (LayerSettings.keepsForwardPass(training, cacheMode, workspaceMgr)) {
                try (MemoryWorkspace ignored = workspaceMgr.notifyScopeBorrowed(ArrayType.FF_CACHE)) {
                    cachedPreActivations = z.unsafeDuplication();
                }
            }
            INDArray a = layerConf().getActivationFn().getActivation(z, training);
            if (maskArray != null) {
                applyMask(a);
            }
            return a;
        }

        /**
         * DL4J's forward product input·W (plus bias), computed as its transpose Wᵀ·inputᵀ into a
         * row-major array, so the pre-activations are the column-major transpose of that array.
         */
        @Override
        protected Pair<INDArray, INDArray> preOutputWithPreNorm(boolean training, boolean forBackprop,
                                                               LayerWorkspaceMgr workspaceMgr) {
            INDArray w = getParam(DefaultParamInitializer.WEIGHT_KEY);
            if (input == null || input.rank() != 2 || input.columns() != w.rows() || hasLayerNorm()) {
                return super.preOutputWithPreNorm(training, forBackprop, workspaceMgr); // DL4J's checks and messages
            }
            assertInputSet(forBackprop);
            applyDropOutIfNecessary(training, workspaceMgr);
            INDArray weights = getParamWithNoise(DefaultParamInitializer.WEIGHT_KEY, training, workspaceMgr);
            INDArray bias = getParamWithNoise(DefaultParamInitializer.BIAS_KEY, training, workspaceMgr);
            INDArray in = input.castTo(dataType);
            INDArray transposed = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, weights.dataType(),
                    new long[] {weights.size(1), in.size(0)}, 'c');
            Nd4j.gemm(weights, in, transposed, true, true, 1.0, 0.0);
            INDArray z = transposed.transpose();
            if (hasBias()) {
                z.addiRowVector(bias);
            }
            if (maskArray != null) {
                applyMask(z);
            }
            return new Pair<>(z, z);
        }

        /** Whether the layer returns the gradient with respect to its input. */
        boolean computesInputGradient() {
            return true;
        }

        /**
         * DL4J's {@code BaseLayer.backpropGradient} (without layer normalization): the bias gradient is
         * delta summed over the batch, the weight gradient inputᵀ·delta and the input gradient delta·Wᵀ,
         * in the same gradient views, the products in their row-major orientation.
         */
        @Override
        public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
            assertInputSet(true);
            lastBackwardReusedForward = cachedPreActivations != null;
            INDArray z = lastBackwardReusedForward ? cachedPreActivations
                    : preOutputWithPreNorm(true, true, workspaceMgr).getFirst();
            cachedPreActivations = null;
            INDArray delta = layerConf().getActivationFn().backprop(z, epsilon).getFirst();
            if (maskArray != null) {
                applyMask(delta);
            }
            Gradient gradient = new DefaultGradient();
            if (hasBias()) {
                INDArray biasGrad = gradientViews.get(DefaultParamInitializer.BIAS_KEY);
                delta.sum(biasGrad, 0);
                gradient.gradientForVariable().put(DefaultParamInitializer.BIAS_KEY, biasGrad);
            }
            INDArray epsilonNext = null;
            if (computesInputGradient()) {
                INDArray w = getParamWithNoise(DefaultParamInitializer.WEIGHT_KEY, true, workspaceMgr);
                epsilonNext = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, delta.dataType(),
                        new long[] {delta.size(0), w.size(0)}, 'c');
                Nd4j.gemm(delta, w, epsilonNext, false, true, 1.0, 0.0);
            }
            INDArray weightGrad = gradientViews.get(DefaultParamInitializer.WEIGHT_KEY);
            INDArray in = input.castTo(weightGrad.dataType());
            if (weightGrad.ordering() == 'f') {
                Nd4j.gemm(delta, in, weightGrad.transpose(), true, false, 1.0, 0.0); // row-major [nOut, nIn] view
            } else {
                Nd4j.gemm(in, delta, weightGrad, true, false, 1.0, 0.0);
            }
            gradient.gradientForVariable().put(DefaultParamInitializer.WEIGHT_KEY, weightGrad);
            weightNoiseParams.clear();
            if (epsilonNext != null) {
                epsilonNext = backpropDropOutIfPresent(epsilonNext);
            }
            return new Pair<>(gradient, epsilonNext);
        }
    }
}
