package io.github.rethinkinggeneralization.model;

import java.util.stream.IntStream;

/**
 * How many of the machine's cores one training uses: {@code -D}{@value #PROPERTY}, else the logical
 * cores shared out among the trainings the process runs at once
 * ({@code -D}{@value CpuBackendSettings#TRAININGS_PROPERTY}), at least one. With fewer threads than
 * cores, {@link CpuBackendSettings} holds each OpenMP parallel region of ND4J and oneDNN to that
 * many threads, and with one thread the suite's own kernels (batch norm, max pooling, local response
 * normalization) run their loops on the training's thread instead of the common fork-join pool.
 * Small Inception's many small layers lose more to handing each one's work between the cores than
 * they gain: two trainings side by side on 2 cores, each on a core of its own, trained about 1.4x
 * the images a second of two that each spread every layer over both cores (README, Performance).
 */
public final class ThreadsPerTraining {
    /** The threads one training uses; default: the logical cores / the trainings at once. */
    public static final String PROPERTY = "backend.threadsPerTraining";

    private static final boolean SPREAD_KERNELS = get() > 1;

    private ThreadsPerTraining() {
    }

    /**
     * The threads one training uses in this process: {@code -D}{@value #PROPERTY} when set, else
     * {@code max(1, cores / trainingsAtOnce)}. Anything but a positive whole number is a
     * configuration error that names the property.
     */
    public static int get() {
        return of(System.getProperty(PROPERTY), Runtime.getRuntime().availableProcessors(), CpuBackendSettings.trainingsAtOnce());
    }

    /** {@link #get()} for a property value (null when unset), a core count and the trainings at once. */
    static int of(String value, int cores, int trainingsAtOnce) {
        if (value == null) {
            return Math.max(1, cores / trainingsAtOnce);
        }
        return CpuBackendSettings.positiveCount(PROPERTY, value, "the threads one training uses",
                "unset: the " + cores + " cores shared out among -D" + CpuBackendSettings.TRAININGS_PROPERTY
                        + " trainings at once; " + cores + " gives every training all of them");
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
