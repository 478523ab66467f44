package io.github.rethinkinggeneralization.model;

import java.util.Objects;

/**
 * Which network to build: the architecture, a width multiplier that scales every layer's unit or
 * channel count (1.0 = the paper's width), and the explicit regularizers.
 */
public record ModelSpec(Architecture architecture, double width, Regularization regularization) {

    public ModelSpec {
        Objects.requireNonNull(architecture, "architecture");
        Objects.requireNonNull(regularization, "regularization");
        if (!(width > 0 && width <= 8)) {
            throw new IllegalArgumentException("width multiplier must lie in (0, 8], got " + width);
        }
    }

    /** The architecture at full width with no regularization. */
    public static ModelSpec of(Architecture architecture) {
        return new ModelSpec(architecture, 1.0, Regularization.none());
    }

    public ModelSpec withWidth(double w) { return new ModelSpec(architecture, w, regularization); }

    public ModelSpec withRegularization(Regularization r) { return new ModelSpec(architecture, width, r); }

    /** {@code units} scaled by the width multiplier, at least 1. */
    public int scaled(int units) {
        return Math.max(1, (int) Math.round(units * width));
    }
}
