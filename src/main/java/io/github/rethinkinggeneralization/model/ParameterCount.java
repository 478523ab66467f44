package io.github.rethinkinggeneralization.model;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.graph.ComputationGraph;

/**
 * Parameter counts of a built network: DL4J's own total, and the count in the paper's convention,
 * where batch norm contributes only its shift (which takes the place of the conv's bias) while
 * DL4J also stores its scale and running mean and variance as parameters.
 */
public record ParameterCount(long dl4jTotal, long paperConvention) {

    public static ParameterCount of(ComputationGraph net) {
        long total = 0;
        long paper = 0;
        for (Layer layer : net.getLayers()) {
            long n = layer.numParams();
            total += n;
            if (layer.conf().getLayer() instanceof BatchNormalization bn) {
                paper += bn.getNOut();
            } else {
                paper += n;
            }
        }
        return new ParameterCount(total, paper);
    }
}
