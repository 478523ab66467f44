package io.github.rethinkinggeneralization.train;

import io.github.rethinkinggeneralization.model.CpuBackendSettings;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.DoubleSummaryStatistics;
import java.util.List;
import java.util.Locale;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The machine's fp32 matrix-multiply rate through ND4J ({@code C = A B}, n x n, 2n^3 FLOPs), the
 * yardstick {@link ThroughputBenchmark} holds training against, sampled as often as asked on the
 * same matrices and kept.
 *
 * <p>One sample is not the machine's rate on a shared host: on the 2-core build machines the same
 * SGEMM read about 100 GFLOP/s for minutes and then 150-185 (README, Performance), and training
 * does not follow those swings. So the benchmark samples SGEMM after every timed epoch and compares
 * the median training rate with the median of these samples, taken over the same stretch of time.
 */
final class SgemmRate {
    private final int n;
    private final INDArray a;
    private final INDArray b;
    private final INDArray c;
    private final List<Double> samples = new ArrayList<>();

    /** Random n x n matrices, multiplied once (not kept) so that the library and its threads are up. */
    SgemmRate(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("matrix size must be positive: " + n);
        }
        this.n = n;
        this.a = Nd4j.rand(DataType.FLOAT, n, n);
        this.b = Nd4j.rand(DataType.FLOAT, n, n);
        this.c = Nd4j.create(DataType.FLOAT, n, n);
        a.mmuli(b, c);
    }

    /** Times {@code repeats} multiplications and keeps and returns their median GFLOP/s. */
    double sample(int repeats) {
        if (repeats < 1) {
            throw new IllegalArgumentException("repeats must be positive: " + repeats);
        }
        double[] rates = CpuBackendSettings.onAllCores(() -> {
            double[] r = new double[repeats];
            for (int i = 0; i < repeats; i++) {
                long t = System.nanoTime();
                a.mmuli(b, c);
                r[i] = 2.0 * n * n * n / Math.max(1, System.nanoTime() - t);
            }
            return r;
        });
        double rate = ThroughputBenchmark.median(rates);
        samples.add(rate);
        return rate;
    }

    /** The median, lowest and highest of the samples kept since the last summary; forgets them. */
    Summary drain() {
        if (samples.isEmpty()) {
            throw new IllegalStateException("no SGEMM sample taken");
        }
        double[] s = samples.stream().mapToDouble(Double::doubleValue).toArray();
        samples.clear();
        DoubleSummaryStatistics stats = Arrays.stream(s).summaryStatistics();
        return new Summary(ThroughputBenchmark.median(s), stats.getMin(), stats.getMax(), s.length);
    }

    /** Median, lowest and highest of {@code count} samples, in GFLOP/s. */
    record Summary(double median, double min, double max, int count) {
        /** "100-185", the range for the benchmark's table. */
        String range() {
            return String.format(Locale.ROOT, "%.0f-%.0f", min, max);
        }
    }
}
