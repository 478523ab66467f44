package io.github.rethinkinggeneralization.train;

/**
 * When training stops: as soon as training accuracy reaches {@code targetTrainAccuracy} (checked
 * after every epoch), or after {@code maxEpochs} epochs, or once {@code maxSeconds} of wall time
 * have passed, whichever comes first.
 *
 * <p>{@code testEvery}: the test set is evaluated after every {@code testEvery}-th epoch and after
 * the last one (the stopping rule needs only the training accuracy). 1, the default, measures the
 * whole test curve; larger values save the test-set forward passes where only the final test
 * accuracy is asserted (on a small CNN at CI scale they are about a third of the run's time).
 * 0, which older records read back as, means 1.
 */
public record Budget(double targetTrainAccuracy, int maxEpochs, double maxSeconds, int testEvery) {

    /** A budget that evaluates the test set after every epoch. */
    public Budget(double targetTrainAccuracy, int maxEpochs, double maxSeconds) {
        this(targetTrainAccuracy, maxEpochs, maxSeconds, 1);
    }

    public Budget {
        if (testEvery == 0) {
            testEvery = 1;
        }
        if (testEvery < 0) throw new IllegalArgumentException("testEvery must be >= 1, got " + testEvery);
        if (!(targetTrainAccuracy > 0 && targetTrainAccuracy <= 1)) {
            throw new IllegalArgumentException("target training accuracy must lie in (0, 1], got " + targetTrainAccuracy);
        }
        if (maxEpochs < 1) throw new IllegalArgumentException("max epochs must be >= 1, got " + maxEpochs);
        if (!(maxSeconds > 0)) throw new IllegalArgumentException("max seconds must be > 0, got " + maxSeconds);
    }

    public Budget withMaxEpochs(int e) { return new Budget(targetTrainAccuracy, e, maxSeconds, testEvery); }

    public Budget withTarget(double t) { return new Budget(t, maxEpochs, maxSeconds, testEvery); }

    public Budget withMaxSeconds(double s) { return new Budget(targetTrainAccuracy, maxEpochs, s, testEvery); }

    /** Whether the test set is evaluated after {@code epoch} (1-based), given that it is or is not the last. */
    public boolean evaluatesTestAfter(int epoch, boolean last) {
        return last || epoch % testEvery == 0;
    }
}
