package io.github.rethinkinggeneralization.model;

import java.util.stream.IntStream;

/**
 * How many of the machine's cores one training uses: {@code -D}{@value #PROPERTY}, else all of
 * them. Below the cores, {@link CpuBackendSettings} holds each OpenMP parallel region of ND4J and
 * oneDNN to that many threads, and with one thread the suite's own kernels (batch norm, max
 * pooling, local response normalization) run their loops on the training's thread instead of the
 * common fork-join pool. Two small-Inception trainings side by side on 2 cores, one core each,
 * trained about 1.4x the images a second of two that each spread every small layer over both
 * cores; but the claim suite run that way grew to 20-24 GB resident and was killed for memory in
 * two of four runs, against about 10 GB as it runs by default (README, Performance). So it is not
 * the default.
 */
public final class ThreadsPerTraining {
    /** The threads one training uses; default: all the logical cores. */
    public static final String PROPERTY = "backend.threadsPerTraining";

    private static final boolean SPREAD_KERNELS = get() > 1;

    private ThreadsPerTraining() {
    }

    /**
     * The threads one training uses in this process: {@code -D}{@value #PROPERTY} when set, else the
     * logical cores. Anything but a positive whole number is a configuration error that names the
     * property.
     */
    public static int get() {
        return of(System.getProperty(PROPERTY), Runtime.getRuntime().availableProcessors());
    }

    /** {@link #get()} for a property value (null when unset) and a core count. */
    static int of(String value, int cores) {
        if (value == null) {
            return cores;
        }
        return CpuBackendSettings.positiveCount(PROPERTY, value, "the threads one training uses",
                "unset: all " + cores + " cores; 1 gives each of -D" + CpuBackendSettings.TRAININGS_PROPERTY
                        + "=2 trainings a core of its own on 2 cores");
    }

    /**
     * {@code 0 .. n-1} for a kernel's independent pieces of work (channels, planes, images): a
     * parallel stream when a training has more than one thread, else a sequential one.
     */
    static IntStream pieces(int n) {
        IntStream range = IntStream.range(0, n);
        return SPREAD_KERNELS ? range.parallel() : range;
    }
}
