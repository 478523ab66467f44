package io.github.rethinkinggeneralization.model;

import java.nio.FloatBuffer;
import java.util.Map;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.normalization.BatchNormalizationHelper;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Batch normalization of channels-first float activations on ND4J's CPU backend, one channel at a
 * time in the core's cache (the channels spread over the cores), as a DL4J batch-norm helper: DL4J's
 * layer keeps its parameters and running statistics and hands the normalization to this.
 *
 * <p>Training mode normalizes with the minibatch's per-channel mean and biased variance (kept for the
 * backward pass and for DL4J's running statistics), inference with the given global ones:
 * {@code y = gamma (x - mean) / sqrt(var + eps) + beta}. The backward pass is the usual one:
 * with {@code xhat = (x - mean) / sigma} over the m values of a channel,
 * {@code dbeta = sum g}, {@code dgamma = sum g xhat},
 * {@code dx = gamma / sigma (g - dbeta / m - xhat dgamma / m)}. Sums are in double, by
 * {@link BatchNormSums#fastest()}.
 *
 * <p>Made {@linkplain #CpuBatchNormHelper(boolean) with the ReLU}, it also applies the ReLU that
 * follows the batch norm, in the same pass: forward {@code y = max(z, 0)} for the normalized
 * {@code z} (ND4J's ReLU, {@code z < 0 ? 0 : z}, gives the same floats but keeps a -0 where this
 * gives +0), backward the incoming gradient kept where {@code z > 0} (as ND4J's ReLU derivative),
 * {@code z} recomputed from the input with the forward pass's scale and shift, so the same floats.
 * Both without branches ({@link Math#max}, {@link #keptWherePositive}): a branch on the sign of
 * {@code z} is mispredicted for half of the values.
 *
 * <p>Anything else (rank other than 4, channels-last, double) returns null, which makes DL4J's layer
 * compute it itself ({@link #appliedRelu()} then says the ReLU is still to be applied).
 */
final class CpuBatchNormHelper implements BatchNormalizationHelper {
    private final BatchNormSums sums = BatchNormSums.fastest();
    private final boolean relu;
    private float[] mean;
    private float[] variance;
    private long valuesPerChannel;
    private float[] channelScale;
    private float[] channelShift;
    private boolean appliedRelu;

    /** The batch normalization alone. */
    CpuBatchNormHelper() {
        this(false);
    }

    /** The batch normalization, followed by a ReLU when {@code relu}. */
    CpuBatchNormHelper(boolean relu) {
        this.relu = relu;
    }

    /** Whether the last forward pass returned the ReLU's output (false when it left the pass to DL4J). */
    boolean appliedRelu() {
        return appliedRelu;
    }

    @Override
    public boolean checkSupported(double eps, boolean fixedGammaBeta) {
        return true;
    }

    @Override
    public boolean checkSupported() {
        return true;
    }

    @Override
    public Map<String, Long> helperMemoryUse() {
        return Map.of();
    }

    /** The moments of the last training-mode minibatch, or null before one (or when DL4J computed them). */
    MinibatchMoments lastMinibatchMoments() {
        return mean == null ? null : MinibatchMoments.of(mean, variance, valuesPerChannel);
    }

    /** The last training-mode minibatch's per-channel mean (this helper's own array: not to be changed), or null. */
    float[] minibatchMean() {
        return mean;
    }

    /** The last training-mode minibatch's per-channel biased variance (this helper's own array), or null. */
    float[] minibatchVariance() {
        return variance;
    }

    @Override
    public INDArray getMeanCache(DataType dataType) {
        return outOfWorkspace(mean).castTo(dataType);
    }

    @Override
    public INDArray getVarCache(DataType dataType) {
        return outOfWorkspace(variance).castTo(dataType);
    }

    private static INDArray outOfWorkspace(float[] values) {
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            return Nd4j.createFromArray(values);
        }
    }

    private static boolean handles(INDArray x, CNN2DFormat format) {
        return x.rank() == 4 && format == CNN2DFormat.NCHW && x.dataType() == DataType.FLOAT;
    }

    @Override
    public INDArray preOutput(INDArray x, boolean training, long[] shape, INDArray gamma, INDArray beta, INDArray globalMean,
                              INDArray globalVar, double decay, double eps, CNN2DFormat format, LayerWorkspaceMgr workspaceMgr) {
        appliedRelu = false;
        if (!handles(x, format)) {
            if (training) {
                mean = null; // this minibatch's moments are DL4J's own, not these
                variance = null;
                valuesPerChannel = 0;
            }
            return null;
        }
        Channels ch = new Channels(CpuArrays.contiguous(x));
        float[] g = gamma == null ? null : CpuArrays.toFloats(gamma);
        float[] b = beta == null ? null : CpuArrays.toFloats(beta);
        float[] m = training ? new float[ch.c] : CpuArrays.toFloats(globalMean);
        float[] v = training ? new float[ch.c] : CpuArrays.toFloats(globalVar);
        INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, DataType.FLOAT, x.shape(), 'c');
        FloatBuffer outBuffer = CpuArrays.floats(out);
        long outOffset = out.offset();
        float[] scales = new float[ch.c];
        float[] shifts = new float[ch.c];
        ThreadsPerTraining.pieces(ch.c).forEach(c -> {
            float[] values = ThreadScratch.floats(0, ch.perChannel());
            ch.gather(ch.buffer, ch.offset, c, values);
            int n = ch.perChannel();
            if (training) {
                double mu = sums.sum(values, n) / n;
                m[c] = (float) mu;
                v[c] = (float) (sums.squaredDeviations(values, n, mu) / n);
            }
            float scale = (float) ((g == null ? 1.0 : g[c]) / Math.sqrt(v[c] + eps));
            float shift = (b == null ? 0f : b[c]) - m[c] * scale;
            scales[c] = scale;
            shifts[c] = shift;
            if (relu) {
                for (int i = 0; i < n; i++) {
                    values[i] = Math.max(values[i] * scale + shift, 0f);
                }
            } else {
                for (int i = 0; i < n; i++) {
                    values[i] = values[i] * scale + shift;
                }
            }
            ch.scatter(values, outBuffer, outOffset, c);
        });
        appliedRelu = relu;
        if (training) {
            mean = m;
            variance = v;
            valuesPerChannel = ch.perChannel();
            channelScale = scales;
            channelShift = shifts;
        }
        return out;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray input, INDArray epsilon, long[] shape, INDArray gamma,
                                                     INDArray beta, INDArray dGammaView, INDArray dBetaView, double eps,
                                                     CNN2DFormat format, LayerWorkspaceMgr workspaceMgr) {
        if (!handles(input, format)) {
            return null;
        }
        if (mean == null || mean.length != input.size(1)) {
            if (relu) {
                throw new IllegalStateException("batch norm + ReLU: a backward pass without this helper's training-mode forward pass");
            }
            return null;
        }
        Channels ch = new Channels(CpuArrays.contiguous(input));
        INDArray gradOut = CpuArrays.contiguous(epsilon.castTo(DataType.FLOAT));
        FloatBuffer gBuffer = CpuArrays.floats(gradOut);
        long gOffset = gradOut.offset();
        float[] gam = gamma == null ? null : CpuArrays.toFloats(gamma);
        float[] dGamma = new float[ch.c];
        float[] dBeta = new float[ch.c];
        INDArray dx = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, DataType.FLOAT, input.shape(), 'c');
        FloatBuffer dxBuffer = CpuArrays.floats(dx);
        long dxOffset = dx.offset();
        ThreadsPerTraining.pieces(ch.c).forEach(c -> {
            int n = ch.perChannel();
            float[] xs = ThreadScratch.floats(0, n);
            float[] gs = ThreadScratch.floats(1, n);
            ch.gather(ch.buffer, ch.offset, c, xs);
            ch.gather(gBuffer, gOffset, c, gs);
            float mu = mean[c];
            float invSigma = (float) (1.0 / Math.sqrt(variance[c] + eps));
            double[] gradientSums = new double[2];
            sums.gradientSums(xs, gs, n, relu, relu ? channelScale[c] : 0f, relu ? channelShift[c] : 0f, mu, invSigma,
                    gradientSums);
            double sumG = gradientSums[0];
            double sumGxhat = gradientSums[1];
            float a = (float) ((gam == null ? 1.0 : gam[c]) * invSigma);
            float meanG = (float) (sumG / n);
            float meanGxhat = (float) (sumGxhat / n);
            for (int i = 0; i < n; i++) {
                float xhat = (xs[i] - mu) * invSigma;
                gs[i] = a * (gs[i] - meanG - xhat * meanGxhat);
            }
            ch.scatter(gs, dxBuffer, dxOffset, c);
            dGamma[c] = (float) sumGxhat;
            dBeta[c] = (float) sumG;
        });
        Gradient gradient = new DefaultGradient();
        if (dGammaView != null) {
            CpuArrays.put(dGamma, dGammaView);
            CpuArrays.put(dBeta, dBetaView);
            gradient.setGradientFor(BatchNormalizationParamInitializer.GAMMA, dGammaView);
            gradient.setGradientFor(BatchNormalizationParamInitializer.BETA, dBetaView);
        }
        return new Pair<>(gradient, dx);
    }

    /**
     * {@code z > 0 ? g : 0}, the ReLU's derivative times the gradient as ND4J's {@code relu_bp}
     * computes it, without a branch: half of a normalized channel's values are negative, and C2
     * compiles a float conditional to a branch that is then mispredicted half the time (5.8 against
     * 0.6 ns a value on a 2-core AMD EPYC, README). {@code z > 0} exactly when the bits of {@code z}
     * less one lie in [0, 0x7F7FFFFF] (positive numbers and +infinity; not zeros, negatives or NaN),
     * that is when both they and 0x7F7FFFFF less them have a clear sign bit.
     */
    static float keptWherePositive(float g, float z) {
        int t = Float.floatToRawIntBits(z) - 1;
        int positive = ~((t | (0x7F7FFFFF - t)) >> 31);
        return Float.intBitsToFloat(Float.floatToRawIntBits(g) & positive);
    }

    /** An NCHW array's memory, addressed by channel: each image holds the channel's pixels in one run. */
    private static final class Channels {
        final FloatBuffer buffer;
        final long offset;
        final int images;
        final int c;
        final int pixels;

        Channels(INDArray x) {
            this.buffer = CpuArrays.floats(x);
            this.offset = x.offset();
            this.images = (int) x.size(0);
            this.c = (int) x.size(1);
            this.pixels = (int) (x.size(2) * x.size(3));
        }

        int perChannel() {
            return images * pixels;
        }

        /** Channel {@code channel}'s values of an array shaped like this one, image after image, into {@code to}. */
        void gather(FloatBuffer from, long fromOffset, int channel, float[] to) {
            for (int i = 0; i < images; i++) {
                from.get((int) (fromOffset + ((long) i * c + channel) * pixels), to, i * pixels, pixels);
            }
        }

        void scatter(float[] from, FloatBuffer to, long toOffset, int channel) {
            for (int i = 0; i < images; i++) {
                to.put((int) (toOffset + ((long) i * c + channel) * pixels), from, i * pixels, pixels);
            }
        }
    }
}
