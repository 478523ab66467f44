package io.github.rethinkinggeneralization.model;

import java.nio.FloatBuffer;
import java.util.Arrays;
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
 * same input. The backward pass takes the winners that a training forward pass wrote down, or else
 * finds them again from the input. The window maxima are separable (rows, then columns), which
 * vectorizes.
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

    /**
     * The max pooling of {@code input} to {@code outSize}, with top and left padding {@code pad}, in an
     * activations array; also each output's winner into {@code winners} where not null (of at least
     * {@link #outputs} values; plane after plane, each winner an index into its plane), for
     * {@link #backprop} to take instead of finding them again.
     */
    static INDArray pool(INDArray input, int[] outSize, int[] kernel, int[] strides, int[] pad, LayerWorkspaceMgr workspaceMgr,
                         int[] winners) {
        Windows w = new Windows(CpuArrays.contiguous(input), outSize, kernel, strides, pad);
        INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, DataType.FLOAT,
                new long[] {input.size(0), input.size(1), outSize[0], outSize[1]}, 'c');
        FloatBuffer outBuffer = CpuArrays.floats(out);
        long outOffset = out.offset();
        ThreadsPerTraining.pieces(w.planes).forEach(p -> {
            float[] x = ThreadScratch.floats(0, w.inPixels);
            float[] y = ThreadScratch.floats(1, w.outPixels);
            w.buffer.get((int) (w.offset + (long) p * w.inPixels), x, 0, w.inPixels);
            w.winners(x, winners, p * w.outPixels, y);
            outBuffer.put((int) (outOffset + (long) p * w.outPixels), y, 0, w.outPixels);
        });
        return out;
    }

    /** How many outputs pooling {@code input} to {@code outSize} gives: the size of the winners' array. */
    static int outputs(INDArray input, int[] outSize) {
        return Math.toIntExact(input.size(0) * input.size(1) * outSize[0] * outSize[1]);
    }

    /**
     * The gradient at {@code input} of the max pooling whose output gradient is {@code epsilon}: each
     * output's gradient added to its window's winner, in an activation-gradient array. The winners are
     * {@code forwardWinners}, those {@link #pool} wrote for this {@code input}, or when null found
     * again from the input.
     */
    static INDArray backprop(INDArray input, INDArray epsilon, int[] kernel, int[] strides, int[] pad, LayerWorkspaceMgr workspaceMgr,
                             int[] forwardWinners) {
        Windows w = new Windows(CpuArrays.contiguous(input), new int[] {(int) epsilon.size(2), (int) epsilon.size(3)},
                kernel, strides, pad);
        INDArray g = CpuArrays.contiguous(epsilon.castTo(DataType.FLOAT));
        FloatBuffer gBuffer = CpuArrays.floats(g);
        long gOffset = g.offset();
        INDArray dx = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, DataType.FLOAT, input.shape(), 'c');
        FloatBuffer dxBuffer = CpuArrays.floats(dx);
        long dxOffset = dx.offset();
        ThreadsPerTraining.pieces(w.planes).forEach(p -> {
            float[] gs = ThreadScratch.floats(1, w.outPixels);
            float[] dxs = ThreadScratch.floats(2, w.inPixels);
            gBuffer.get((int) (gOffset + (long) p * w.outPixels), gs, 0, w.outPixels);
            Arrays.fill(dxs, 0, w.inPixels, 0f);
            int[] winners = forwardWinners;
            int at = p * w.outPixels;
            if (winners == null) {
                float[] x = ThreadScratch.floats(0, w.inPixels);
                w.buffer.get((int) (w.offset + (long) p * w.inPixels), x, 0, w.inPixels);
                winners = ThreadScratch.ints(w.outPixels);
                at = 0;
                w.winners(x, winners, 0, null);
            }
            for (int o = 0; o < w.outPixels; o++) {
                dxs[winners[at + o]] += gs[o];
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
         * first one on ties) into {@code winners} from {@code at} on and its value into {@code maxima},
         * where not null.
         * For whole windows (all but the padded edges of small Inception's poolings) the maxima come
         * from separable passes, each row's window maxima and then those over the window's rows, in
         * loops the JIT vectorizes; the winner is then the first input equal to the maximum.
         */
        void winners(float[] plane, int[] winners, int at, float[] maxima) {
            int rowWindows = Math.max(w - kw + 1, 0);
            float[] rowMax = ThreadScratch.floats(3, h * rowWindows);
            float[] colMax = ThreadScratch.floats(4, rowWindows);
            rowMaxima(plane, rowMax, rowWindows);
            int o = 0;
            for (int oy = 0; oy < outH; oy++) {
                int y0 = Math.max(oy * sh - ph, 0);
                int y1 = Math.min(oy * sh - ph + kh, h);
                boolean wholeRows = y1 - y0 == kh;
                if (wholeRows) {
                    columnMaxima(rowMax, rowWindows, y0, colMax);
                }
                for (int ox = 0; ox < outW; ox++, o++) {
                    int x0 = Math.max(ox * sw - pw, 0);
                    int x1 = Math.min(ox * sw - pw + kw, w);
                    int best = y0 * w + x0;
                    if (wholeRows && x1 - x0 == kw) {
                        float m = colMax[x0];
                        if (winners != null) {
                            winners[at + o] = kh == 3 && kw == 3 ? firstOf3x3(plane, best, m) : firstOf(plane, y0, x0, m, best);
                        }
                        if (maxima != null) {
                            maxima[o] = m;
                        }
                        continue;
                    }
                    float max = -Float.MAX_VALUE; // a window cut by the padding: one scan
                    for (int y = y0; y < y1; y++) {
                        for (int i = y * w + x0, end = y * w + x1; i < end; i++) {
                            float v = plane[i];
                            boolean larger = v > max;
                            max = larger ? v : max;
                            best = larger ? i : best;
                        }
                    }
                    if (winners != null) {
                        winners[at + o] = best;
                    }
                    if (maxima != null) {
                        maxima[o] = plane[best];
                    }
                }
            }
        }

        /**
         * Each row's maxima over its whole windows: {@code rowMax[y * rowWindows + c]} is the largest of
         * the plane's row {@code y} from column {@code c} on, {@code kw} of them. Plain loops over
         * arrays, which the JIT vectorizes.
         */
        private void rowMaxima(float[] plane, float[] rowMax, int rowWindows) {
            for (int y = 0; y < h; y++) {
                int in = y * w;
                int out = y * rowWindows;
                System.arraycopy(plane, in, rowMax, out, rowWindows);
                for (int k = 1; k < kw; k++) {
                    for (int c = 0; c < rowWindows; c++) {
                        rowMax[out + c] = Math.max(rowMax[out + c], plane[in + k + c]);
                    }
                }
            }
        }

        /** {@code colMax[c]}: the largest of {@code rowMax} over the window's {@code kh} rows from {@code y0}, at column {@code c}. */
        private void columnMaxima(float[] rowMax, int rowWindows, int y0, float[] colMax) {
            System.arraycopy(rowMax, y0 * rowWindows, colMax, 0, rowWindows);
            for (int k = 1; k < kh; k++) {
                int row = (y0 + k) * rowWindows;
                for (int c = 0; c < rowWindows; c++) {
                    colMax[c] = Math.max(colMax[c], rowMax[row + c]);
                }
            }
        }

        /** The first input of the whole window at ({@code y0}, {@code x0}) equal to its maximum {@code m}; {@code none} if none is (NaN). */
        private int firstOf(float[] p, int y0, int x0, float m, int none) {
            for (int y = y0; y < y0 + kh; y++) {
                for (int i = y * w + x0, end = i + kw; i < end; i++) {
                    if (p[i] == m) {
                        return i;
                    }
                }
            }
            return none;
        }

        /**
         * The index of the first input equal to {@code m}, the maximum of the 3x3 window whose top
         * left is {@code f}, without branches. For a NaN maximum, the window's first input.
         */
        private int firstOf3x3(float[] p, int f, float m) {
            int f1 = f + w;
            int f2 = f1 + w;
            float a0 = p[f], a1 = p[f + 1], a2 = p[f + 2];
            float b0 = p[f1], b1 = p[f1 + 1], b2 = p[f1 + 2];
            float c0 = p[f2], c1 = p[f2 + 1], c2 = p[f2 + 2];
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
