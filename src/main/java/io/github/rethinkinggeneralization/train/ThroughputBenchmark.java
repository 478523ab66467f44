package io.github.rethinkinggeneralization.train;

import io.github.rethinkinggeneralization.data.ImageShape;
import io.github.rethinkinggeneralization.data.LabeledImages;
import io.github.rethinkinggeneralization.data.Preprocessing;
import io.github.rethinkinggeneralization.data.Shuffles;
import io.github.rethinkinggeneralization.data.SyntheticImages;
import io.github.rethinkinggeneralization.model.Architecture;
import io.github.rethinkinggeneralization.model.CpuBackendSettings;
import io.github.rethinkinggeneralization.model.FlopCount;
import io.github.rethinkinggeneralization.model.ModelSpec;
import io.github.rethinkinggeneralization.model.NetworkFactory;
import io.github.rethinkinggeneralization.model.OneDnnLayerHelpers;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Benchmark entry point (not a test): prints this machine's fp32 SGEMM GFLOP/s through ND4J, then
 * for each network the training throughput (images/s, medians over timed epochs after warm-up,
 * training steps only) and the achieved GFLOP/s from {@link FlopCount}, with its ratio to SGEMM,
 * all measured in the same run.
 *
 * <p>Run: {@code mvn -B -Pbench compile exec:java} (arguments: {@code model:width ...}, default
 * {@code mlp-1x512:1.0 mlp-3x512:1.0 small-alexnet:0.25 small-inception:0.125}).
 */
public final class ThroughputBenchmark {
    private static final int IMAGES = 1024;
    /**
     * Epochs of 1,024 images before timing (-Dbench.warmup): the JIT compiles the training loop's Java
     * code over the first few (MLP 1x512 at full width: 9,051 images/s in the 2nd epoch, 11,740 in the 6th).
     */
    private static final int WARMUP_EPOCHS = Integer.getInteger("bench.warmup", 3);
    /** Timed epochs, whose median is reported (-Dbench.epochs). */
    private static final int TIMED_EPOCHS = Integer.getInteger("bench.epochs", 9);

    private ThroughputBenchmark() {
    }

    public static void main(String[] args) {
        CpuBackendSettings.apply();
        List<String> models = args.length > 0 ? Arrays.asList(args)
                : List.of("mlp-1x512:1.0", "mlp-3x512:1.0", "small-alexnet:0.25", "small-inception:0.125");
        double sgemm = sgemmGflops(2048, 7);
        System.out.printf(Locale.ROOT, "backend %s, %d cores, oneDNN layer helpers %s; SGEMM 2048x2048 fp32: %.1f GFLOP/s (median of 7)%n",
                Nd4j.getBackend().getClass().getSimpleName(), Runtime.getRuntime().availableProcessors(),
                OneDnnLayerHelpers.active() ? "on" : "off", sgemm);
        System.out.printf(Locale.ROOT, "training images/s: median of %d epochs of %d images after %d warm-up epochs%n",
                TIMED_EPOCHS, IMAGES, WARMUP_EPOCHS);
        System.out.printf(Locale.ROOT, "%-26s %12s %14s %10s %10s%n", "model", "images/s", "MFLOP/image", "GFLOP/s", "vs SGEMM");
        for (String m : models) {
            String[] parts = m.split(":");
            Architecture a = Architecture.fromId(parts[0]);
            double width = parts.length > 1 ? Double.parseDouble(parts[1]) : 1.0;
            double imagesPerSecond = trainingImagesPerSecond(a, width);
            ImageShape shape = new ImageShape(3, 28, 28);
            ComputationGraph net = NetworkFactory.build(ModelSpec.of(a).withWidth(width), shape, 10,
                    OptimizerSpec.paper(a).updater(), 1);
            long flops = FlopCount.trainingPerImage(net, shape);
            double gflops = imagesPerSecond * flops / 1e9;
            System.out.printf(Locale.ROOT, "%-26s %12.0f %14.2f %10.2f %9.1f%%%n", a.id() + " x" + width, imagesPerSecond,
                    flops / 1e6, gflops, 100 * gflops / sgemm);
        }
    }

    /** Median fp32 matrix-multiply rate for n x n matrices. */
    static double sgemmGflops(int n, int repeats) {
        INDArray a = Nd4j.rand(DataType.FLOAT, n, n);
        INDArray b = Nd4j.rand(DataType.FLOAT, n, n);
        INDArray c = Nd4j.create(DataType.FLOAT, n, n);
        a.mmuli(b, c); // warm-up
        double[] rates = new double[repeats];
        for (int i = 0; i < repeats; i++) {
            long t = System.nanoTime();
            a.mmuli(b, c);
            rates[i] = 2.0 * n * n * n / (System.nanoTime() - t);
        }
        return median(rates);
    }

    static double trainingImagesPerSecond(Architecture a, double width) {
        LabeledImages images = Preprocessing.paper().apply(SyntheticImages.cifarShaped(1).draw(IMAGES, 0));
        ImageTensors data = new ImageTensors(images);
        OptimizerSpec opt = OptimizerSpec.paper(a);
        ComputationGraph net = NetworkFactory.build(ModelSpec.of(a).withWidth(width), images.shape(), 10, opt.updater(), 1);
        Random r = new Random(1);
        List<Double> rates = new ArrayList<>();
        for (int epoch = 0; epoch < WARMUP_EPOCHS + TIMED_EPOCHS; epoch++) {
            int[] perm = Shuffles.permutation(IMAGES, r);
            long t = System.nanoTime();
            for (int from = 0; from < IMAGES; from += opt.batchSize()) {
                net.fit(data.batch(Arrays.copyOfRange(perm, from, Math.min(IMAGES, from + opt.batchSize())), r));
            }
            if (epoch >= WARMUP_EPOCHS) {
                rates.add(IMAGES / ((System.nanoTime() - t) / 1e9));
            }
        }
        return median(rates.stream().mapToDouble(Double::doubleValue).toArray());
    }

    private static double median(double[] xs) {
        double[] s = xs.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
