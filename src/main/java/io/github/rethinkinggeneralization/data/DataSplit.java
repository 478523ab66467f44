package io.github.rethinkinggeneralization.data;

import java.util.Objects;

/**
 * A training set and a test set drawn from one dataset, with a sentence that says where they came
 * from (dataset, files, subset sizes) for the reports.
 */
public record DataSplit(String dataset, LabeledImages train, LabeledImages test, String provenance) {

    public DataSplit {
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(test, "test");
        Objects.requireNonNull(provenance, "provenance");
        if (!train.shape().equals(test.shape()) || train.numClasses() != test.numClasses()) {
            throw new IllegalArgumentException("train " + train + " and test " + test + " disagree in shape or classes");
        }
    }

    public DataSplit withTrain(LabeledImages newTrain) {
        return new DataSplit(dataset, newTrain, test, provenance);
    }

    public DataSplit withBoth(LabeledImages newTrain, LabeledImages newTest) {
        return new DataSplit(dataset, newTrain, newTest, provenance);
    }

    public DataSplit withProvenance(String text) {
        return new DataSplit(dataset, train, test, text);
    }

    public ImageShape shape() {
        return train.shape();
    }

    public int numClasses() {
        return train.numClasses();
    }
}
