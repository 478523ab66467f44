package io.github.rethinkinggeneralization.model;

/**
 * Local response normalization of one channels-first image held in float arrays (channel c's pixels
 * at {@code c * pixels ...}): the forward pass {@code y = x * u^-beta} with
 * {@code u = k + alpha * (sum of x^2 over the channel window)}, and its exact gradient
 * {@code dx = g * u^-beta - 2 alpha beta * x * (window sum of g * y / u)}. Every pass runs along a
 * channel's pixels, so the loops vectorize; an image's arrays stay in the core's cache.
 */
final class LrnImageKernel {
    private final int channels;
    private final int pixels;
    private final int half;
    private final float k;
    private final float alpha;
    private final double beta;

    /**
     * @param channels channels of the image
     * @param pixels   height x width
     * @param half     the window's half-width: channels {@code c - half .. c + half}
     */
    LrnImageKernel(int channels, int pixels, int half, double k, double alpha, double beta) {
        this.channels = channels;
        this.pixels = pixels;
        this.half = half;
        this.k = (float) k;
        this.alpha = (float) alpha;
        this.beta = beta;
    }

    /** Values per image. */
    int size() {
        return channels * pixels;
    }

    /**
     * y = x * u^-beta.
     *
     * @param work    scratch of {@link #size()} values (holds x^2)
     * @param shifted scratch of {@link #size()} values
     */
    void forward(float[] x, float[] y, float[] work, float[] shifted) {
        square(x, work);
        windowSum(work, y, shifted); // y holds the window sums for a moment
        scales(y, y, null);
        for (int i = 0, n = size(); i < n; i++) {
            y[i] *= x[i];
        }
    }

    /**
     * dx for the upstream gradient g.
     *
     * @param u       scratch of {@link #size()} values
     * @param t       scratch of {@link #size()} values
     * @param shifted scratch of {@link #size()} values
     */
    void backward(float[] x, float[] g, float[] dx, float[] u, float[] t, float[] shifted) {
        square(x, t);
        windowSum(t, u, shifted);
        scales(u, u, t); // u now holds u^-beta, t holds u
        for (int i = 0, n = size(); i < n; i++) {
            t[i] = g[i] * x[i] * u[i] / t[i];
        }
        windowSum(t, dx, shifted); // dx holds the window sums of g y / u for a moment
        float twoAlphaBeta = (float) (2 * alpha * beta);
        for (int i = 0, n = size(); i < n; i++) {
            dx[i] = g[i] * u[i] - twoAlphaBeta * x[i] * dx[i];
        }
    }

    private void square(float[] x, float[] out) {
        for (int i = 0, n = size(); i < n; i++) {
            out[i] = x[i] * x[i];
        }
    }

    /**
     * out[c] = sum of v[c + j] over the window's offsets j, pixel by pixel: for each offset one pass
     * over every channel c whose neighbour c + j exists, a contiguous run of the image's values,
     * added from a shifted copy ({@code shifted}): a loop that reads and writes at the same index
     * vectorizes, one that reads at another offset does not (measured: 6x).
     */
    private void windowSum(float[] v, float[] out, float[] shifted) {
        int n = size();
        System.arraycopy(v, 0, out, 0, n);
        for (int j = -half; j <= half; j++) {
            if (j == 0) {
                continue;
            }
            int from = Math.max(0, -j) * pixels;
            int to = (Math.min(channels - 1, channels - 1 - j) + 1) * pixels;
            System.arraycopy(v, from + j * pixels, shifted, from, to - from);
            for (int i = from; i < to; i++) {
                out[i] += shifted[i];
            }
        }
    }

    /**
     * From the window sums, {@code scale = u^-beta} with {@code u = k + alpha * sum} (and u itself into
     * {@code unit} when given). For beta = 0.75 (AlexNet's and TensorFlow's) as 1 / sqrt(u sqrt(u)) in
     * float, which the JIT compiles to vector square roots; other betas through {@link Math#pow}.
     */
    private void scales(float[] sums, float[] scale, float[] unit) {
        int n = size();
        for (int i = 0; i < n; i++) {
            scale[i] = k + alpha * sums[i];
        }
        if (unit != null) {
            System.arraycopy(scale, 0, unit, 0, n);
        }
        if (beta == 0.75) {
            for (int i = 0; i < n; i++) {
                float u = scale[i];
                scale[i] = 1f / (float) Math.sqrt(u * (float) Math.sqrt(u));
            }
        } else {
            for (int i = 0; i < n; i++) {
                scale[i] = (float) Math.pow(scale[i], -beta);
            }
        }
    }
}
