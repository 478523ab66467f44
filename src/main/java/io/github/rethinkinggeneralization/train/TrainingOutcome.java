package io.github.rethinkinggeneralization.train;

/**
 * What a training run produced: its curve, why it stopped, its wall time, and the test predictions
 * behind the last epoch's test accuracy (null when the last epoch did not measure it).
 */
public record TrainingOutcome(TrainingCurve curve, StopReason stopReason, double seconds, ConfusionMatrix testConfusion) {
}
