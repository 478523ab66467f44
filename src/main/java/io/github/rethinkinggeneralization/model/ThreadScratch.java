package io.github.rethinkinggeneralization.model;

/**
 * Per-thread scratch arrays of the suite's CPU kernels ({@link LocalResponseNormalizationLayer},
 * {@link CpuBatchNormHelper}, {@link MaxPoolingKernel}), grown as needed and kept for the thread's
 * next pass. A kernel's pass never runs another kernel inside it, so the kernels share the slots;
 * an array holds whatever its last user left, and every caller writes what it reads first.
 */
final class ThreadScratch {
    /** Float slots: the most any kernel takes at once (the LRN layer's backward pass). */
    static final int FLOAT_SLOTS = 6;

    private static final ThreadLocal<float[][]> FLOATS = ThreadLocal.withInitial(() -> new float[FLOAT_SLOTS][0]);
    private static final ThreadLocal<int[][]> INTS = ThreadLocal.withInitial(() -> new int[1][0]);

    private ThreadScratch() {
    }

    /** This thread's float array in {@code slot} (0 to {@value #FLOAT_SLOTS} - 1), of at least {@code size} values. */
    static float[] floats(int slot, int size) {
        float[][] a = FLOATS.get();
        if (a[slot].length < size) {
            a[slot] = new float[size];
        }
        return a[slot];
    }

    /** This thread's int array, of at least {@code size} values. */
    static int[] ints(int size) {
        int[][] a = INTS.get();
        if (a[0].length < size) {
            a[0] = new int[size];
        }
        return a[0];
    }
}
