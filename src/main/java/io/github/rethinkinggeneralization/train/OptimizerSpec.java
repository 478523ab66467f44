package io.github.rethinkinggeneralization.train;

import io.github.rethinkinggeneralization.model.Architecture;
import io.github.rethinkinggeneralization.model.GradientClipping;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;

/**
 * SGD with momentum, an initial learning rate decayed by a constant factor per epoch, and a batch
 * size. DL4J's momentum SGD is Nesterov momentum (the paper's TensorFlow optimizer used classical
 * momentum); reports name it. Gradients are not clipped unless a comparison asks for it
 * ({@link GradientClipping}).
 */
public record OptimizerSpec(double learningRate, double momentum, double decayPerEpoch, int batchSize,
                            GradientClipping clipping) {

    /** SGD with momentum and no gradient clipping. */
    public OptimizerSpec(double learningRate, double momentum, double decayPerEpoch, int batchSize) {
        this(learningRate, momentum, decayPerEpoch, batchSize, GradientClipping.none());
    }

    /** The paper's setting for an architecture: momentum 0.9, decay 0.95 per epoch, batch 128. */
    public static OptimizerSpec paper(Architecture architecture) {
        return new OptimizerSpec(architecture.paperLearningRate(), 0.9, 0.95, 128);
    }

    public OptimizerSpec {
        if (!(learningRate > 0)) throw new IllegalArgumentException("learning rate must be > 0, got " + learningRate);
        if (momentum < 0 || momentum >= 1) throw new IllegalArgumentException("momentum must lie in [0, 1), got " + momentum);
        if (!(decayPerEpoch > 0 && decayPerEpoch <= 1)) {
            throw new IllegalArgumentException("decay per epoch must lie in (0, 1], got " + decayPerEpoch);
        }
        if (batchSize < 1) throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
        if (clipping == null) clipping = GradientClipping.none(); // records written before clipping existed
    }

    public OptimizerSpec withLearningRate(double lr) { return new OptimizerSpec(lr, momentum, decayPerEpoch, batchSize, clipping); }

    public OptimizerSpec withBatchSize(int b) { return new OptimizerSpec(learningRate, momentum, decayPerEpoch, b, clipping); }

    public OptimizerSpec withClipping(GradientClipping c) { return new OptimizerSpec(learningRate, momentum, decayPerEpoch, batchSize, c); }

    /** The learning rate during epoch {@code epoch} (0-based). */
    public double learningRateAt(int epoch) {
        return learningRate * Math.pow(decayPerEpoch, epoch);
    }

    /** The DL4J updater at the initial learning rate. */
    public IUpdater updater() {
        return new Nesterovs(learningRate, momentum);
    }

    /** Human-readable name for reports. */
    public String describe() {
        return "SGD, Nesterov momentum " + momentum + ", lr " + learningRate + " x" + decayPerEpoch + "/epoch, batch " + batchSize
                + (clipping.isOn() ? ", " + clipping.describe() : "");
    }
}
