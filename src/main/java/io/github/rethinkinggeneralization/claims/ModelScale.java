package io.github.rethinkinggeneralization.claims;

import java.util.List;

/**
 * How one architecture is scaled down in a profile: its width multiplier, training and test set
 * sizes, epoch and wall-time budget, which randomization conditions run at this scale, and how
 * often the test set is evaluated during training ({@code testEvery}, absent = every epoch; see
 * {@link io.github.rethinkinggeneralization.train.Budget}).
 */
public record ModelScale(double width, int nTrain, int nTest, int maxEpochs, double maxSeconds, List<String> conditions,
                         int testEvery) {

    public ModelScale {
        conditions = List.copyOf(conditions);
        if (testEvery == 0) {
            testEvery = 1;
        }
        if (testEvery < 0) {
            throw new IllegalArgumentException("testEvery must be >= 1, got " + testEvery);
        }
    }

    public ModelScale(double width, int nTrain, int nTest, int maxEpochs, double maxSeconds, List<String> conditions) {
        this(width, nTrain, nTest, maxEpochs, maxSeconds, conditions, 1);
    }

    /** "x0.25 width, 1000/1000 images, <= 60 epochs". */
    public String describe() {
        return "x" + width + " width, " + nTrain + "/" + nTest + " images, <= " + maxEpochs + " epochs";
    }
}
