package io.github.rethinkinggeneralization.claims;

import static io.github.rethinkinggeneralization.claims.support.ClaimAssertions.assertThat;

import io.github.rethinkinggeneralization.claims.support.AllureCase;
import io.github.rethinkinggeneralization.claims.support.ClaimRuns;
import io.github.rethinkinggeneralization.claims.support.NegativeControl;
import io.github.rethinkinggeneralization.data.DataCondition;
import io.github.rethinkinggeneralization.model.Architecture;
import io.github.rethinkinggeneralization.report.CaseOutcome;
import io.github.rethinkinggeneralization.train.ExperimentResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * C2 (Section 2.1, Fig. 1c): with each training label corrupted with probability p, the networks
 * still fit the corrupted training set, while the test error rises steadily with p up to chance.
 *
 * <p>Negative control: the same "rises steadily" predicate applied to the measured training errors
 * (which stay near zero at every p) must come out false.
 */
@DisplayName("C2: the generalization gap grows smoothly with label noise")
class LabelNoiseGapIT {
    static final String CLAIM_ID = "C2";
    static final String CLAIM = "the generalization gap grows smoothly with label noise";

    private final Profile profile = ClaimRuns.profile();
    private final Thresholds thresholds = Thresholds.load();
    private final MemorizationCheck memorization = MemorizationCheck.from(profile, thresholds);
    private final CorruptionTrend trend = CorruptionTrend.from(thresholds);
    private final NegativeControl controls = new NegativeControl(CLAIM_ID, CLAIM, profile.name());

    static Stream<Arguments> sweeps() {
        Profile p = ClaimRuns.profile();
        String data = ClaimRuns.dataset().id();
        return p.corruptionModels().stream().map(Architecture::fromId)
                .map(a -> Arguments.of(a, a.paperName() + " / p in " + p.corruptionLevels() + " / " + data + " / "
                        + p.scale(a).orElseThrow().describe()));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("sweeps")
    void testErrorRisesWithLabelNoiseWhileTrainingErrorStaysNearZero(Architecture architecture, String name) {
        ModelScale scale = profile.scale(architecture).orElseThrow();
        List<Double> levels = profile.corruptionLevels();
        List<ExperimentResult> runs = new ArrayList<>();
        List<Double> testErrors = new ArrayList<>();
        List<Double> trainErrors = new ArrayList<>();
        for (double p : levels) {
            List<ExperimentResult> atP = profile.seeds().stream()
                    .map(seed -> ClaimRuns.train(ClaimRuns.spec(architecture, scale, DataCondition.corruptedLabels(p), seed)))
                    .toList();
            runs.addAll(atP);
            testErrors.add(1 - Statistics.mean(atP.stream().map(ExperimentResult::testAccuracy).toList()));
            trainErrors.add(1 - Statistics.mean(atP.stream().map(ExperimentResult::trainAccuracy).toList()));
        }
        boolean allMemorized = runs.stream().allMatch(memorization::memorized);
        List<ExperimentResult> atP1 = runs.subList(runs.size() - profile.seeds().size(), runs.size());
        boolean chanceAtP1 = levels.get(levels.size() - 1) == 1.0 && atP1.stream().allMatch(memorization::atChance);
        CaseVerdict verdict = ClaimRuns.qualified(trend.check(levels, testErrors, allMemorized, chanceAtP1), runs.get(0).dataset());
        verdict.measured().put("maxTrainError", trainErrors.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN));
        AllureCase.report(new CaseOutcome(CLAIM_ID, CLAIM, name, profile.name(), runs.get(0).dataset(), scale.describe(),
                verdict, runs));

        // negative control: training error does not rise steadily with p (it stays near zero)
        boolean predicateFalse = !trend.risesSteadily(levels, trainErrors);
        CaseVerdict control = controls.report("training error vs p / " + name, runs.get(0).dataset(), scale.describe(), List.of(),
                predicateFalse, NegativeControl.predicateIs(String.format(Locale.ROOT, "the 'rises steadily' predicate on training errors %s",
                        trainErrors.stream().map(e -> String.format(Locale.ROOT, "%.3f", e)).toList()), predicateFalse,
                        "the predicate cannot discriminate"),
                Map.of("trainErrorRSquared", CorruptionTrend.fit(levels, trainErrors).rSquared()));
        assertThat(control).holdsAsNegativeControl();
        ClaimRuns.abortIfOnlyFallback(verdict, runs.get(0).dataset());
        assertThat(verdict).isReproduced();
    }
}
