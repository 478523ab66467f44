package io.github.rethinkinggeneralization.model;

import io.github.rethinkinggeneralization.data.ImageShape;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.learning.config.Nesterovs;

/** Small Inception at the {@code ci} width, for the tests of the custom layers it is built from. */
final class SmallInceptionNets {
    private SmallInceptionNets() {
    }

    /** The net as {@link NetworkFactory} builds it, and the net rebuilt from its configuration's JSON. */
    record BuiltAndRebuilt(ComputationGraph built, ComputationGraph rebuilt) {
    }

    /** Small Inception x0.125 for CIFAR-10, built, then rebuilt (and initialized) from its JSON. */
    static BuiltAndRebuilt builtAndRebuiltFromJson() {
        ComputationGraph net = NetworkFactory.build(ModelSpec.of(Architecture.SMALL_INCEPTION).withWidth(0.125),
                ImageShape.CIFAR10, 10, new Nesterovs(0.1, 0.9), 1);
        ComputationGraph rebuilt = new ComputationGraph(ComputationGraphConfiguration.fromJson(net.getConfiguration().toJson()));
        rebuilt.init();
        return new BuiltAndRebuilt(net, rebuilt);
    }
}
