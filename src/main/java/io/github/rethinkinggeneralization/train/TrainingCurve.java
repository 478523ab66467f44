package io.github.rethinkinggeneralization.train;

import java.util.List;
import java.util.OptionalInt;

/** The per-epoch learning curve of one run. */
public record TrainingCurve(List<EpochRecord> epochs) {

    public TrainingCurve {
        epochs = List.copyOf(epochs);
    }

    public boolean isEmpty() {
        return epochs.isEmpty();
    }

    public EpochRecord last() {
        if (epochs.isEmpty()) {
            throw new IllegalStateException("the curve has no epochs");
        }
        return epochs.get(epochs.size() - 1);
    }

    /** The first epoch (1-based) whose training accuracy reached {@code target}. */
    public OptionalInt firstEpochReaching(double target) {
        for (EpochRecord e : epochs) {
            if (e.trainAccuracy() >= target) {
                return OptionalInt.of(e.epoch());
            }
        }
        return OptionalInt.empty();
    }

    /**
     * The highest test accuracy seen after any epoch where it was measured (what early stopping
     * could have kept); NaN when it never was.
     */
    public double bestTestAccuracy() {
        return epochs.stream().mapToDouble(EpochRecord::testAccuracy).filter(a -> !Double.isNaN(a)).max().orElse(Double.NaN);
    }

    /** The curve as CSV with a header line. */
    public String toCsv() {
        StringBuilder b = new StringBuilder(EpochRecord.CSV_HEADER).append('\n');
        for (EpochRecord e : epochs) {
            b.append(e.toCsv()).append('\n');
        }
        return b.toString();
    }
}
