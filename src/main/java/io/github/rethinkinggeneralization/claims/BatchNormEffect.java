package io.github.rethinkinggeneralization.claims;

import io.github.rethinkinggeneralization.train.ExperimentResult;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Claim C5's batch-norm predicate (Section 3, Table 1: Inception 85.75 % test with batch norm,
 * 82.00 % without): batch norm "helps a little" and is not what makes the network generalize. Both
 * networks reach the training target on true labels; the one without batch norm still generalizes
 * far above chance; and batch norm's test-accuracy gain is at most {@code maxGain} and not
 * negative beyond sampling noise ({@code gain >= -harmZ * se}, se of the difference of two test
 * accuracies). Whether the gain is positive beyond noise is recorded, not required: on a few hundred
 * test images a 3.75-point effect is within the noise.
 */
public final class BatchNormEffect {
    private final MemorizationCheck check;
    private final double maxGain;
    private final double harmZ;

    public BatchNormEffect(MemorizationCheck check, double maxGain, double harmZ) {
        this.check = check;
        this.maxGain = maxGain;
        this.harmZ = harmZ;
    }

    public static BatchNormEffect from(MemorizationCheck check, Thresholds t) {
        return new BatchNormEffect(check, t.value("batchNorm.maxGain"), t.value("batchNorm.harmZ"));
    }

    /** Standard error of the difference of the two runs' test accuracies. */
    static double differenceSe(ExperimentResult a, ExperimentResult b) {
        double pa = a.testAccuracy();
        double pb = b.testAccuracy();
        return Math.sqrt(pa * (1 - pa) / a.spec().nTest() + pb * (1 - pb) / b.spec().nTest());
    }

    public CaseVerdict check(ExperimentResult withBatchNorm, ExperimentResult withoutBatchNorm) {
        double gain = withBatchNorm.testAccuracy() - withoutBatchNorm.testAccuracy();
        double se = differenceSe(withBatchNorm, withoutBatchNorm);
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("testAccuracyWithBatchNorm", withBatchNorm.testAccuracy());
        m.put("testAccuracyWithoutBatchNorm", withoutBatchNorm.testAccuracy());
        m.put("batchNormGain", gain);
        m.put("batchNormGainSe", se);
        m.put("trainAccuracyWithBatchNorm", withBatchNorm.trainAccuracy());
        m.put("trainAccuracyWithoutBatchNorm", withoutBatchNorm.trainAccuracy());
        String figures = String.format(Locale.ROOT,
                "with batch norm: train %.2f%%, test %.2f%%; without: train %.2f%%, test %.2f%% (chance %.0f%%);"
                        + " batch norm gains %.2f ± %.2f points (claim: in [-%.2f·se, %.0f]; the paper: +3.75)",
                100 * withBatchNorm.trainAccuracy(), 100 * withBatchNorm.testAccuracy(), 100 * withoutBatchNorm.trainAccuracy(),
                100 * withoutBatchNorm.testAccuracy(), 100 * withoutBatchNorm.chanceAccuracy(), 100 * gain, 100 * se, harmZ,
                100 * maxGain);
        if (!check.memorized(withBatchNorm) || !check.memorized(withoutBatchNorm)) {
            return new CaseVerdict(Verdict.INCONCLUSIVE, "a run did not reach the training target: " + figures, m);
        }
        boolean generalizesWithout = check.farAboveChance(withoutBatchNorm);
        boolean small = gain <= maxGain;
        boolean notHarmful = gain >= -harmZ * se;
        String direction = gain > harmZ * se ? "batch norm is better beyond noise" : "the difference is within noise";
        String why = !generalizesWithout ? "the network without batch norm does not generalize far above chance"
                : !small ? "batch norm gains more than a little" : !notHarmful ? "batch norm hurts beyond noise"
                : "without batch norm the network still fits and generalizes; " + direction;
        return new CaseVerdict(generalizesWithout && small && notHarmful ? Verdict.REPRODUCED : Verdict.REFUTED,
                why + ": " + figures, m);
    }
}
