package io.github.rethinkinggeneralization.train;

/** What a training run produced: its curve, why it stopped, and its wall time. */
public record TrainingOutcome(TrainingCurve curve, StopReason stopReason, double seconds) {
}
