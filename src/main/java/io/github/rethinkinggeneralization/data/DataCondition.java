package io.github.rethinkinggeneralization.data;

import java.util.Locale;

/**
 * One of the paper's randomization tests (Section 2.1): the data a network is trained on. Partial
 * label corruption carries its probability {@code p}; the other kinds ignore it.
 */
public record DataCondition(Kind kind, double p) {

    /** The kinds of randomization in the paper. */
    public enum Kind {
        TRUE_LABELS, CORRUPTED_LABELS, RANDOM_LABELS, SHUFFLED_PIXELS, RANDOM_PIXELS, GAUSSIAN;

        /** Lower-case hyphenated name, as used in fixtures and reports ("random-labels"). */
        public String id() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        public static Kind fromId(String id) {
            return valueOf(id.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        }
    }

    public DataCondition {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("p must lie in [0, 1], got " + p);
        }
    }

    public static DataCondition trueLabels() { return new DataCondition(Kind.TRUE_LABELS, 0); }

    public static DataCondition corruptedLabels(double p) { return new DataCondition(Kind.CORRUPTED_LABELS, p); }

    public static DataCondition randomLabels() { return new DataCondition(Kind.RANDOM_LABELS, 1); }

    public static DataCondition shuffledPixels() { return new DataCondition(Kind.SHUFFLED_PIXELS, 0); }

    public static DataCondition randomPixels() { return new DataCondition(Kind.RANDOM_PIXELS, 0); }

    public static DataCondition gaussian() { return new DataCondition(Kind.GAUSSIAN, 0); }

    /** Parses "true-labels", "random-labels", "corrupted-labels:0.4", "gaussian", ... */
    public static DataCondition parse(String text) {
        String[] parts = text.split(":", 2);
        Kind kind = Kind.fromId(parts[0]);
        double p = parts.length > 1 ? Double.parseDouble(parts[1]) : (kind == Kind.RANDOM_LABELS ? 1 : 0);
        return new DataCondition(kind, p);
    }

    /** True when the training labels carry no information about the images. */
    public boolean labelsAreRandom() {
        return kind == Kind.RANDOM_LABELS || (kind == Kind.CORRUPTED_LABELS && p == 1);
    }

    /** True when the images themselves are randomized (test accuracy then stays at chance). */
    public boolean pixelsAreRandom() {
        return kind == Kind.RANDOM_PIXELS || kind == Kind.GAUSSIAN;
    }

    /** Applies the randomization: label corruptions touch the training labels only. */
    public DataSplit apply(DataSplit split, long seed) {
        return switch (kind) {
            case TRUE_LABELS -> split;
            case CORRUPTED_LABELS -> new LabelCorruption(p).apply(split, seed);
            case RANDOM_LABELS -> new LabelCorruption(1).apply(split, seed);
            case SHUFFLED_PIXELS -> ShuffledPixels.apply(split, seed);
            case RANDOM_PIXELS -> RandomPixels.apply(split, seed);
            case GAUSSIAN -> GaussianPixels.apply(split, seed);
        };
    }

    @Override
    public String toString() {
        return kind == Kind.CORRUPTED_LABELS ? kind.id() + ":" + p : kind.id();
    }
}
