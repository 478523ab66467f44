package io.github.rethinkinggeneralization.model;

import io.github.rethinkinggeneralization.data.ImageShape;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.nativeblas.NativeOps;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * Run in a JVM of its own by {@link TrainingThreadsTest} (the settings act only before ND4J's native
 * libraries load): prints the OpenMP thread count ({@code omp_get_max_threads}) that each kind of
 * thread gets, as {@code key=value} words on one line.
 */
public final class TrainingThreadsProbe {
    private TrainingThreadsProbe() {
    }

    public static void main(String[] args) throws InterruptedException {
        Map<String, String> applied = CpuBackendSettings.apply();
        Nd4j.zeros(1); // loads ND4J's backend on this thread
        NativeOps ops = NativeOpsHolder.getInstance().getDeviceNativeOps();
        int loader = ops.ompGetMaxThreads();
        NetworkFactory.build(ModelSpec.of(Architecture.MLP_1X512).withWidth(0.125), new ImageShape(3, 8, 8), 10, new Sgd(0.1), 1);
        int builder = ops.ompGetMaxThreads();
        int yardstick = CpuBackendSettings.onAllCores(ops::ompGetMaxThreads);
        int afterYardstick = ops.ompGetMaxThreads();
        AtomicInteger other = new AtomicInteger();
        Thread t = new Thread(() -> other.set(ops.ompGetMaxThreads()));
        t.start();
        t.join();
        System.out.println("set=" + applied.getOrDefault(CpuBackendSettings.THREADS, "-") + " blas="
                + applied.getOrDefault(CpuBackendSettings.BLAS_THREADS, "-") + " loader=" + loader + " builder=" + builder
                + " yardstick=" + yardstick + " afterYardstick=" + afterYardstick + " otherThread=" + other.get());
    }
}
