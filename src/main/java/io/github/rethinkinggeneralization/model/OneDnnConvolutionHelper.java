package io.github.rethinkinggeneralization.model;

import java.util.LinkedHashMap;
import java.util.Map;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.convolution.ConvolutionHelper;
import org.deeplearning4j.nn.params.ConvolutionParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.util.ConvolutionUtils;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import static org.deeplearning4j.nn.conf.layers.ConvolutionLayer.AlgoMode;
import static org.deeplearning4j.nn.conf.layers.ConvolutionLayer.BwdDataAlgo;
import static org.deeplearning4j.nn.conf.layers.ConvolutionLayer.BwdFilterAlgo;
import static org.deeplearning4j.nn.conf.layers.ConvolutionLayer.FwdAlgo;

/**
 * A DL4J convolution helper that runs the layer's convolutions as {@link ConvolutionPrimitives}
 * (oneDNN primitives created once per shape, direct algorithm) on float NCHW arrays with dilation 1,
 * on ND4J's CPU backend. Anything else goes to the helper DL4J gave the layer (its oneDNN helper),
 * or to DL4J's own code when there is none. The backward pass receives the gradient after the
 * activation function's derivative, as DL4J's helpers do.
 */
final class OneDnnConvolutionHelper implements ConvolutionHelper {
    /** Shapes kept per layer: the training batch, a smaller last batch, the evaluation batches. */
    private static final int CACHED_SHAPES = 4;

    private final ConvolutionHelper fallback;
    private final boolean inputGradient;
    private final Map<ConvolutionPrimitives.Problem, ConvolutionPrimitives> primitives =
            new LinkedHashMap<>(8, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<ConvolutionPrimitives.Problem, ConvolutionPrimitives> eldest) {
                    return size() > CACHED_SHAPES;
                }
            };

    /**
     * @param fallback the helper DL4J gave the layer, for what this one does not handle; may be null
     * @param inputGradient whether the backward pass computes the gradient of the layer's input
     *     (false for a network's first layer, whose input is the images: it returns zeros, which the
     *     graph passes through its input preprocessor and drops)
     */
    OneDnnConvolutionHelper(ConvolutionHelper fallback, boolean inputGradient) {
        this.fallback = fallback;
        this.inputGradient = inputGradient;
    }

    @Override
    public boolean checkSupported() {
        return true;
    }

    @Override
    public Map<String, Long> helperMemoryUse() {
        return Map.of();
    }

    /** The primitives this helper last created or used for {@code problem}, if it still has them. */
    ConvolutionPrimitives primitivesFor(ConvolutionPrimitives.Problem problem) {
        return primitives.get(problem);
    }

    private static boolean handles(INDArray input, INDArray weights, int[] dilation, CNN2DFormat format) {
        return input.rank() == 4 && input.dataType() == DataType.FLOAT && weights.dataType() == DataType.FLOAT
                && format == CNN2DFormat.NCHW && dilation[0] == 1 && dilation[1] == 1;
    }

    /**
     * The problem for an NCHW input and output size, with DL4J's top and left padding for "same"
     * mode (else {@code pad}); null when its padding is not oneDNN's (negative).
     */
    private static ConvolutionPrimitives.Problem problem(INDArray input, INDArray weights, int[] outSize, int[] kernel,
                                                         int[] strides, int[] pad, ConvolutionMode mode, int[] dilation) {
        int[] padding = mode == ConvolutionMode.Same
                ? ConvolutionUtils.getSameModeTopLeftPadding(outSize, new int[] {(int) input.size(2), (int) input.size(3)},
                        kernel, strides, dilation)
                : pad;
        ConvolutionPrimitives.Problem p = new ConvolutionPrimitives.Problem((int) input.size(0), (int) input.size(1),
                (int) weights.size(0), (int) input.size(2), (int) input.size(3), outSize[0], outSize[1], kernel[0], kernel[1],
                strides[0], strides[1], padding[0], padding[1]);
        return p.padTop() >= 0 && p.padLeft() >= 0 && p.padBottom() >= 0 && p.padRight() >= 0 ? p : null;
    }

    private ConvolutionPrimitives primitives(ConvolutionPrimitives.Problem p) {
        return primitives.computeIfAbsent(p, ConvolutionPrimitives::new);
    }

    @Override
    public INDArray preOutput(INDArray input, INDArray weights, INDArray bias, int[] kernel, int[] strides, int[] pad,
                              AlgoMode mode, FwdAlgo fwdAlgo, ConvolutionMode convolutionMode, int[] dilation,
                              CNN2DFormat format, LayerWorkspaceMgr workspaceMgr) {
        ConvolutionPrimitives.Problem p = null;
        if (handles(input, weights, dilation, format)) {
            int[] outSize = ConvolutionUtils.getOutputSize(input, kernel, strides,
                    convolutionMode == ConvolutionMode.Same ? null : pad, convolutionMode, dilation, format);
            p = problem(input, weights, outSize, kernel, strides, pad, convolutionMode, dilation);
        }
        if (p == null) {
            return fallback == null ? null : fallback.preOutput(input, weights, bias, kernel, strides, pad, mode, fwdAlgo,
                    convolutionMode, dilation, format, workspaceMgr);
        }
        INDArray z = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, DataType.FLOAT, p.batch(), p.outChannels(),
                p.outHeight(), p.outWidth());
        primitives(p).forward(CpuArrays.contiguous(input), CpuArrays.contiguous(weights), CpuArrays.contiguous(bias), z);
        return z;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray input, INDArray weights, INDArray bias, INDArray delta,
                                                     int[] kernel, int[] strides, int[] pad, INDArray biasGradView,
                                                     INDArray weightGradView, IActivation afn, AlgoMode mode,
                                                     BwdFilterAlgo bwdFilterAlgo, BwdDataAlgo bwdDataAlgo,
                                                     ConvolutionMode convolutionMode, int[] dilation, CNN2DFormat format,
                                                     LayerWorkspaceMgr workspaceMgr) {
        ConvolutionPrimitives.Problem p = null;
        if (handles(input, weights, dilation, format) && biasGradView != null) {
            int[] outSize = {(int) delta.size(2), (int) delta.size(3)};
            p = problem(input, weights, outSize, kernel, strides, pad, convolutionMode, dilation);
        }
        if (p == null) {
            return fallback == null ? null : fallback.backpropGradient(input, weights, bias, delta, kernel, strides, pad,
                    biasGradView, weightGradView, afn, mode, bwdFilterAlgo, bwdDataAlgo, convolutionMode, dilation, format,
                    workspaceMgr);
        }
        INDArray dx = inputGradient
                ? workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, DataType.FLOAT, input.shape())
                : null;
        // a first layer's input gradient is zeros: the graph's input preprocessor reshapes whatever it gets
        INDArray returned = inputGradient ? dx : workspaceMgr.create(ArrayType.ACTIVATION_GRAD, DataType.FLOAT, input.shape());
        INDArray dw = CpuArrays.contiguous(weightGradView);
        INDArray db = CpuArrays.contiguous(biasGradView);
        primitives(p).backward(CpuArrays.contiguous(input), CpuArrays.contiguous(weights), CpuArrays.contiguous(delta), dx, dw, db);
        if (dw != weightGradView) {
            weightGradView.assign(dw);
        }
        if (db != biasGradView) {
            biasGradView.assign(db);
        }
        Gradient g = new DefaultGradient();
        if (bias != null) { // without one, DL4J passes a scratch array for the bias gradient
            g.gradientForVariable().put(ConvolutionParamInitializer.BIAS_KEY, biasGradView);
        }
        g.gradientForVariable().put(ConvolutionParamInitializer.WEIGHT_KEY, weightGradView);
        return new Pair<>(g, returned);
    }

    @Override
    public INDArray activate(INDArray z, IActivation afn, boolean training) {
        return afn.getActivation(z, training);
    }
}
