package io.github.rethinkinggeneralization.train;

/** Why a training run ended. */
public enum StopReason {
    /** Training accuracy reached the budget's target. */
    TARGET_REACHED,
    /** The epoch budget ran out first. */
    EPOCH_BUDGET,
    /** The wall-time budget ran out first. */
    TIME_BUDGET,
    /** The loss became NaN or infinite. */
    DIVERGED,
    /** Someone asked the run to stop. */
    CANCELLED
}
