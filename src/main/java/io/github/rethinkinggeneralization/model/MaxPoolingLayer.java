package io.github.rethinkinggeneralization.model;

import java.util.Collection;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.deeplearning4j.util.ConvolutionUtils;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Small Inception's max pooling: DL4J's {@link SubsamplingLayer} configuration (its settings
 * unchanged) whose runtime layer pools float NCHW activations on ND4J's CPU backend with
 * {@link MaxPoolingKernel}, forward and backward, instead of with ND4J's {@code maxpool2d} ops. A
 * training forward pass writes down each output's winner, which the backward pass on the same input
 * array takes instead of finding them again (that search took half of the backward pass).
 * Anything else (a GPU backend, double precision, channels-last, other pooling types, dilation) goes
 * to DL4J's layer as before; {@code -Dpooling.kernel=off} builds DL4J's layer on the CPU too.
 */
public class MaxPoolingLayer extends SubsamplingLayer {
    /** {@code -Dpooling.kernel=off} builds DL4J's own runtime layer. */
    static final String KERNEL_PROPERTY = "pooling.kernel";

    /** For DL4J's JSON (de)serialization of configurations. */
    public MaxPoolingLayer() {
    }

    /** The same pooling as {@code pooling}, every setting copied. */
    public static MaxPoolingLayer of(SubsamplingLayer pooling) {
        return LayerSettings.copy(pooling, new MaxPoolingLayer(), SubsamplingLayer.class);
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int layerIndex,
                             INDArray paramsView, boolean initializeParams, DataType dataType) {
        if (!CpuArrays.backendIsCpu() || "off".equals(System.getProperty(KERNEL_PROPERTY))) {
            return super.instantiate(conf, listeners, layerIndex, paramsView, initializeParams, dataType);
        }
        return LayerSettings.instantiated(new Impl(conf, dataType), this, conf, listeners, layerIndex, paramsView, initializeParams);
    }

    /** DL4J's subsampling layer, with the inputs {@link MaxPoolingKernel} handles pooled by it. */
    public static final class Impl extends org.deeplearning4j.nn.layers.convolution.subsampling.SubsamplingLayer {
        /** The winners the last training forward pass wrote down (grown as needed), for the backward pass. */
        private int[] winners = new int[0];
        /** The input those winners are for (the same object, else the backward pass finds them again), or null. */
        private INDArray winnersInput;

        Impl(NeuralNetConfiguration conf, DataType dataType) {
            super(conf, dataType);
        }

        private boolean handles(INDArray x) {
            SubsamplingLayer c = layerConf();
            return MaxPoolingKernel.handles(x, c.getPoolingType(), c.getConvolutionMode(), c.getDilation(), c.getCnn2dDataFormat());
        }

        @Override
        public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
            assertInputSet(false);
            INDArray x = input.castTo(dataType);
            if (!handles(x)) {
                return super.activate(training, workspaceMgr);
            }
            SubsamplingLayer c = layerConf();
            boolean same = c.getConvolutionMode() == ConvolutionMode.Same;
            int[] outSize = ConvolutionUtils.getOutputSize(x, c.getKernelSize(), c.getStride(), same ? null : c.getPadding(),
                    c.getConvolutionMode(), c.getDilation(), CNN2DFormat.NCHW);
            int[] kept = null;
            if (training) {
                int n = MaxPoolingKernel.outputs(x, outSize);
                if (winners.length < n) {
                    winners = new int[n];
                }
                kept = winners;
            }
            INDArray out = MaxPoolingKernel.pool(x, outSize, c.getKernelSize(), c.getStride(), padding(x, outSize), workspaceMgr, kept);
            winnersInput = training ? x : null;
            return out;
        }

        @Override
        public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
            assertInputSet(true);
            INDArray x = input.castTo(dataType);
            if (!handles(x)) {
                return super.backpropGradient(epsilon, workspaceMgr);
            }
            SubsamplingLayer c = layerConf();
            int[] pad = padding(x, new int[] {(int) epsilon.size(2), (int) epsilon.size(3)});
            return new Pair<>(new DefaultGradient(), MaxPoolingKernel.backprop(x, epsilon, c.getKernelSize(), c.getStride(), pad,
                    workspaceMgr, x == winnersInput ? winners : null));
        }

        @Override
        public void clear() {
            super.clear();
            winnersInput = null;
        }

        /** The top and left padding, as DL4J's layer computes it. */
        private int[] padding(INDArray x, int[] outSize) {
            SubsamplingLayer c = layerConf();
            return c.getConvolutionMode() == ConvolutionMode.Same
                    ? ConvolutionUtils.getSameModeTopLeftPadding(outSize, new int[] {(int) x.size(2), (int) x.size(3)},
                            c.getKernelSize(), c.getStride(), c.getDilation())
                    : c.getPadding();
        }
    }
}
