package io.github.rethinkinggeneralization.model;

import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * DL4J's oneDNN layer helpers on the CPU backend: convolution, pooling, batch norm and LRN run as
 * oneDNN primitives instead of DL4J's Java im2col + GEMM (5-6x the training throughput of the
 * convolutional nets here; README, Performance). Same math, same parameters, same seeds; the
 * results agree with the built-in layers to float rounding ({@code OneDnnLayerHelpersTest}).
 *
 * <p>Three things must hold, and DL4J 1.0.0-M2.1 gets two of them wrong by default:
 * <ul>
 *   <li>a native ND4J build with oneDNN: the pom adds the {@code linux-x86_64-onednn} classifier of
 *       {@code nd4j-native}, which JavaCPP prefers to the plain one;</li>
 *   <li>helper creation allowed: M2.1 defaults the system property {@value #DISABLE_PROPERTY} to
 *       {@code true}; {@link #enable()} sets it to {@code false} unless the user set it;</li>
 *   <li>DL4J's availability check must not throw: see {@link org.nd4j.nativeblas.Nd4jCpu}.</li>
 * </ul>
 * Run with {@code -D}{@value #DISABLE_PROPERTY}{@code =true} to train with DL4J's built-in layers
 * instead (for comparison). On the CUDA backend nothing is changed.
 */
public final class OneDnnLayerHelpers {
    /** DL4J's switch; helpers are created only when it is {@code false}. */
    public static final String DISABLE_PROPERTY = "org.eclipse.deeplearning4j.helpers.disable";

    private OneDnnLayerHelpers() {
    }

    /**
     * Allows DL4J to create its layer helpers for networks built from now on, when the backend is
     * the CPU one and the user has not set {@value #DISABLE_PROPERTY} themselves. Idempotent.
     */
    public static synchronized void enable() {
        if (System.getProperty(DISABLE_PROPERTY) == null && cpuBackend()) {
            System.setProperty(DISABLE_PROPERTY, "false");
        }
    }

    /**
     * Whether networks that {@link NetworkFactory} builds get oneDNN helpers: CPU backend, a oneDNN
     * build, and helpers not switched off by the user ({@value #DISABLE_PROPERTY} unset, which
     * {@link #enable()} turns into {@code false}, or {@code false}).
     */
    public static boolean active() {
        return nativeBuildHasOneDnn() && !Boolean.parseBoolean(System.getProperty(DISABLE_PROPERTY, "false"))
                && org.nd4j.nativeblas.Nd4jCpu.Environment.getInstance().isUseMKLDNN();
    }

    /** What the batch-norm helper's per-channel sums run on ({@link BatchNormSums#fastest()}): the Vector API or scalar loops. */
    public static String batchNormSums() {
        return BatchNormSums.fastest().description();
    }

    /** Whether the loaded native ND4J library was built with oneDNN (its build info says so). */
    public static boolean nativeBuildHasOneDnn() {
        return cpuBackend() && NativeOpsHolder.getInstance().getDeviceNativeOps().buildInfo().contains("HAVE_ONEDNN");
    }

    private static boolean cpuBackend() {
        return "CPU".equalsIgnoreCase(Nd4j.getExecutioner().getEnvironmentInformation().getProperty("backend"));
    }
}
