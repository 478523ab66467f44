package io.github.rethinkinggeneralization.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.rethinkinggeneralization.claims.CaseVerdict;
import io.github.rethinkinggeneralization.claims.Verdict;
import io.github.rethinkinggeneralization.data.DataCondition;
import io.github.rethinkinggeneralization.model.Architecture;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Key figures of C5's cases (the other claims' are covered through {@link SummaryBuilderTest}). */
class KeyFiguresTest {
    private final KeyFigures keyFigures = new KeyFigures(PaperFigures.read(Path.of("fixtures", "paper-reference.json")));

    private static CaseRecord c5(String caseName, Map<String, Double> measured, Architecture... models) {
        return c5(caseName, measured, java.util.Arrays.stream(models)
                .map(a -> ReportSamples.run(a, DataCondition.trueLabels(), 1, 0.995, 0.3, 6, true)).toList());
    }

    private static CaseRecord c5(String caseName, Map<String, Double> measured,
                                 List<io.github.rethinkinggeneralization.train.ExperimentResult> runs) {
        return ReportSamples.record(new CaseOutcome("C5", "implicit regularization helps a little and is not the cause", caseName,
                "ci", "cifar10", "x1.0 width, 1000/1000 images, <= 80 epochs", new CaseVerdict(Verdict.REPRODUCED, "measured", measured),
                runs));
    }

    /** What a batch-norm case records: both arms' test accuracies and the gain. */
    private static Map<String, Double> batchNormMeasured(double with, double without, double gain) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("testAccuracyWithBatchNorm", with);
        m.put("testAccuracyWithoutBatchNorm", without);
        m.put("batchNormGain", gain);
        return m;
    }

    @Test
    void earlyStoppingCaseReportsBestFinalAndRelativeGain() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("bestTestAccuracy", 0.375);
        m.put("bestEpoch", 10.0);
        m.put("finalTestAccuracy", 0.348);
        m.put("relativeGain", 0.109);
        KeyFigures.CaseFigures f = keyFigures.extract(c5("early stopping: MLP 1x512", m, Architecture.MLP_1X512));
        assertThat(f.figures()).extracting(KeyFigure::metric).containsExactly("bestTestAccuracy", "testAccuracy", "relativeGain");
        assertThat(f.segment().text()).contains("best test 37.5 %").contains("epoch 10").contains("final 34.8 %").contains("0.109");
    }

    @Test
    void batchNormCaseReportsBothArmsAndTheGain() {
        KeyFigures.CaseFigures f = keyFigures.extract(c5("batch norm", batchNormMeasured(0.27, 0.25, 0.02), Architecture.SMALL_INCEPTION, Architecture.SMALL_INCEPTION_NO_BN));
        assertThat(f.figures()).extracting(KeyFigure::metric).containsExactly("testAccuracy", "testAccuracy", "batchNormGain");
        assertThat(f.segment().text()).contains("27.0 %").contains("25.0 %").contains("paper 85.75 %");
    }

    @Test
    void overSeedsEachArmsIntervalIsTheWiderOfWilsonsAndTheSeeds() {
        Map<String, Double> m = batchNormMeasured(0.3, 0.3, 0.0);
        List<io.github.rethinkinggeneralization.train.ExperimentResult> runs = new java.util.ArrayList<>();
        double[] with = {0.2, 0.3, 0.4};
        for (int seed = 1; seed <= 3; seed++) {
            runs.add(ReportSamples.run(Architecture.SMALL_INCEPTION, DataCondition.trueLabels(), seed, 0.995, with[seed - 1], 6, true));
            runs.add(ReportSamples.run(Architecture.SMALL_INCEPTION_NO_BN, DataCondition.trueLabels(), seed, 0.995, 0.3, 6, true));
        }
        KeyFigures.CaseFigures f = keyFigures.extract(c5("batch norm", m, runs));
        KeyFigure withBn = f.figures().get(0);
        assertThat(withBn.value()).isCloseTo(0.3, org.assertj.core.data.Offset.offset(1e-12));
        // the seeds' t-interval: 0.3 ± 4.303 · 0.1 / sqrt(3), far wider than Wilson's over 3 x 1000 images
        assertThat(withBn.low()).isCloseTo(0.3 - 4.303 * 0.1 / Math.sqrt(3), org.assertj.core.data.Offset.offset(1e-9));
        KeyFigure withoutBn = f.figures().get(1);
        assertThat(withoutBn.high() - withoutBn.low()).as("equal seeds: Wilson's interval").isLessThan(0.07);
    }
}
