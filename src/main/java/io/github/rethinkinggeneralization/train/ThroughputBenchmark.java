package io.github.rethinkinggeneralization.train;

import io.github.rethinkinggeneralization.data.ImageShape;
import io.github.rethinkinggeneralization.data.LabeledImages;
import io.github.rethinkinggeneralization.data.Preprocessing;
import io.github.rethinkinggeneralization.data.Shuffles;
import io.github.rethinkinggeneralization.data.SyntheticImages;
import io.github.rethinkinggeneralization.model.Architecture;
import io.github.rethinkinggeneralization.model.CpuBackendSettings;
import io.github.rethinkinggeneralization.model.CpuInfo;
import io.github.rethinkinggeneralization.model.FlopCount;
import io.github.rethinkinggeneralization.model.ModelSpec;
import io.github.rethinkinggeneralization.model.NetworkFactory;
import io.github.rethinkinggeneralization.model.OneDnnLayerHelpers;
import io.github.rethinkinggeneralization.model.ThreadsPerTraining;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.bytedeco.javacpp.Pointer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Benchmark entry point (not a test): prints this machine's fp32 SGEMM GFLOP/s through ND4J, then
 * for each network the training throughput (images/s, medians over timed epochs after warm-up,
 * training steps only) and the achieved GFLOP/s from {@link FlopCount}, with its ratio to SGEMM,
 * all measured in the same run: SGEMM is sampled after every timed epoch ({@link SgemmRate}), and
 * the ratio is the median training rate over the median of those samples. It trains
 * {@code -Dbackend.trainingsAtOnce} copies of each network side by side and sums their images/s:
 * the build's {@code bench} profile sets it to {@code claims.parallel}, 2, the claim suite's way of
 * using the cores (two runs at a time); {@code -Dbackend.trainingsAtOnce=1} measures one alone.
 * At the end it writes the figures to {@code reports/benchmark/} ({@link ThroughputResults}).
 *
 * <p>Run: {@code mvn -B -Pbench compile exec:java} (arguments: {@code model:width ...}, default
 * {@code mlp-1x512:1.0 mlp-3x512:1.0 small-alexnet:0.25 small-inception:0.125}).
 */
public final class ThroughputBenchmark {
    private static final int IMAGES = 1024;
    /**
     * Epochs of 1,024 images at least before timing (-Dbench.warmup): the JIT compiles the training
     * loop's Java code over the first few (MLP 1x512 at full width: 9,051 images/s in the 2nd epoch,
     * 11,740 in the 6th).
     */
    private static final int WARMUP_EPOCHS = Integer.getInteger("bench.warmup", 3);
    /**
     * Seconds of warm-up at least (-Dbench.warmupSeconds), however many epochs they take: on a slower
     * host the JIT's compiler threads are still busy after three short epochs and take a core from
     * training (2-core AMD EPYC without AVX-512: C2 compiled about 1,150 methods from 5 to 10 s
     * into a run, 150 from 15 to 20 s and 30 from 30 to 35 s; MLP 3x512 2,836 / 2,783 images/s
     * after 10 s, 3,520 / 3,162 after 25 s).
     */
    private static final double WARMUP_SECONDS = Double.parseDouble(System.getProperty("bench.warmupSeconds", "25"));
    /** Timed epochs, whose median is reported (-Dbench.epochs). */
    private static final int TIMED_EPOCHS = Integer.getInteger("bench.epochs", 9);

    private ThroughputBenchmark() {
    }

    public static void main(String[] args) {
        Map<String, String> applied = CpuBackendSettings.apply();
        String openMp = Stream.of(CpuBackendSettings.WAIT_POLICY, CpuBackendSettings.SPIN_COUNT, CpuBackendSettings.THREADS)
                .map(k -> k + "=" + applied.getOrDefault(k, System.getenv().getOrDefault(k, "(unset)")))
                .collect(Collectors.joining(" "));
        int atOnce = CpuBackendSettings.trainingsAtOnce();
        int threadsPerTraining = ThreadsPerTraining.get();
        String baselineFile = System.getProperty("bench.baseline", "").strip();
        ThroughputComparison comparison = baselineFile.isEmpty() ? null : ThroughputComparison.against(Path.of(baselineFile));
        Schedule schedule = new Schedule(WARMUP_EPOCHS, WARMUP_SECONDS, TIMED_EPOCHS);
        List<String> models = args.length > 0 ? Arrays.asList(args)
                : List.of("mlp-1x512:1.0", "mlp-3x512:1.0", "small-alexnet:0.25", "small-inception:0.125");
        SgemmRate sgemm = new SgemmRate(2048);
        double atStart = sgemm.sample(7);
        sgemm.drain();
        long maxPhysical = Pointer.maxPhysicalBytes();
        String backend = String.format(Locale.ROOT, "backend %s, %d cores, oneDNN layer helpers %s, batch-norm sums in %s,"
                        + " JavaCPP resident-memory check %s, %d thread(s) per training, OpenMP %s; SGEMM 2048x2048 fp32 at start: %.1f GFLOP/s (median of 7)",
                Nd4j.getBackend().getClass().getSimpleName(), Runtime.getRuntime().availableProcessors(),
                OneDnnLayerHelpers.active() ? "on" : "off", OneDnnLayerHelpers.batchNormSums(), maxPhysical > 0 ? "at " + (maxPhysical >> 20) + " MiB" : "off",
                threadsPerTraining, openMp, atStart);
        System.out.println(backend);
        System.out.printf(Locale.ROOT, "training images/s: median of %d epochs of %d images after at least %d warm-up epochs"
                + " and %.0f s; SGEMM: median (and range) of %d samples, one after each timed epoch (a shared host's SGEMM"
                + " swings by up to 2x within minutes); vs SGEMM: the one median over the other%n",
                TIMED_EPOCHS, IMAGES, WARMUP_EPOCHS, WARMUP_SECONDS, TIMED_EPOCHS);
        if (atOnce > 1) {
            System.out.printf(Locale.ROOT, "%d copies of each network trained side by side on their own threads"
                    + " (-D%s, as the claim suite trains claims.parallel runs): images/s summed over them, every timed"
                    + " epoch from their common start until the last of them finishes%n", atOnce, CpuBackendSettings.TRAININGS_PROPERTY);
        }
        System.out.printf(Locale.ROOT, "%-26s %12s %14s %10s %10s %10s %10s %8s%n", "model", "images/s", "MFLOP/image", "GFLOP/s",
                "SGEMM", "range", "vs SGEMM", "warm-up");
        List<ThroughputResults.Row> rows = new ArrayList<>();
        for (String m : models) {
            String[] parts = m.split(":");
            Architecture a = Architecture.fromId(parts[0]);
            double width = parts.length > 1 ? Double.parseDouble(parts[1]) : 1.0;
            Throughput t = trainingImagesPerSecond(a, width, sgemm, atOnce, schedule);
            SgemmRate.Summary during = sgemm.drain();
            ImageShape shape = new ImageShape(3, 28, 28);
            ComputationGraph net = NetworkFactory.build(ModelSpec.of(a).withWidth(width), shape, 10,
                    OptimizerSpec.paper(a).updater(), 1);
            long flops = FlopCount.trainingPerImage(net, shape);
            double gflops = t.imagesPerSecond() * flops / 1e9;
            System.out.printf(Locale.ROOT, "%-26s %12.0f %14.2f %10.2f %10.1f %10s %9.1f%% %8d%n",
                    a.id() + " x" + width + (atOnce > 1 ? " (" + atOnce + "x)" : ""),
                    t.imagesPerSecond(), flops / 1e6, gflops, during.median(), during.range(), 100 * gflops / during.median(),
                    t.warmupEpochs());
            rows.add(new ThroughputResults.Row(a.id(), width, t.imagesPerSecond(), flops / 1e6, gflops, during.median(),
                    during.min(), during.max(), gflops / during.median(), t.warmupEpochs()));
        }
        ThroughputResults results = new ThroughputResults(Instant.now().toString(),
                CpuInfo.read(Path.of("/proc/cpuinfo")).model().orElse("unknown"), Runtime.getRuntime().availableProcessors(),
                backend, atOnce, threadsPerTraining, schedule, rows);
        if (comparison != null) {
            System.out.print(comparison.table(results));
        }
        Path written = results.write(Path.of(System.getProperty("reports.dir", "reports"), "benchmark"));
        System.out.println("results: " + written + " and throughput.csv beside it");
    }

    /**
     * Training images/s of {@code atOnce} copies of the network trained side by side, one per thread,
     * the first on this one (as the claim suite trains {@code claims.parallel} runs in one JVM),
     * summed over them: the median over the timed epochs. Every timed epoch starts on all threads together and ends when
     * the last of them finishes, so a copy that finishes early counts as waiting, and then one SGEMM
     * sample of 3 multiplications is taken into {@code sgemm} while none trains.
     */
    static Throughput trainingImagesPerSecond(Architecture a, double width, SgemmRate sgemm, int atOnce, Schedule schedule) {
        if (atOnce < 1) {
            throw new IllegalArgumentException("networks at once must be positive: " + atOnce);
        }
        List<Double> rates = new ArrayList<>();
        long[] epochStart = new long[1];
        CyclicBarrier epochBegins = new CyclicBarrier(atOnce, () -> epochStart[0] = System.nanoTime());
        CyclicBarrier epochEnds = new CyclicBarrier(atOnce, () -> {
            rates.add((double) atOnce * IMAGES * 1e9 / Math.max(1, System.nanoTime() - epochStart[0]));
            sgemm.sample(3);
        });
        long start = System.nanoTime();
        // copy 1 trains on this thread (alone, as before there was a side-by-side mode), the others on threads of their own
        ExecutorService others = Executors.newCachedThreadPool();
        try {
            List<Future<Integer>> copies = new ArrayList<>();
            for (int copy = 2; copy <= atOnce; copy++) {
                long seed = copy;
                copies.add(others.submit(() -> train(a, width, seed, schedule, start, epochBegins, epochEnds)));
            }
            int warmup = Integer.MAX_VALUE;
            Throwable failure = null;
            try {
                warmup = train(a, width, 1, schedule, start, epochBegins, epochEnds);
            } catch (RuntimeException | Error | BrokenBarrierException e) {
                failure = e;
            }
            for (Future<Integer> f : copies) {
                try {
                    warmup = Math.min(warmup, f.get());
                } catch (ExecutionException e) {
                    // the copy that failed first, not the others its failure stopped at a barrier
                    if (failure == null || failure instanceof BrokenBarrierException) {
                        failure = e.getCause();
                    }
                }
            }
            if (failure != null) {
                throw new IllegalStateException("training " + a.id() + " x" + width + " failed: " + failure, failure);
            }
            return new Throughput(median(rates.stream().mapToDouble(Double::doubleValue).toArray()), warmup);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("benchmark interrupted", e);
        } finally {
            others.shutdownNow();
        }
    }

    /**
     * One copy's part: its own network, images and shuffles (seeded by {@code seed}), warmed up for
     * the schedule's epochs and seconds since {@code start}, then its timed epochs, each between the
     * two barriers; returns its warm-up epochs. A failure breaks the barriers, so that the other
     * copies stop too.
     */
    private static int train(Architecture a, double width, long seed, Schedule schedule, long start, CyclicBarrier epochBegins,
                             CyclicBarrier epochEnds) throws InterruptedException, BrokenBarrierException {
        try {
            LabeledImages images = Preprocessing.paper().apply(SyntheticImages.cifarShaped(seed).draw(IMAGES, 0));
            ImageTensors data = new ImageTensors(images);
            OptimizerSpec opt = OptimizerSpec.paper(a);
            ComputationGraph net = NetworkFactory.build(ModelSpec.of(a).withWidth(width), images.shape(), 10,
                    opt.updater(), seed);
            Random r = new Random(seed);
            int warmup = 0;
            while (warmup < schedule.warmupEpochs() || (System.nanoTime() - start) / 1e9 < schedule.warmupSeconds()) {
                epoch(net, data, opt.batchSize(), r);
                warmup++;
            }
            for (int epoch = 0; epoch < schedule.timedEpochs(); epoch++) {
                epochBegins.await();
                epoch(net, data, opt.batchSize(), r);
                epochEnds.await();
            }
            return warmup;
        } catch (RuntimeException | Error e) {
            epochBegins.reset();
            epochEnds.reset();
            throw e;
        }
    }

    /** Warm-up epochs and seconds, each at least, then the timed epochs, of 1,024 images each. */
    record Schedule(int warmupEpochs, double warmupSeconds, int timedEpochs) {
        Schedule {
            if (warmupEpochs < 0 || warmupSeconds < 0 || timedEpochs < 1) {
                throw new IllegalArgumentException("bench.warmup and bench.warmupSeconds must not be negative and"
                        + " bench.epochs must be at least 1: " + warmupEpochs + ", " + warmupSeconds + ", " + timedEpochs);
            }
        }
    }

    /** Training images/s (median over the timed epochs) and the warm-up epochs before them. */
    record Throughput(double imagesPerSecond, int warmupEpochs) {
    }

    /** One epoch of the benchmark's images in a fresh order; its seconds. */
    private static double epoch(ComputationGraph net, ImageTensors data, int batchSize, Random r) {
        int[] perm = Shuffles.permutation(IMAGES, r);
        long t = System.nanoTime();
        for (int from = 0; from < IMAGES; from += batchSize) {
            DataSet minibatch = data.batch(Arrays.copyOfRange(perm, from, Math.min(IMAGES, from + batchSize)), r);
            net.fit(minibatch);
            NativeMemory.free(minibatch); // as the Trainer does
        }
        return (System.nanoTime() - t) / 1e9;
    }

    static double median(double[] xs) {
        double[] s = xs.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
