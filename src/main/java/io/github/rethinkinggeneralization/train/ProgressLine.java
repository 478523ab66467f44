package io.github.rethinkinggeneralization.train;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Prints one progress line per epoch of a long run (at most one every {@code minIntervalSeconds},
 * plus the first epoch), so a user watching {@code mvn verify} sees that training moves.
 */
public final class ProgressLine implements Consumer<EpochRecord> {
    private final String label;
    private final int maxEpochs;
    private final double minIntervalSeconds;
    private final PrintStream out;
    private double lastPrinted = Double.NEGATIVE_INFINITY;

    public ProgressLine(String label, int maxEpochs, double minIntervalSeconds, PrintStream out) {
        this.label = label;
        this.maxEpochs = maxEpochs;
        this.minIntervalSeconds = minIntervalSeconds;
        this.out = out;
    }

    @Override
    public void accept(EpochRecord e) {
        if (e.epoch() == 1 || e.seconds() - lastPrinted >= minIntervalSeconds) {
            lastPrinted = e.seconds();
            out.println(format(label, maxEpochs, e));
        }
    }

    /** The line for one epoch. */
    public static String format(String label, int maxEpochs, EpochRecord e) {
        String test = Double.isNaN(e.testAccuracy()) ? "-" : String.format(Locale.ROOT, "%.1f%%", 100 * e.testAccuracy());
        return String.format(Locale.ROOT, "[%s] epoch %d/%d  loss %.4f  train %.1f%%  test %s  lr %.5f  %.1f s",
                label, e.epoch(), maxEpochs, e.trainLoss(), 100 * e.trainAccuracy(), test,
                e.learningRate(), e.seconds());
    }
}
