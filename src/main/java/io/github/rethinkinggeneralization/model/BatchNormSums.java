package io.github.rethinkinggeneralization.model;

/**
 * The loops of {@link CpuBatchNormHelper} that reduce one channel's values to sums, in double: the
 * helper's hot loops, since the JIT compiles a double sum to one addition after another (a float
 * reduction is not vectorized), about 0.65 ns a value on a Zen 5 core against 0.05 for the
 * vectorized elementwise passes (README, Performance).
 *
 * <p>{@link #fastest()} is {@link VectorBatchNormSums} (the JDK's incubating Vector API, lanes of
 * partial sums) where the JVM runs with {@code --add-modules jdk.incubator.vector}, as the suite's
 * tests and benchmark do, and otherwise {@link ScalarBatchNormSums} (one value after another). Both
 * compute every term the same way and differ only in the order of the additions.
 */
interface BatchNormSums {
    /** {@code -Dbatchnorm.sums=scalar} runs the scalar loops even with the Vector API's module. */
    String PROPERTY = "batchnorm.sums";

    /** The sum of {@code values[0, n)}. */
    double sum(float[] values, int n);

    /** The sum of {@code (values[i] - mean)^2} over {@code [0, n)}, each deviation in double. */
    double squaredDeviations(float[] values, int n, double mean);

    /**
     * The backward pass's two sums over a channel's inputs {@code xs} and output gradients
     * {@code gs}: into {@code sums[0]} the sum of {@code g}, into {@code sums[1]} that of the float
     * product {@code g * xhat}, with {@code xhat = (x - mean) * invSigma} in float. With {@code relu},
     * each {@code gs[i]} is first replaced, in the array, by the ReLU's derivative times it:
     * {@code z > 0 ? g : +0} for the normalized {@code z = x * scale + shift} (float, no fused
     * multiply-add), the value {@link CpuBatchNormHelper#keptWherePositive} gives.
     */
    void gradientSums(float[] xs, float[] gs, int n, boolean relu, float scale, float shift, float mean, float invSigma,
                      double[] sums);

    /** What the loops run on, for the benchmark's and the fingerprint's lines. */
    String description();

    /**
     * {@link VectorBatchNormSums} when the JVM has the Vector API's module, unless the system property
     * {@value #PROPERTY} is {@code scalar}; else {@link ScalarBatchNormSums}.
     */
    static BatchNormSums fastest() {
        return Fastest.INSTANCE;
    }

    /** Whether this JVM has the incubating Vector API module ({@code --add-modules jdk.incubator.vector}). */
    static boolean vectorApiPresent() {
        return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    }

    /** The choice, made once. */
    final class Fastest {
        static final BatchNormSums INSTANCE = vectorApiPresent() && !"scalar".equals(System.getProperty(PROPERTY))
                ? new VectorBatchNormSums() : new ScalarBatchNormSums();

        private Fastest() {
        }
    }
}
