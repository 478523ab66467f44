package io.github.rethinkinggeneralization.train;

/**
 * When training stops: as soon as training accuracy reaches {@code targetTrainAccuracy} (checked
 * after every epoch), or after {@code maxEpochs} epochs, or once {@code maxSeconds} of wall time
 * have passed, whichever comes first.
 */
public record Budget(double targetTrainAccuracy, int maxEpochs, double maxSeconds) {

    public Budget {
        if (!(targetTrainAccuracy > 0 && targetTrainAccuracy <= 1)) {
            throw new IllegalArgumentException("target training accuracy must lie in (0, 1], got " + targetTrainAccuracy);
        }
        if (maxEpochs < 1) throw new IllegalArgumentException("max epochs must be >= 1, got " + maxEpochs);
        if (!(maxSeconds > 0)) throw new IllegalArgumentException("max seconds must be > 0, got " + maxSeconds);
    }

    public Budget withMaxEpochs(int e) { return new Budget(targetTrainAccuracy, e, maxSeconds); }

    public Budget withTarget(double t) { return new Budget(t, maxEpochs, maxSeconds); }

    public Budget withMaxSeconds(double s) { return new Budget(targetTrainAccuracy, maxEpochs, s); }
}
