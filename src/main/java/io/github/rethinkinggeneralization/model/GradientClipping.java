package io.github.rethinkinggeneralization.model;

import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;

/**
 * Clipping of each layer's gradient to at most an L2 norm before the update (DL4J's
 * {@link GradientNormalization#ClipL2PerLayer}). {@link #none()}, the default, leaves gradients
 * as they are, as the paper's optimizer did; the suite clips only where a network does not train
 * stably without it, on every arm of a comparison alike, and its reports say so.
 *
 * @param maxL2PerLayer the largest L2 norm a layer's gradient keeps (0 = no clipping)
 */
public record GradientClipping(double maxL2PerLayer) {

    /** No clipping: the paper's optimizer. */
    public static GradientClipping none() {
        return new GradientClipping(0);
    }

    /** Clip each layer's gradient to an L2 norm of at most {@code max} (> 0). */
    public static GradientClipping l2PerLayer(double max) {
        if (!(max > 0)) {
            throw new IllegalArgumentException("a gradient clipping norm must be > 0, got " + max);
        }
        return new GradientClipping(max);
    }

    public GradientClipping {
        if (!(maxL2PerLayer >= 0) || Double.isInfinite(maxL2PerLayer)) {
            throw new IllegalArgumentException("a gradient clipping norm must be finite and >= 0 (0 = off), got "
                    + maxL2PerLayer);
        }
    }

    /** True when gradients are clipped. */
    public boolean isOn() {
        return maxL2PerLayer > 0;
    }

    /** Sets the clipping as the default of every layer the builder makes (nothing when off). */
    void applyTo(NeuralNetConfiguration.Builder builder) {
        if (isOn()) {
            builder.gradientNormalization(GradientNormalization.ClipL2PerLayer)
                    .gradientNormalizationThreshold(maxL2PerLayer);
        }
    }

    /** Short text for reports, empty when off. */
    public String describe() {
        return isOn() ? "gradient L2 norm clipped to " + maxL2PerLayer + " per layer" : "";
    }
}
