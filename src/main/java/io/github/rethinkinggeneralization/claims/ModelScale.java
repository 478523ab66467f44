package io.github.rethinkinggeneralization.claims;

import java.util.List;

/**
 * How one architecture is scaled down in a profile: its width multiplier, training and test set
 * sizes, epoch and wall-time budget, and which randomization conditions run at this scale.
 */
public record ModelScale(double width, int nTrain, int nTest, int maxEpochs, double maxSeconds, List<String> conditions) {

    public ModelScale {
        conditions = List.copyOf(conditions);
    }

    /** "x0.25 width, 1000/1000 images, <= 60 epochs". */
    public String describe() {
        return "x" + width + " width, " + nTrain + "/" + nTest + " images, <= " + maxEpochs + " epochs";
    }
}
