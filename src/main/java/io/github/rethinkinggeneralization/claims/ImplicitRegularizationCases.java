package io.github.rethinkinggeneralization.claims;

import io.github.rethinkinggeneralization.model.GradientClipping;
import io.github.rethinkinggeneralization.train.OptimizerSpec;
import java.util.List;
import java.util.Optional;

/**
 * Which runs claim C5 (implicit regularization) uses at a profile, from the {@code implicit}
 * section of {@code fixtures/profiles.json}: the networks whose true-label runs are checked for an
 * early-stopping benefit, whether small Inception is compared with and without batch norm (and why
 * or why not), and the
 * early-stopping negative control (a network trained on labels corrupted with probability
 * {@code controlCorruption}, where memorizing the noise costs test accuracy). Optionally a learning
 * rate and a per-layer gradient clipping norm for both arms of the batch-norm comparison, each with
 * its reason, where the paper's optimizer does not train the net without batch norm at the
 * profile's scale, optionally a scale of its own for that comparison (else the profile's
 * small-Inception scale), and optionally seeds of its own, with their reason (else the profile's).
 */
public record ImplicitRegularizationCases(List<String> earlyStoppingModels, boolean batchNorm, String batchNormReason,
                                          Threshold batchNormLearningRate, Threshold batchNormGradientClip,
                                          ModelScale batchNormScale, Seeds batchNormSeeds, String controlModel,
                                          double controlCorruption, String reason) {

    /** The seeds a comparison runs at, and why those. */
    public record Seeds(List<Long> values, String reason) {
        public Seeds {
            values = List.copyOf(values);
            if (values.isEmpty() || values.stream().distinct().count() != values.size()) {
                throw new IllegalArgumentException("implicit.batchNormSeeds must list distinct seeds, got " + values);
            }
            if (reason == null || reason.isBlank()) {
                throw new IllegalArgumentException("implicit.batchNormSeeds needs its reason");
            }
        }
    }

    public ImplicitRegularizationCases {
        earlyStoppingModels = List.copyOf(earlyStoppingModels);
        if (!(controlCorruption > 0 && controlCorruption < 1)) {
            throw new IllegalArgumentException("implicit.controlCorruption must lie in (0, 1), got " + controlCorruption);
        }
        if (batchNormLearningRate != null && !(batchNormLearningRate.value() > 0)) {
            throw new IllegalArgumentException("implicit.batchNormLearningRate must be > 0, got " + batchNormLearningRate.value());
        }
        if (batchNormGradientClip != null && !(batchNormGradientClip.value() > 0)) {
            throw new IllegalArgumentException("implicit.batchNormGradientClip must be > 0, got " + batchNormGradientClip.value());
        }
    }

    /** The learning rate of both batch-norm arms when the profile sets one (else the paper's for Inception). */
    public Optional<Threshold> batchNormLearningRateOverride() {
        return Optional.ofNullable(batchNormLearningRate);
    }

    /** The scale of both batch-norm arms when the profile sets one (else the profile's small-Inception scale). */
    public Optional<ModelScale> batchNormScaleOverride() {
        return Optional.ofNullable(batchNormScale);
    }

    /** The seeds of both batch-norm arms when the profile sets them (else the profile's seeds). */
    public Optional<Seeds> batchNormSeedsOverride() {
        return Optional.ofNullable(batchNormSeeds);
    }

    /** The per-layer gradient L2 clipping norm of both batch-norm arms when the profile sets one (else none, as in the paper). */
    public Optional<Threshold> batchNormGradientClipOverride() {
        return Optional.ofNullable(batchNormGradientClip);
    }

    /** The optimizer of both batch-norm arms: {@code paper} with the profile's learning rate and clipping, where it sets them. */
    public OptimizerSpec batchNormOptimizer(OptimizerSpec paper) {
        OptimizerSpec o = paper;
        if (batchNormLearningRate != null) {
            o = o.withLearningRate(batchNormLearningRate.value());
        }
        if (batchNormGradientClip != null) {
            o = o.withClipping(GradientClipping.l2PerLayer(batchNormGradientClip.value()));
        }
        return o;
    }
}
