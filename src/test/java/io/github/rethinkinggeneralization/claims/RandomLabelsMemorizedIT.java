package io.github.rethinkinggeneralization.claims;

import static io.github.rethinkinggeneralization.claims.support.ClaimAssertions.assertThat;

import io.github.rethinkinggeneralization.claims.support.AllureCase;
import io.github.rethinkinggeneralization.claims.support.ClaimRuns;
import io.github.rethinkinggeneralization.claims.support.NegativeControl;
import io.github.rethinkinggeneralization.claims.support.PaperNetworks;
import io.github.rethinkinggeneralization.data.DataCondition;
import io.github.rethinkinggeneralization.model.Architecture;
import io.github.rethinkinggeneralization.report.CaseOutcome;
import io.github.rethinkinggeneralization.train.Budget;
import io.github.rethinkinggeneralization.train.ExperimentResult;
import io.github.rethinkinggeneralization.train.ExperimentSpec;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * C1 (Section 2, Table 1, Fig. 1a): "Deep neural networks easily fit random labels." The same
 * networks, hyper-parameters and optimizer that learn the true labels reach (near) zero training
 * error on random labels, shuffled pixels, random pixels and Gaussian inputs, while test accuracy
 * on random labels and Gaussian inputs stays at chance (shuffled and random pixels: memorization
 * only, their test accuracy is recorded; see {@link MemorizationCheck}).
 *
 * <p>Negative controls: a 2-unit bottleneck MLP cannot memorize random labels; a one-epoch budget
 * cannot reach the target; a net trained on true labels is not at chance on test.
 */
@DisplayName("C1: deep nets memorize random labels and noise")
class RandomLabelsMemorizedIT {
    static final String CLAIM_ID = "C1";
    static final String CLAIM = "deep nets memorize random labels and noise";

    private final Profile profile = ClaimRuns.profile();
    private final MemorizationCheck check = MemorizationCheck.from(profile, Thresholds.load());
    private final NegativeControl controls = new NegativeControl(CLAIM_ID, CLAIM, profile.name());

    /** Every (model, condition) pair of the paper; the profile says which run at its scale. */
    static Stream<Arguments> cases() {
        PaperNetworks nets = PaperNetworks.atProfile();
        return nets.stream()
                .flatMap(a -> Stream.of("true-labels", "random-labels", "shuffled-pixels", "random-pixels", "gaussian")
                        .map(c -> Arguments.of(a, DataCondition.parse(c), nets.caseName(a, a.paperName() + " / " + c))));
    }

    @ParameterizedTest(name = "{2}")
    @MethodSource("cases")
    void networkMemorizesItsTrainingSet(Architecture architecture, DataCondition condition, String name) {
        ModelScale scale = profile.scale(architecture).filter(s -> s.conditions().contains(condition.toString()))
                .orElse(null);
        Assumptions.assumeTrue(scale != null, () -> name + " is not run at profile '" + profile.name()
                + "' (see fixtures/profiles.json); run -Dclaims.profile=standard for every case");
        List<ExperimentResult> runs = profile.seeds().stream()
                .map(seed -> ClaimRuns.train(ClaimRuns.spec(architecture, scale, condition, seed)))
                .toList();
        CaseVerdict verdict = check.check(condition, runs);
        AllureCase.report(new CaseOutcome(CLAIM_ID, CLAIM, name, profile.name(), runs.get(0).dataset(),
                scale.describe(), verdict, runs));
        assertThat(verdict).isReproduced();
    }

    @Test
    @DisplayName("negative control: a 2-unit bottleneck MLP cannot memorize random labels")
    void bottleneckNetCannotMemorizeRandomLabels() {
        ExperimentSpec spec = controlSpec();
        ExperimentResult r = ClaimRuns.train(spec);
        reportControl("bottleneck MLP on random labels", r, !check.memorized(r));
        assertThat(r).didNotMemorize(check).trainAccuracyBelow(Thresholds.load().value("control.maxBottleneckTrainAccuracy"));
    }

    @Test
    @DisplayName("negative control: one epoch cannot reach the training target on random labels")
    void oneEpochCannotMemorize() {
        ExperimentSpec spec = fullNetSpec(DataCondition.randomLabels());
        ExperimentResult r = ClaimRuns.train(spec.withBudget(spec.budget().withMaxEpochs(1)));
        reportControl("one epoch on random labels", r, !check.memorized(r));
        assertThat(r).didNotMemorize(check);
    }

    @Test
    @DisplayName("negative control: a net trained on true labels is not at chance on test")
    void trueLabelsAreNotAtChance() {
        ExperimentResult r = ClaimRuns.train(fullNetSpec(DataCondition.trueLabels()));
        reportControl("true labels vs the at-chance predicate", r, !check.atChance(r));
        assertThat(r).notAtChanceOnTest(check);
    }

    private ExperimentSpec fullNetSpec(DataCondition condition) {
        Architecture a = Architecture.fromId(profile.controlModel());
        return ClaimRuns.spec(a, profile.scale(a).orElseThrow(), condition, profile.seeds().get(0));
    }

    private ExperimentSpec controlSpec() {
        ExperimentSpec full = fullNetSpec(DataCondition.randomLabels());
        return full.withWidth(profile.controlBottleneckWidth())
                .withBudget(new Budget(full.budget().targetTrainAccuracy(), profile.controlMaxEpochs(), full.budget().maxSeconds()));
    }

    /** C1's controls all state the run's figures; the run-level assertions that follow say what failed. */
    private void reportControl(String name, ExperimentResult r, boolean predicateFalse) {
        controls.report(name, r, predicateFalse, NegativeControl.claimPredicate(predicateFalse,
                        String.format(Locale.ROOT, "train %.2f%%, test %.2f%%", 100 * r.trainAccuracy(), 100 * r.testAccuracy())),
                Map.of("trainAccuracy", r.trainAccuracy(), "testAccuracy", r.testAccuracy()));
    }
}
