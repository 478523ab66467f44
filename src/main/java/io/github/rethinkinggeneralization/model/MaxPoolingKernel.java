package io.github.rethinkinggeneralization.model;

import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.stream.IntStream;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Max pooling of channels-first float activations on ND4J's CPU backend, one image's channel (a
 * plane) at a time in the core's cache, the planes spread over the cores. DL4J 1.0.0-M2.1's
 * subsampling layer pools with ND4J's {@code maxpool2d} op, which oneDNN runs with its reference
 * kernel for plain NCHW arrays, a function object called per output value: small Inception's two
 * 3x3 stride-2 max poolings took about 8 % of a training step at the {@code ci} width, for a few
 * thousand comparisons per image.
 *
 * <p>Each output is the largest input of its window (the padding excluded); on ties the first in
 * row-major order wins, as in DL4J's layer, so the backward pass sends each output's gradient to the
 * same input. The backward pass recomputes the winners from the input, so nothing is kept between
 * the passes.
 */
final class MaxPoolingKernel {
    private MaxPoolingKernel() {
    }

    /**
     * Whether this kernel pools {@code x}: a rank-4 float NCHW array, max pooling, no dilation and a
     * mode other than causal. The caller pools anything else itself.
     */
    static boolean handles(INDArray x, PoolingType type, ConvolutionMode mode, int[] dilation, CNN2DFormat format) {
        return x.rank() == 4 && x.dataType() == DataType.FLOAT && type == PoolingType.MAX && format == CNN2DFormat.NCHW
                && mode != ConvolutionMode.Causal && dilation[0] == 1 && dilation[1] == 1;
    }

    /** The max pooling of {@code input} to {@code outSize}, with top and left padding {@code pad}, in an activations array. */
    static INDArray pool(INDArray input, int[] outSize, int[] kernel, int[] strides, int[] pad, LayerWorkspaceMgr workspaceMgr) {
        Windows w = new Windows(CpuArrays.contiguous(input), outSize, kernel, strides, pad);
        INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, DataType.FLOAT,
                new long[] {input.size(0), input.size(1), outSize[0], outSize[1]}, 'c');
        FloatBuffer outBuffer = CpuArrays.floats(out);
        long outOffset = out.offset();
        IntStream.range(0, w.planes).parallel().forEach(p -> {
            float[] x = ThreadScratch.floats(0, w.inPixels);
            float[] y = ThreadScratch.floats(1, w.outPixels);
            w.buffer.get((int) (w.offset + (long) p * w.inPixels), x, 0, w.inPixels);
            w.winners(x, null, y);
            outBuffer.put((int) (outOffset + (long) p * w.outPixels), y, 0, w.outPixels);
        });
        return out;
    }

    /**
     * The gradient at {@code input} of the max pooling whose output gradient is {@code epsilon}: each
     * output's gradient added to its window's winner, in an activation-gradient array.
     */
    static INDArray backprop(INDArray input, INDArray epsilon, int[] kernel, int[] strides, int[] pad, LayerWorkspaceMgr workspaceMgr) {
        Windows w = new Windows(CpuArrays.contiguous(input), new int[] {(int) epsilon.size(2), (int) epsilon.size(3)},
                kernel, strides, pad);
        INDArray g = CpuArrays.contiguous(epsilon.castTo(DataType.FLOAT));
        FloatBuffer gBuffer = CpuArrays.floats(g);
        long gOffset = g.offset();
        INDArray dx = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, DataType.FLOAT, input.shape(), 'c');
        FloatBuffer dxBuffer = CpuArrays.floats(dx);
        long dxOffset = dx.offset();
        IntStream.range(0, w.planes).parallel().forEach(p -> {
            float[] x = ThreadScratch.floats(0, w.inPixels);
            float[] gs = ThreadScratch.floats(1, w.outPixels);
            float[] dxs = ThreadScratch.floats(2, w.inPixels);
            w.buffer.get((int) (w.offset + (long) p * w.inPixels), x, 0, w.inPixels);
            gBuffer.get((int) (gOffset + (long) p * w.outPixels), gs, 0, w.outPixels);
            Arrays.fill(dxs, 0, w.inPixels, 0f);
            int[] winners = ThreadScratch.ints(w.outPixels);
            w.winners(x, winners, null);
            for (int o = 0; o < w.outPixels; o++) {
                dxs[winners[o]] += gs[o];
            }
            dxBuffer.put((int) (dxOffset + (long) p * w.inPixels), dxs, 0, w.inPixels);
        });
        return dx;
    }

    /** The pooling windows of an NCHW array's planes: one image's channel, rows of pixels. */
    private static final class Windows {
        final FloatBuffer buffer;
        final long offset;
        final int planes;
        final int h;
        final int w;
        final int outH;
        final int outW;
        final int inPixels;
        final int outPixels;
        final int kh;
        final int kw;
        final int sh;
        final int sw;
        final int ph;
        final int pw;

        Windows(INDArray x, int[] outSize, int[] kernel, int[] strides, int[] pad) {
            this.buffer = CpuArrays.floats(x);
            this.offset = x.offset();
            this.planes = Math.toIntExact(x.size(0) * x.size(1));
            this.h = (int) x.size(2);
            this.w = (int) x.size(3);
            this.outH = outSize[0];
            this.outW = outSize[1];
            this.inPixels = h * w;
            this.outPixels = outH * outW;
            this.kh = kernel[0];
            this.kw = kernel[1];
            this.sh = strides[0];
            this.sw = strides[1];
            this.ph = pad[0];
            this.pw = pad[1];
        }

        /**
         * For each output of {@code plane}, row by row, the index of its window's largest input (the
         * first one on ties) into {@code winners} and its value into {@code maxima}, where not null.
         * Whole 3x3 windows (all but the padded edges of small Inception's poolings) take a
         * straight-line path, about 1.3x faster than the loop on one core.
         */
        void winners(float[] plane, int[] winners, float[] maxima) {
            int o = 0;
            for (int oy = 0; oy < outH; oy++) {
                int y0 = Math.max(oy * sh - ph, 0);
                int y1 = Math.min(oy * sh - ph + kh, h);
                for (int ox = 0; ox < outW; ox++, o++) {
                    int x0 = Math.max(ox * sw - pw, 0);
                    int x1 = Math.min(ox * sw - pw + kw, w);
                    int best = y0 * w + x0;
                    if (y1 - y0 == 3 && x1 - x0 == 3) {
                        best = winnerOf3x3(plane, best);
                    } else {
                        float max = -Float.MAX_VALUE;
                        for (int y = y0; y < y1; y++) {
                            for (int i = y * w + x0, end = y * w + x1; i < end; i++) {
                                float v = plane[i];
                                boolean larger = v > max;
                                max = larger ? v : max;
                                best = larger ? i : best;
                            }
                        }
                    }
                    if (winners != null) {
                        winners[o] = best;
                    }
                    if (maxima != null) {
                        maxima[o] = plane[best];
                    }
                }
            }
        }

        /**
         * The index of the largest input of the 3x3 window whose top left is {@code f}, the first one
         * on ties: the maximum as a tree of nine values (no chain of dependent comparisons), then the
         * first of them equal to it. For a NaN maximum, the window's first input.
         */
        private int winnerOf3x3(float[] p, int f) {
            int f1 = f + w;
            int f2 = f1 + w;
            float a0 = p[f], a1 = p[f + 1], a2 = p[f + 2];
            float b0 = p[f1], b1 = p[f1 + 1], b2 = p[f1 + 2];
            float c0 = p[f2], c1 = p[f2 + 1], c2 = p[f2 + 2];
            float m = Math.max(Math.max(Math.max(a0, a1), Math.max(a2, b0)),
                    Math.max(Math.max(b1, b2), Math.max(Math.max(c0, c1), c2)));
            int best = f;
            best = c2 == m ? f2 + 2 : best;
            best = c1 == m ? f2 + 1 : best;
            best = c0 == m ? f2 : best;
            best = b2 == m ? f1 + 2 : best;
            best = b1 == m ? f1 + 1 : best;
            best = b0 == m ? f1 : best;
            best = a2 == m ? f + 2 : best;
            best = a1 == m ? f + 1 : best;
            best = a0 == m ? f : best;
            return best;
        }
    }
}
