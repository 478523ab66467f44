package io.github.rethinkinggeneralization.claims;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.rethinkinggeneralization.data.DataCondition;
import io.github.rethinkinggeneralization.data.DatasetKind;
import io.github.rethinkinggeneralization.model.Architecture;
import io.github.rethinkinggeneralization.model.ParameterCount;
import io.github.rethinkinggeneralization.train.Budget;
import io.github.rethinkinggeneralization.train.EpochRecord;
import io.github.rethinkinggeneralization.train.ExperimentResult;
import io.github.rethinkinggeneralization.train.ExperimentSpec;
import io.github.rethinkinggeneralization.train.StopReason;
import io.github.rethinkinggeneralization.train.TrainingCurve;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/** C5's predicates on hand-made learning curves. */
class ImplicitRegularizationPredicatesTest {
    private final EarlyStoppingGain earlyStopping = new EarlyStoppingGain(0.99, 0.25);
    private final BatchNormEffect batchNorm = new BatchNormEffect(new MemorizationCheck(0.99, 0.01, 0.10), 0.10, 1.96);

    /** A run whose test accuracy follows {@code tests} (NaN = not measured) and ends at training accuracy {@code train}. */
    private static ExperimentResult run(Architecture a, double train, int nTest, double... tests) {
        return run(a, 1, train, nTest, tests);
    }

    /** The same at a given seed. */
    private static ExperimentResult run(Architecture a, long seed, double train, int nTest, double... tests) {
        ExperimentSpec spec = ExperimentSpec.paper(a, DatasetKind.CIFAR10, 1000, nTest).withCondition(DataCondition.trueLabels())
                .withBudget(new Budget(0.99, 80, 240)).withSeed(seed);
        List<EpochRecord> epochs = new ArrayList<>();
        for (int e = 1; e <= tests.length; e++) {
            epochs.add(new EpochRecord(e, 8L * e, 1.0 / e, e == tests.length ? train : 0.5, tests[e - 1], 0.01, e));
        }
        TrainingCurve curve = new TrainingCurve(epochs);
        boolean reached = train >= 0.99;
        return new ExperimentResult(spec, "cifar10", "hand-made", "28x28x3", 10, new ParameterCount(1, 1), "SGD",
                reached ? StopReason.TARGET_REACHED : StopReason.EPOCH_BUDGET, train, tests[tests.length - 1],
                curve.bestTestAccuracy(), reached ? tests.length : null, reached ? 8L * tests.length : null, tests.length, curve, null);
    }

    /** Fitted runs (100 % train, 500 test images) at seeds 1, 2, ... with these final test accuracies. */
    private static List<ExperimentResult> fittedSeeds(Architecture a, double... tests) {
        List<ExperimentResult> runs = new ArrayList<>();
        for (int i = 0; i < tests.length; i++) {
            runs.add(run(a, i + 1, 1.0, 500, tests[i]));
        }
        return runs;
    }

    @Test
    void aConvergedNetThatEndsNearItsBestTestAccuracyGainsLittleFromEarlyStopping() {
        ExperimentResult r = run(Architecture.MLP_1X512, 0.995, 1000, 0.30, 0.375, 0.36, 0.348);
        assertThat(EarlyStoppingGain.relativeGain(r)).isCloseTo(0.027 / 0.248, Offset.offset(1e-9));
        assertThat(earlyStopping.gainsLittle(r)).isTrue();
        assertThat(earlyStopping.check(r).verdict()).isEqualTo(Verdict.REPRODUCED);
    }

    @Test
    void losingMostOfTheMarginOverChanceIsMoreThanALittle() {
        ExperimentResult noisy = run(Architecture.MLP_1X512, 0.992, 1000, 0.17, 0.18, 0.16, 0.152);
        assertThat(EarlyStoppingGain.relativeGain(noisy)).isGreaterThan(0.5);
        assertThat(earlyStopping.check(noisy).verdict()).isEqualTo(Verdict.REFUTED);
    }

    @Test
    void aFinalNetAtChanceWithABetterEarlierOneHasUnboundedGain() {
        ExperimentResult r = run(Architecture.MLP_1X512, 0.995, 1000, 0.14, 0.10);
        assertThat(EarlyStoppingGain.relativeGain(r)).isInfinite();
        assertThat(earlyStopping.gainsLittle(r)).isFalse();
    }

    @Test
    void epochsWithoutATestMeasurementAreIgnoredAndAnUnconvergedRunIsInconclusive() {
        ExperimentResult sparse = run(Architecture.SMALL_ALEXNET, 0.995, 500, Double.NaN, Double.NaN, 0.28, Double.NaN, 0.27);
        assertThat(sparse.bestTestAccuracy()).isEqualTo(0.28);
        assertThat(earlyStopping.check(sparse).measured()).containsEntry("bestEpoch", 3.0);
        ExperimentResult unconverged = run(Architecture.MLP_1X512, 0.80, 1000, 0.30, 0.31);
        assertThat(earlyStopping.gainsLittle(unconverged)).isFalse();
        assertThat(earlyStopping.check(unconverged).verdict()).isEqualTo(Verdict.INCONCLUSIVE);
    }

    @Test
    void batchNormThatAddsAFewPointsWithinNoiseHelpsALittle() {
        ExperimentResult with = run(Architecture.SMALL_INCEPTION, 1.0, 500, 0.27);
        ExperimentResult without = run(Architecture.SMALL_INCEPTION_NO_BN, 0.995, 500, 0.25);
        CaseVerdict v = batchNorm.check(with, without);
        assertThat(v.verdict()).isEqualTo(Verdict.REPRODUCED);
        assertThat(v.measured().get("batchNormGain")).isCloseTo(0.02, Offset.offset(1e-9));
        assertThat(v.explanation()).contains("within noise");
    }

    @Test
    void batchNormPredicateFailsWhenTheNetWithoutItDoesNotGeneralizeOrTheGainIsLarge() {
        ExperimentResult with = run(Architecture.SMALL_INCEPTION, 1.0, 500, 0.27);
        assertThat(batchNorm.check(with, run(Architecture.SMALL_INCEPTION, 1.0, 500, 0.10)).verdict()).isEqualTo(Verdict.REFUTED);
        ExperimentResult strong = run(Architecture.SMALL_INCEPTION, 1.0, 500, 0.60);
        ExperimentResult weak = run(Architecture.SMALL_INCEPTION_NO_BN, 1.0, 500, 0.35);
        assertThat(batchNorm.check(strong, weak).explanation()).startsWith("batch norm gains more than a little");
        ExperimentResult harmful = run(Architecture.SMALL_INCEPTION, 1.0, 500, 0.20);
        ExperimentResult better = run(Architecture.SMALL_INCEPTION_NO_BN, 1.0, 500, 0.30);
        assertThat(batchNorm.check(harmful, better).explanation()).startsWith("batch norm hurts beyond noise");
    }

    @Test
    void overSeedsTheGainIsTheMeanOfPairedDifferencesAndTheNoiseIncludesTheSeedsSpread() {
        // ci's three seeds (measured 2026-12-02): with batch norm 22.8, 24.2, 28.4 %; without 29.8, 29.8, 29.6 %
        List<ExperimentResult> with = fittedSeeds(Architecture.SMALL_INCEPTION, 0.228, 0.242, 0.284);
        List<ExperimentResult> without = fittedSeeds(Architecture.SMALL_INCEPTION_NO_BN, 0.298, 0.298, 0.296);
        CaseVerdict v = batchNorm.check(with, without);
        assertThat(v.measured().get("batchNormGain")).isCloseTo(-0.046, Offset.offset(1e-9));
        assertThat(v.measured().get("batchNormGainSeed2")).isCloseTo(-0.056, Offset.offset(1e-9));
        assertThat(v.measured().get("seeds")).isEqualTo(3.0);
        // sd of (-7.0, -5.6, -1.2) points is 3.03; t(2) = 4.303 over sqrt(3): 7.52 points
        assertThat(v.measured().get("batchNormGainSeedHalfWidth")).isCloseTo(0.0752, Offset.offset(2e-4));
        assertThat(v.measured().get("batchNormNoise")).isEqualTo(v.measured().get("batchNormGainSeedHalfWidth"));
        assertThat(v.measured().get("testAccuracyWithBatchNorm")).isCloseTo(0.2513, Offset.offset(1e-4));
        assertThat(v.verdict()).isEqualTo(Verdict.REPRODUCED);
        assertThat(v.explanation()).contains("over 3 seeds (-7.00, -5.60, -1.20)").contains("within noise");
        // seed 1 alone, judged on test-set noise only, is refuted: that noise misses the training noise
        assertThat(batchNorm.check(with.get(0), without.get(0)).explanation()).startsWith("batch norm hurts beyond noise");
    }

    @Test
    void batchNormThatHurtsAtEverySeedBeyondTestNoiseIsRefutedOverSeeds() {
        List<ExperimentResult> with = fittedSeeds(Architecture.SMALL_INCEPTION, 0.19, 0.20, 0.18);
        List<ExperimentResult> without = fittedSeeds(Architecture.SMALL_INCEPTION_NO_BN, 0.30, 0.30, 0.29);
        CaseVerdict v = batchNorm.check(with, without);
        assertThat(v.measured().get("batchNormNoise")).as("the seeds agree, so test-set noise is the wider")
                .isCloseTo(1.96 * v.measured().get("batchNormGainSe"), Offset.offset(1e-12));
        assertThat(v.verdict()).isEqualTo(Verdict.REFUTED);
        assertThat(v.explanation()).startsWith("batch norm hurts beyond noise");
    }

    @Test
    void batchNormArmsMustPairTheSameSeeds() {
        List<ExperimentResult> with = List.of(run(Architecture.SMALL_INCEPTION, 1, 1.0, 500, 0.27));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> batchNorm.check(with,
                        List.of(run(Architecture.SMALL_INCEPTION_NO_BN, 2, 1.0, 500, 0.25))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("seeds 1 and 2");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> batchNorm.check(with, List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("same seeds");
    }

    @Test
    void ciRunsTheBatchNormComparisonAtThreeSeedsWithItsReason() {
        ImplicitRegularizationCases.Seeds ci = Profile.load("ci").implicit().batchNormSeedsOverride().orElseThrow();
        assertThat(ci.values()).containsExactly(1L, 2L, 3L);
        assertThat(ci.reason()).contains("training noise");
        assertThat(Profile.load("standard").implicit().batchNormSeedsOverride()).isEmpty();
        assertThat(Profile.load("ci").onlyModels(java.util.Set.of("small-inception")).implicit().batchNormSeedsOverride())
                .contains(ci);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new ImplicitRegularizationCases.Seeds(List.of(1L, 1L), "r"))
                .hasMessageContaining("distinct");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new ImplicitRegularizationCases.Seeds(List.of(1L), " "))
                .hasMessageContaining("reason");
    }

    @Test
    void batchNormIsInconclusiveWhenARunDidNotFit() {
        ExperimentResult with = run(Architecture.SMALL_INCEPTION, 1.0, 500, 0.27);
        ExperimentResult unfit = run(Architecture.SMALL_INCEPTION_NO_BN, 0.6, 500, 0.22);
        assertThat(batchNorm.check(with, unfit).verdict()).isEqualTo(Verdict.INCONCLUSIVE);
    }

    @Test
    void everyProfileNamesItsImplicitRegularizationCases() {
        for (String name : List.of("ci", "standard", "paper")) {
            ImplicitRegularizationCases c = Profile.load(name).implicit();
            assertThat(c.earlyStoppingModels()).isNotEmpty();
            assertThat(c.reason()).isNotBlank();
            assertThat(c.batchNormReason()).isNotBlank();
            assertThat(Profile.load(name).scale(Architecture.fromId(c.controlModel()))).isPresent();
        }
    }

    @Test
    void aBatchNormLearningRateComesWithItsReasonAndMustBePositive() {
        Threshold standard = Profile.load("standard").implicit().batchNormLearningRateOverride().orElseThrow();
        assertThat(standard.value()).isEqualTo(0.01);
        assertThat(standard.reason()).contains("without batch norm");
        assertThat(Profile.load("ci").implicit().batchNormLearningRateOverride()).hasValueSatisfying(
                ci -> assertThat(ci.value()).isEqualTo(0.01));
        assertThat(Profile.load("paper").implicit().batchNormLearningRateOverride()).isEmpty();
        assertThat(Profile.load("standard").onlyModels(java.util.Set.of("small-inception")).implicit().batchNormLearningRateOverride())
                .contains(standard);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new ImplicitRegularizationCases(List.of(), true, "r",
                        new Threshold("lr", 0, "r"), null, null, null, "mlp-1x512", 0.8, "r"))
                .hasMessageContaining("batchNormLearningRate");
    }

    @Test
    void standardsBatchNormComparisonHasItsOwnScaleAndClipsBothArms() {
        ImplicitRegularizationCases standard = Profile.load("standard").implicit();
        Threshold clip = standard.batchNormGradientClipOverride().orElseThrow();
        assertThat(clip.value()).isEqualTo(1.0);
        assertThat(clip.reason()).contains("both arms").contains("did not clip");
        ModelScale scale = standard.batchNormScaleOverride().orElseThrow();
        assertThat(scale.width()).isEqualTo(0.25);
        assertThat(scale.conditions()).contains("true-labels", "random-labels");
        assertThat(Profile.load("paper").implicit().batchNormGradientClipOverride()).isEmpty();
        assertThat(Profile.load("paper").implicit().batchNormScaleOverride()).isEmpty();
        ModelScale ci = Profile.load("ci").implicit().batchNormScaleOverride().orElseThrow();
        assertThat(ci.width()).isEqualTo(0.125);
        assertThat(ci.maxEpochs()).as("the net without batch norm fits in 237 epochs at ci (measured)").isGreaterThan(237);
        assertThat(Profile.load("standard").onlyModels(java.util.Set.of("small-inception")).implicit().batchNormScaleOverride())
                .contains(scale);
        io.github.rethinkinggeneralization.train.OptimizerSpec paper =
                io.github.rethinkinggeneralization.train.OptimizerSpec.paper(Architecture.SMALL_INCEPTION);
        assertThat(standard.batchNormOptimizer(paper)).isEqualTo(paper.withLearningRate(0.01)
                .withClipping(io.github.rethinkinggeneralization.model.GradientClipping.l2PerLayer(1.0)));
        assertThat(Profile.load("ci").implicit().batchNormOptimizer(paper)).isEqualTo(standard.batchNormOptimizer(paper));
        assertThat(Profile.load("paper").implicit().batchNormOptimizer(paper)).isEqualTo(paper);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new ImplicitRegularizationCases(List.of(), true, "r",
                        null, new Threshold("clip", -1, "r"), null, null, "mlp-1x512", 0.8, "r"))
                .hasMessageContaining("batchNormGradientClip");
    }
}
