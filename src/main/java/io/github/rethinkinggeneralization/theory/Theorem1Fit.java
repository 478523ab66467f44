package io.github.rethinkinggeneralization.theory;

/**
 * The outcome of {@link Theorem1Construction#fit}: the sample as fitted (coinciding points merged),
 * the direction chosen, and the network.
 */
public record Theorem1Fit(DistinctSample sample, ProjectionDirection direction, TwoLayerReluNet net) {

    /** The free parameters the construction chooses: a (d), b (n), w (n), so 2n+d for n distinct points. */
    public long constructionParameters() {
        return net.a().length + net.b().length + (long) net.w().length;
    }

    /** The error bound for evaluating this network on its own sample ({@link FitTolerance}). */
    public FitTolerance tolerance() {
        return FitTolerance.of(net, sample.points());
    }
}
