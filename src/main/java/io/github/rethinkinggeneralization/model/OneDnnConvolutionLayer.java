package io.github.rethinkinggeneralization.model;

import java.util.Collection;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.CacheMode;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.LayerValidation;
import org.deeplearning4j.nn.layers.convolution.ConvolutionHelper;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The CNNs' convolutions: DL4J's {@link ConvolutionLayer} (its settings, parameters and updates
 * unchanged) whose convolutions run as {@link ConvolutionPrimitives}, oneDNN primitives the suite
 * creates once per shape with the direct algorithm, through {@link OneDnnConvolutionHelper}, in
 * place of DL4J's oneDNN helper (ND4J's {@code conv2d} ops, which create theirs on every call and
 * leave the algorithm to oneDNN: Winograd backward passes at 4-5x the forward pass for small
 * Inception's narrow layers; README, Performance).
 *
 * <p>It takes over only where DL4J gave the layer its oneDNN helper (ND4J's CPU backend, helpers on,
 * see {@link OneDnnLayerHelpers}), for float channels-first layers, and keeps that helper for
 * anything it does not handle. {@code -Dconvolution.kernel=off} keeps DL4J's helper.
 */
public class OneDnnConvolutionLayer extends ConvolutionLayer {
    /** {@code -Dconvolution.kernel=off} leaves DL4J's helper in place. */
    static final String KERNEL_PROPERTY = "convolution.kernel";

    /** For DL4J's JSON (de)serialization of configurations. */
    public OneDnnConvolutionLayer() {
    }

    /** The same convolution as {@code conv}, every setting copied. */
    public static OneDnnConvolutionLayer of(ConvolutionLayer conv) {
        return LayerSettings.copy(conv, new OneDnnConvolutionLayer(), ConvolutionLayer.class);
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int layerIndex,
                             INDArray paramsView, boolean initializeParams, DataType dataType) {
        LayerValidation.assertNInNOutSet("ConvolutionLayer", getLayerName(), layerIndex, getNIn(), getNOut());
        Impl layer = LayerSettings.instantiated(new Impl(conf, dataType), this, conf, listeners, layerIndex, paramsView,
                initializeParams);
        if (dataType == DataType.FLOAT && getCnn2dDataFormat() == CNN2DFormat.NCHW && CpuArrays.backendIsCpu()
                && layer.getHelper() instanceof ConvolutionHelper dl4jHelper
                && !"off".equals(System.getProperty(KERNEL_PROPERTY)) && OneDnnRuntime.available()) {
            // dropout would scale the input gradient in place, so a layer with dropout gets one
            boolean inputGradient = computesInputGradient() || getIDropout() != null;
            LayerSettings.installHelper(layer, org.deeplearning4j.nn.layers.convolution.ConvolutionLayer.class,
                    new OneDnnConvolutionHelper(dl4jHelper, inputGradient), KERNEL_PROPERTY);
        }
        return layer;
    }

    /** Whether the backward pass computes the gradient of the layer's input; {@link FirstConvolutionLayer} does not. */
    boolean computesInputGradient() {
        return true;
    }

    /** Whether {@code layer} runs its convolutions as this class's primitives. */
    public static boolean runsOwnPrimitives(Layer layer) {
        return layer.getHelper() instanceof OneDnnConvolutionHelper;
    }

    /**
     * DL4J's convolution layer, except that with an identity activation (small Inception's
     * convolutions, each followed by batch norm) and a helper, it keeps its output itself for the
     * backward pass where DL4J's cache mode keeps a copy of the pre-activations. The backward pass
     * reads them only through the activation's derivative, and the identity's reads nothing but
     * their shape, so the copy (one per convolution and step) bought nothing. Without a helper,
     * with another activation, or with no cache workspace open, it is DL4J's layer unchanged.
     */
    static final class Impl extends org.deeplearning4j.nn.layers.convolution.ConvolutionLayer {
        /** Whether the last training forward pass kept its output instead of a copy (for the tests). */
        boolean lastForwardKeptOutput;

        Impl(NeuralNetConfiguration conf, DataType dataType) {
            super(conf, dataType);
        }

        @Override
        public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
            lastForwardKeptOutput = false;
            if (helper == null || !(layerConf().getActivationFn() instanceof ActivationIdentity)
                    || !LayerSettings.keepsForwardPass(training, cacheMode, workspaceMgr)) {
                return super.activate(training, workspaceMgr);
            }
            CacheMode mode = cacheMode;
            cacheMode = CacheMode.NONE; // DL4J's activate then makes no copy
            try {
                INDArray output = super.activate(true, workspaceMgr);
                preOutput = output;
                lastForwardKeptOutput = true;
                return output;
            } finally {
                cacheMode = mode;
            }
        }
    }
}
