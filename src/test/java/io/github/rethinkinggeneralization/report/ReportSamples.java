package io.github.rethinkinggeneralization.report;

import io.github.rethinkinggeneralization.claims.CaseVerdict;
import io.github.rethinkinggeneralization.claims.Verdict;
import io.github.rethinkinggeneralization.data.DataCondition;
import io.github.rethinkinggeneralization.data.DatasetKind;
import io.github.rethinkinggeneralization.model.Architecture;
import io.github.rethinkinggeneralization.model.ParameterCount;
import io.github.rethinkinggeneralization.model.Regularization;
import io.github.rethinkinggeneralization.train.Budget;
import io.github.rethinkinggeneralization.train.EpochRecord;
import io.github.rethinkinggeneralization.train.ExperimentResult;
import io.github.rethinkinggeneralization.train.ExperimentSpec;
import io.github.rethinkinggeneralization.train.StopReason;
import io.github.rethinkinggeneralization.train.TrainingCurve;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Small hand-made case records, Allure results and fingerprints for the report tests. */
final class ReportSamples {
    static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");
    static final long RECORD_TIME = NOW.toEpochMilli() - 60_000;

    private ReportSamples() {
    }

    /** A finished run: {@code epochs} epochs of 8 steps, target reached at the end unless {@code reached} is false. */
    static ExperimentResult run(Architecture a, DataCondition c, long seed, double train, double test, int epochs, boolean reached) {
        ExperimentSpec spec = ExperimentSpec.paper(a, DatasetKind.CIFAR10, 1000, 1000).withCondition(c).withSeed(seed)
                .withBudget(new Budget(0.99, 80, 240));
        List<EpochRecord> curve = new ArrayList<>();
        for (int e = 1; e <= epochs; e++) {
            curve.add(new EpochRecord(e, 8L * e, 2.4 / e, Math.min(train, 0.3 + e * 0.15), test, 0.01, 0.6 * e));
        }
        return new ExperimentResult(spec, "cifar10", "hand-made", "28x28x3", 10, new ParameterCount(1, 1), "SGD",
                reached ? StopReason.TARGET_REACHED : StopReason.EPOCH_BUDGET, train, test, test, reached ? epochs : null,
                reached ? 8L * epochs : null, 0.6 * epochs, new TrainingCurve(curve), null);
    }

    /** {@code r} trained under another spec: its figures unchanged. */
    static ExperimentResult withSpec(ExperimentResult r, ExperimentSpec spec) {
        return new ExperimentResult(spec, r.dataset(), r.provenance(), r.inputShape(), r.numClasses(), r.parameters(), r.optimizer(),
                r.stopReason(), r.trainAccuracy(), r.testAccuracy(), r.bestTestAccuracy(), r.epochsToTarget(), r.stepsToTarget(),
                r.wallSeconds(), r.curve(), r.testConfusion());
    }

    /** {@code r} with explicit regularizers on. */
    static ExperimentResult regularized(ExperimentResult r, Regularization reg) {
        return withSpec(r, r.spec().withRegularization(reg));
    }

    /** A reproduced case of {@code claimId} at the ci profile holding {@code runs}. */
    static CaseOutcome outcome(String claimId, String caseName, ExperimentResult... runs) {
        return new CaseOutcome(claimId, "claim " + claimId, caseName, "ci", "cifar10", "x1.0 width, 1000/1000 images, <= 80 epochs",
                new CaseVerdict(Verdict.REPRODUCED, "sample case", Map.of()), List.of(runs));
    }

    static CaseOutcome memorization(Architecture a, DataCondition c, Verdict v, double train, double test) {
        ExperimentResult r = run(a, c, 1, train, test, 6, true);
        return new CaseOutcome("C1", "deep nets memorize random labels and noise",
                a.paperName() + " / " + c + " / cifar10 / x1.0 width, 1000/1000 images, <= 80 epochs", "ci", "cifar10",
                "x1.0 width, 1000/1000 images, <= 80 epochs", new CaseVerdict(v, v + " for the test", Map.of("trainAccuracyMean", train)),
                List.of(r));
    }

    static CaseOutcome sweep(Architecture a, double[] testAccuracies, Verdict v) {
        List<ExperimentResult> runs = new ArrayList<>();
        for (int i = 0; i < testAccuracies.length; i++) {
            double p = i / (double) (testAccuracies.length - 1);
            runs.add(run(a, DataCondition.corruptedLabels(p), 1, 0.995, testAccuracies[i], 5 + i, true));
        }
        return new CaseOutcome("C2", "the generalization gap grows smoothly with label noise", a.paperName() + " / sweep", "ci",
                "cifar10", "x1.0 width, 1000/1000 images, <= 80 epochs",
                new CaseVerdict(v, "sweep", Map.of("slope", 0.2, "rSquared", 0.95)), runs);
    }

    static CaseOutcome theory(String claimId, String caseName, Verdict v, Map<String, Double> measured) {
        return new CaseOutcome(claimId, "claim " + claimId, caseName, "ci", "gaussian", "n=100, d=10",
                new CaseVerdict(v, "theory case", measured), List.of());
    }

    static CaseRecord record(CaseOutcome o) {
        return record(o, RECORD_TIME);
    }

    static CaseRecord record(CaseOutcome o, long modifiedMillis) {
        return new CaseRecord(o, Path.of("reports", "claims", o.claimId(), o.slug() + ".json"), modifiedMillis, null);
    }

    static AllureResult allure(String claimId, String story, String name, String status, String message) {
        return new AllureResult(Path.of(name + "-result.json"), name, name, "method(String) " + name, status, message, claimId,
                "claim " + claimId, story, "io.example." + claimId + "IT", RECORD_TIME - 1000, RECORD_TIME);
    }

    static HardwareFingerprint fingerprint() {
        return new HardwareFingerprint(NOW.toString(), "Test CPU", List.of("fpu", "sse2", "avx2", "fma"), 2, 2, 8L << 30, null, null,
                1L << 30, 8L << 30, "org.nd4j.linalg.cpu.nativecpu.CpuBackend", "OPENBLAS", 2, 2, "linux-x86_64", "Java 17", "Linux",
                List.of());
    }

    static FailsafeSummary failsafeOk() {
        return new FailsafeSummary(10, 0, 0, 0, false, null, NOW.toEpochMilli());
    }

    static SummaryBuilder.Inputs inputs(List<CaseRecord> records, List<AllureResult> allure, Map<String, String> expected,
                                        Optional<FailsafeSummary> failsafe, Optional<RunMarker> marker) {
        return new SummaryBuilder.Inputs(records, List.of(), allure, marker, failsafe, expected, fingerprint(),
                PaperFigures.read(Path.of("fixtures", "paper-reference.json")), NOW);
    }

    static Summary summarize(CaseOutcome... outcomes) {
        return SummaryBuilder.build(inputs(java.util.Arrays.stream(outcomes).map(ReportSamples::record).toList(), List.of(), Map.of(),
                Optional.of(failsafeOk()), Optional.empty()));
    }
}
