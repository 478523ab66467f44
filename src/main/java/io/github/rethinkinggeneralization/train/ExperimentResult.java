package io.github.rethinkinggeneralization.train;

import io.github.rethinkinggeneralization.model.ParameterCount;

/**
 * The measured outcome of one run, with the spec that produced it and where its data came from.
 * Accuracies are fractions in [0, 1]; {@code epochsToTarget} and {@code stepsToTarget} are null
 * when the target training accuracy was not reached. {@code testConfusion} holds the predictions
 * behind {@code testAccuracy}; it is null when the last epoch did not measure test accuracy (a run
 * that diverged or was cancelled) and in records written before it was kept.
 */
public record ExperimentResult(ExperimentSpec spec, String dataset, String provenance, String inputShape,
                               int numClasses, ParameterCount parameters, String optimizer, StopReason stopReason,
                               double trainAccuracy, double testAccuracy, double bestTestAccuracy,
                               Integer epochsToTarget, Long stepsToTarget, double wallSeconds, TrainingCurve curve,
                               ConfusionMatrix testConfusion) {

    /** Chance accuracy 1/k. */
    public double chanceAccuracy() {
        return 1.0 / numClasses;
    }

    /** True when the training accuracy reached the spec's target. */
    public boolean reachedTarget() {
        return stopReason == StopReason.TARGET_REACHED;
    }

    /** Training samples processed per second of wall time (including per-epoch evaluation). */
    public double samplesPerSecond() {
        return curve.isEmpty() ? 0 : curve.last().epoch() * (double) spec.nTrain() / wallSeconds;
    }
}
