package io.github.rethinkinggeneralization.train;

import io.github.rethinkinggeneralization.data.Shuffles;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The training engine: minibatch SGD over shuffled epochs with the learning rate decayed per epoch,
 * measuring training accuracy after every epoch (and test accuracy as the budget's {@code testEvery}
 * asks, always after the last epoch; a net with batch norm has its population statistics re-estimated
 * on the training set first, see {@link BatchNormPopulationStatistics}), until the budget's target training
 * accuracy, its epoch count or its wall time is reached. The same seed gives the same curve on the
 * same machine.
 */
public final class Trainer {
    private final OptimizerSpec optimizer;
    private final Budget budget;
    private final long seed;
    private final Consumer<EpochRecord> progress;

    /**
     * @param progress called after every epoch (e.g. to print a progress line)
     */
    public Trainer(OptimizerSpec optimizer, Budget budget, long seed, Consumer<EpochRecord> progress) {
        this.optimizer = optimizer;
        this.budget = budget;
        this.seed = seed;
        this.progress = progress;
    }

    /** Trains {@code net} in place and returns its curve and why it stopped. */
    public TrainingOutcome train(ComputationGraph net, TrainingImages train, ImageTensors test, TrainingMonitor monitor) {
        Nd4j.getRandom().setSeed(seed);
        Random order = new Random(seed);
        int n = train.size();
        int batch = optimizer.batchSize();
        List<EpochRecord> curve = new ArrayList<>();
        long start = System.nanoTime();
        long steps = 0;
        StopReason reason = StopReason.EPOCH_BUDGET;
        boolean batchNorm = BatchNormPopulationStatistics.applies(net);
        ConfusionMatrix testConfusion = null;
        epochs:
        for (int epoch = 0; epoch < budget.maxEpochs(); epoch++) {
            double lr = optimizer.learningRateAt(epoch);
            net.setLearningRate(lr);
            int[] perm = Shuffles.permutation(n, order);
            double lossSum = 0;
            int batches = 0;
            for (int from = 0; from < n; from += batch) {
                int[] idx = Arrays.copyOfRange(perm, from, Math.min(n, from + batch));
                DataSet minibatch = train.batch(idx, order);
                net.fit(minibatch);
                double loss = net.score();
                NativeMemory.free(minibatch);
                steps++;
                monitor.recordStep(loss);
                if (!Double.isFinite(loss)) {
                    reason = StopReason.DIVERGED;
                    break epochs;
                }
                if (monitor.cancelRequested()) {
                    reason = StopReason.CANCELLED;
                    break epochs;
                }
                lossSum += loss;
                batches++;
            }
            if (batchNorm) {
                BatchNormPopulationStatistics.reestimate(net, train.forEvaluation(), batch);
            }
            double trainAccuracy = Accuracy.of(net, train.forEvaluation());
            StopReason stop = trainAccuracy >= budget.targetTrainAccuracy() ? StopReason.TARGET_REACHED
                    : (System.nanoTime() - start) / 1e9 >= budget.maxSeconds() ? StopReason.TIME_BUDGET
                    : epoch + 1 == budget.maxEpochs() ? StopReason.EPOCH_BUDGET : null;
            testConfusion = budget.evaluatesTestAfter(epoch + 1, stop != null) ? Accuracy.confusion(net, test) : null;
            double testAccuracy = testConfusion == null ? Double.NaN : testConfusion.accuracy();
            EpochRecord record = new EpochRecord(epoch + 1, steps, lossSum / batches, trainAccuracy, testAccuracy, lr,
                    (System.nanoTime() - start) / 1e9);
            curve.add(record);
            monitor.recordEpoch(record);
            progress.accept(record);
            if (stop != null) {
                reason = stop;
                break;
            }
        }
        monitor.finish(reason);
        if (reason == StopReason.DIVERGED || reason == StopReason.CANCELLED) {
            testConfusion = null; // the last record is an earlier epoch's
        }
        return new TrainingOutcome(new TrainingCurve(curve), reason, (System.nanoTime() - start) / 1e9, testConfusion);
    }
}
