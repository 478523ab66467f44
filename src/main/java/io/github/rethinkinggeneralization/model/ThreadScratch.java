package io.github.rethinkinggeneralization.model;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-thread scratch arrays of the suite's CPU kernels ({@link LocalResponseNormalizationLayer},
 * {@link CpuBatchNormHelper}, {@link MaxPoolingKernel}), grown as needed and kept for the thread's
 * next pass. A kernel's pass never runs another kernel inside it, so the kernels share the slots;
 * an array holds whatever its last user left, and every caller writes what it reads first.
 *
 * <p>The arrays are kept in a map by thread as well as in a {@link ThreadLocal}: JDK 17's common
 * fork-join pool, on which the kernels' parallel streams run, erases its workers' thread-locals after
 * every task, so with the thread-local alone a worker allocated (and zeroed) its arrays afresh in
 * every pass, 400 KB a channel of a 28 x 28 batch-norm layer, while the training thread waited for
 * it. A thread finds its arrays in its thread-local, else in the map, which then refills the
 * thread-local. Threads that have ended are dropped from the map when a new thread is added.
 */
final class ThreadScratch {
    /** Float slots: the most any kernel takes at once (the LRN layer's backward pass). */
    static final int FLOAT_SLOTS = 6;

    private static final Map<Thread, Arrays> BY_THREAD = new ConcurrentHashMap<>();
    private static final ThreadLocal<Arrays> CACHED = new ThreadLocal<>();

    private ThreadScratch() {
    }

    /** One thread's arrays. */
    private static final class Arrays {
        final float[][] floats = new float[FLOAT_SLOTS][0];
        int[] ints = new int[0];
    }

    private static Arrays mine() {
        Arrays a = CACHED.get();
        if (a == null) {
            Thread t = Thread.currentThread();
            a = BY_THREAD.get(t);
            if (a == null) {
                BY_THREAD.keySet().removeIf(other -> !other.isAlive());
                a = new Arrays();
                BY_THREAD.put(t, a);
            }
            CACHED.set(a);
        }
        return a;
    }

    /** This thread's float array in {@code slot} (0 to {@value #FLOAT_SLOTS} - 1), of at least {@code size} values. */
    static float[] floats(int slot, int size) {
        float[][] a = mine().floats;
        if (a[slot].length < size) {
            a[slot] = new float[size];
        }
        return a[slot];
    }

    /** This thread's int array, of at least {@code size} values. */
    static int[] ints(int size) {
        Arrays a = mine();
        if (a.ints.length < size) {
            a.ints = new int[size];
        }
        return a.ints;
    }

    /** Whether {@code t} has scratch arrays in the map (for tests). */
    static boolean holds(Thread t) {
        return BY_THREAD.containsKey(t);
    }
}
