package io.github.rethinkinggeneralization.train;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A thread-safe view of a run in progress, so that another thread (a claim test awaiting with
 * Awaitility) can watch the curve grow, see divergence at once, and ask the run to stop.
 */
public final class TrainingMonitor {
    private final List<EpochRecord> epochs = new CopyOnWriteArrayList<>();
    private final AtomicReference<StopReason> stopReason = new AtomicReference<>();
    private final AtomicBoolean cancelRequested = new AtomicBoolean();
    private volatile double lastLoss = Double.NaN;
    private volatile long steps;

    void recordStep(double loss) {
        lastLoss = loss;
        steps++;
    }

    void recordEpoch(EpochRecord e) {
        epochs.add(e);
    }

    void finish(StopReason reason) {
        stopReason.set(reason);
    }

    /** Epochs completed so far. */
    public List<EpochRecord> epochs() {
        return List.copyOf(epochs);
    }

    /** The most recent epoch, if any. */
    public Optional<EpochRecord> latest() {
        return epochs.isEmpty() ? Optional.empty() : Optional.of(epochs.get(epochs.size() - 1));
    }

    /** The loss of the most recent minibatch. */
    public double lastLoss() {
        return lastLoss;
    }

    /** SGD steps taken so far. */
    public long steps() {
        return steps;
    }

    /** True once the run has ended, for whatever reason. */
    public boolean isFinished() {
        return stopReason.get() != null;
    }

    /** True once the run has ended because its loss became NaN or infinite. */
    public boolean hasDiverged() {
        return stopReason.get() == StopReason.DIVERGED;
    }

    public Optional<StopReason> stopReason() {
        return Optional.ofNullable(stopReason.get());
    }

    /** Asks the run to stop after the current minibatch. */
    public void cancel() {
        cancelRequested.set(true);
    }

    boolean cancelRequested() {
        return cancelRequested.get();
    }
}
