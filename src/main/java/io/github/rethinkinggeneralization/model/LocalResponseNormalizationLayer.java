package io.github.rethinkinggeneralization.model;

import java.nio.FloatBuffer;
import java.util.Collection;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.LocalResponseNormalization;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Small AlexNet's local response normalization (Krizhevsky et al. 2012, Section 3.3): with
 * {@code u = k + alpha * sum of x_j^2 over the n channels around channel i}, the output is
 * {@code y_i = x_i * u_i^-beta}. The same layer as DL4J's {@link LocalResponseNormalization}, with the
 * same window (half-width {@code floor(n / 2)}) and the same forward pass, computed differently:
 *
 * <ul>
 *   <li>On ND4J's CPU backend (float), each image is normalized in one pass over its values in the
 *       core's cache ({@link LrnImageKernel}), the batch's images spread over the cores. Elsewhere (a
 *       GPU backend, double precision), the sum over the channel window is one batched matrix product
 *       with a banded matrix (alpha where two channels are at most half the window apart) and the rest
 *       elementwise ND4J operations. DL4J's layer instead makes eight strided additions and copies
 *       per window, and reruns its forward pass in the backward one: more than half of a small
 *       AlexNet training step.</li>
 *   <li>The backward pass is the exact gradient,
 *       {@code dx_i = g_i u_i^-beta - 2 alpha beta x_i * sum_j g_j y_j / u_j} over the window of i.
 *       DL4J's divides by {@code u_i} outside the sum instead of by each {@code u_j} inside it,
 *       which is right only where u is the same across the window (DL4J issue 7272: its gradient
 *       checks fail at alpha = 1). At small AlexNet's alpha (0.001/9) the two agree to 1e-3 of the
 *       gradient's norm (tested).</li>
 * </ul>
 *
 * <p>Channels-first (NCHW) activations only, as the suite's networks have; other formats fall back to
 * DL4J's layer. {@code -Dlrn.kernel=off} keeps the ND4J operations on the CPU too.
 */
public class LocalResponseNormalizationLayer extends LocalResponseNormalization {

    /** For DL4J's JSON (de)serialization of configurations. */
    public LocalResponseNormalizationLayer() {
    }

    /** The same normalization as {@code lrn} (its k, n, alpha, beta and data format). */
    public static LocalResponseNormalizationLayer of(LocalResponseNormalization lrn) {
        LocalResponseNormalizationLayer layer = new LocalResponseNormalizationLayer();
        layer.setK(lrn.getK());
        layer.setN(lrn.getN());
        layer.setAlpha(lrn.getAlpha());
        layer.setBeta(lrn.getBeta());
        layer.setDataFormat(lrn.getDataFormat());
        layer.setCudnnAllowFallback(lrn.isCudnnAllowFallback());
        layer.setLayerName(lrn.getLayerName());
        return layer;
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int layerIndex,
                             INDArray paramsView, boolean initializeParams, DataType dataType) {
        return LayerSettings.instantiated(new Impl(conf, dataType), this, conf, listeners, layerIndex, paramsView, initializeParams);
    }

    /** {@code -Dlrn.kernel=off} switches {@link LrnImageKernel} off: every pass as ND4J operations, for comparisons. */
    static final String KERNEL_PROPERTY = "lrn.kernel";

    /** The runtime layer: {@link LrnImageKernel} on the CPU, else the window sums as batched products with a banded matrix. */
    static final class Impl extends org.deeplearning4j.nn.layers.normalization.LocalResponseNormalization {
        /** alpha on the band, repeated for each image of the batch ([N, C, C]); rebuilt for a larger N or another C. */
        private INDArray band;

        Impl(NeuralNetConfiguration conf, DataType dataType) {
            super(conf, dataType);
        }

        private boolean handles(INDArray x) {
            return x != null && x.rank() == 4 && layerConf().getDataFormat() == CNN2DFormat.NCHW;
        }

        @Override
        public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
            if (!handles(input)) {
                return super.activate(training, workspaceMgr);
            }
            assertInputSet(false);
            INDArray x = input.castTo(dataType);
            INDArray y = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, x.dataType(), x.shape(), 'c');
            if (onCpu(x)) {
                LrnImageKernel kernel = kernel(x);
                perImage(kernel, CpuArrays.contiguous(x), null, y, (s, xs, unused, out) -> kernel.forward(xs, out, s[0], s[1]));
                return y;
            }
            INDArray scale = Transforms.pow(unitScale(x), -layerConf().getBeta(), false);
            return y.assign(x).muli(scale);
        }

        @Override
        public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
            if (!handles(input)) {
                return super.backpropGradient(epsilon, workspaceMgr);
            }
            assertInputSet(true);
            double beta = layerConf().getBeta();
            INDArray x = input.castTo(dataType);
            INDArray g = epsilon.castTo(dataType);
            INDArray dx = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, x.dataType(), x.shape(), 'c');
            if (onCpu(x)) {
                LrnImageKernel kernel = kernel(x);
                perImage(kernel, CpuArrays.contiguous(x), CpuArrays.contiguous(g), dx, (s, xs, gs, out) -> kernel.backward(xs, gs, out, s[0], s[1], s[2]));
                return new Pair<>(new DefaultGradient(), dx);
            }
            INDArray u = unitScale(x);
            INDArray scale = Transforms.pow(u, -beta, true);
            // t_j = g_j y_j / u_j = g_j x_j u_j^-beta / u_j
            INDArray t = g.mul(x).muli(scale).divi(u);
            INDArray windowSum = alphaWindowSum(t); // alpha * sum over the window of t
            dx.assign(g).muli(scale);
            dx.subi(windowSum.muli(x).muli(2 * beta));
            return new Pair<>(new DefaultGradient(), dx);
        }

        /**
         * Whether to run {@link LrnImageKernel} on the arrays' memory: float arrays on ND4J's CPU
         * backend (where an array's memory is the process's); elsewhere, and for double precision,
         * the same normalization as ND4J operations.
         */
        private static boolean onCpu(INDArray x) {
            return x.dataType() == DataType.FLOAT && CpuArrays.backendIsCpu() && !"off".equals(System.getProperty(KERNEL_PROPERTY));
        }

        private LrnImageKernel kernel(INDArray x) {
            return new LrnImageKernel((int) x.size(1), (int) (x.size(2) * x.size(3)), (int) layerConf().getN() / 2,
                    layerConf().getK(), layerConf().getAlpha(), layerConf().getBeta());
        }

        /** One image's pass: scratch arrays, x, g (or null) and the output, all of the kernel's size. */
        private interface ImagePass {
            void run(float[][] scratch, float[] x, float[] g, float[] out);
        }

        /** Runs {@code pass} for each image of the batch, the images spread over the cores. */
        private static void perImage(LrnImageKernel kernel, INDArray x, INDArray g, INDArray out, ImagePass pass) {
            int size = kernel.size();
            FloatBuffer xb = CpuArrays.floats(x);
            FloatBuffer gb = g == null ? null : CpuArrays.floats(g);
            FloatBuffer ob = CpuArrays.floats(out);
            long xo = x.offset();
            long go = g == null ? 0 : g.offset();
            long oo = out.offset();
            ThreadsPerTraining.pieces((int) x.size(0)).forEach(i -> {
                float[] xs = ThreadScratch.floats(0, size);
                float[] gs = gb == null ? null : ThreadScratch.floats(1, size);
                float[] os = ThreadScratch.floats(2, size);
                float[][] work = {ThreadScratch.floats(3, size), ThreadScratch.floats(4, size), ThreadScratch.floats(5, size)};
                xb.get((int) (xo + (long) i * size), xs, 0, size);
                if (gs != null) {
                    gb.get((int) (go + (long) i * size), gs, 0, size);
                }
                pass.run(work, xs, gs, os);
                ob.put((int) (oo + (long) i * size), os, 0, size);
            });
        }

        /** {@code u = k + alpha * (window sum of x^2)}. */
        private INDArray unitScale(INDArray x) {
            return alphaWindowSum(x.mul(x)).addi(layerConf().getK());
        }

        /** alpha times the sum of {@code v} over each channel's window, for NCHW {@code v}. */
        private INDArray alphaWindowSum(INDArray v) {
            long n = v.size(0);
            long c = v.size(1);
            INDArray flat = (v.ordering() == 'c' && !v.isView() ? v : v.dup('c')).reshape('c', n, c, v.size(2) * v.size(3));
            INDArray sum = Nd4j.matmul(band(n, c, v.dataType()), flat);
            return sum.reshape('c', v.shape());
        }

        /** The first n images' band (the array keeps the largest batch seen; its leading slices are contiguous). */
        private INDArray band(long n, long c, DataType type) {
            if (band == null || band.size(0) < n || band.size(1) != c || band.dataType() != type) {
                int half = (int) layerConf().getN() / 2; // DL4J's window: channels i - n/2 .. i + n/2
                try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
                    double[][] b = new double[(int) c][(int) c];
                    for (int i = 0; i < c; i++) {
                        for (int j = Math.max(0, i - half); j <= Math.min(c - 1, i + half); j++) {
                            b[i][j] = layerConf().getAlpha();
                        }
                    }
                    INDArray one = Nd4j.createFromArray(b).castTo(type);
                    band = one.reshape(1, c, c).broadcast(n, c, c).dup('c');
                }
            }
            return band.size(0) == n ? band : band.get(NDArrayIndex.interval(0, n), NDArrayIndex.all(), NDArrayIndex.all());
        }
    }
}
