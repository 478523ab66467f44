package io.github.rethinkinggeneralization.claims;

import static io.github.rethinkinggeneralization.claims.support.ClaimAssertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.github.rethinkinggeneralization.claims.support.AllureCase;
import io.github.rethinkinggeneralization.claims.support.ClaimRuns;
import io.github.rethinkinggeneralization.data.DataSplit;
import io.github.rethinkinggeneralization.data.DatasetKind;
import io.github.rethinkinggeneralization.data.ImageShape;
import io.github.rethinkinggeneralization.report.CaseOutcome;
import io.github.rethinkinggeneralization.report.Json;
import io.github.rethinkinggeneralization.report.ResultStore;
import io.github.rethinkinggeneralization.theory.DuplicatePointsException;
import io.github.rethinkinggeneralization.theory.ExpressivityResult;
import io.github.rethinkinggeneralization.theory.ExpressivitySpec;
import io.github.rethinkinggeneralization.theory.FiniteSampleExpressivity;
import io.github.rethinkinggeneralization.theory.ImageMatrices;
import io.github.rethinkinggeneralization.theory.Theorem1Construction;
import io.github.rethinkinggeneralization.theory.TheoryFixture;
import io.qameta.allure.Allure;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * C6 (Section 4, Theorem 1): "There exists a two-layer neural network with ReLU activations and
 * 2n+d weights that can represent any function on a sample of size n in d dimensions." The
 * constructive proof is built for each case ({@link Theorem1Construction}), expressed as a real
 * DL4J network (d inputs, n ReLU units sharing one direction a, one linear output) and evaluated
 * through DL4J on every point: it has exactly 2n+d free parameters and fits the labels to a
 * tolerance derived from double precision and the system's conditioning, which is small against the
 * labels' scale (the same bound in float is not, hence double precision throughout).
 *
 * <p>Negative controls: the same construction with n/2 units (best output weights by least
 * squares) misses by far more than the tolerance; coinciding images with different labels are
 * rejected, with the reason no function can fit them.
 */
@DisplayName("C6: a two-layer ReLU net with 2n+d weights fits any labels of n points in d dimensions")
class FiniteSampleExpressivityIT {
    static final String CLAIM_ID = "C6";
    static final String CLAIM = "a two-layer ReLU net with 2n+d weights fits any labels of n points in d dimensions";

    private final Profile profile = ClaimRuns.profile();
    private final TheoryFixture fixture = TheoryFixture.load(profile.name());
    private final double maxToleranceOverRange = fixture.threshold("expressivity.maxToleranceOverLabelRange").value();
    private final double minControlOverTolerance = fixture.threshold("expressivity.minControlErrorOverTolerance").value();

    /** The (n, d) grid of the profile: n &gt;&gt; d, n = d, d &gt;&gt; n, real and random class labels, Gaussian and image inputs. */
    static Stream<Arguments> cases() {
        Profile p = ClaimRuns.profile();
        return TheoryFixture.load(p.name()).expressivity(p.seeds().get(0)).stream()
                .map(spec -> Arguments.of(spec, spec.id() + " / " + regime(spec)));
    }

    private static String regime(ExpressivitySpec spec) {
        int d = spec.d() > 0 ? spec.d()
                : (DatasetKind.fromId(spec.inputs()) == DatasetKind.MNIST ? ImageShape.MNIST : ImageShape.CIFAR10).size();
        return spec.n() > d ? "n >> d" : spec.n() == d ? "n = d" : "d >> n";
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("cases")
    void constructionFitsTheLabelsExactlyWith2nPlusDWeights(ExpressivitySpec spec, String name) {
        ClaimRuns.assumeInputsPresent(spec.inputs());
        ExpressivityResult r = FiniteSampleExpressivity.run(spec, ClaimRuns.catalog());

        CaseVerdict verdict = exactFit(r);
        report(name, r, verdict);
        CaseVerdict control = fewerUnitsMiss(r);
        report("control: " + r.controlUnits() + " units / " + name, r, control);

        assertThat(control).isReproduced();
        assertThat(verdict).isReproduced();
    }

    /** The claim's predicate: exactly 2n+d free parameters, error within a tolerance that is small against the labels. */
    private CaseVerdict exactFit(ExpressivityResult r) {
        boolean count = r.freeParameters() == r.theoremParameters();
        boolean within = r.maxAbsError() <= r.tolerance();
        boolean meaningful = r.tolerance() <= maxToleranceOverRange * r.labelRange();
        String text = String.format(Locale.ROOT,
                "%d points (%d distinct) in R^%d: %d free parameters on the DL4J network (2n+d = %d; DL4J stores %d, n copies of a);"
                        + " max |c(x_i) - y_i| = %.3g vs tolerance %.3g (%.2g of the label range %.3g; in float the bound would be %.3g)",
                r.sampleSize(), r.distinctPoints(), r.dimension(), r.freeParameters(), r.theoremParameters(),
                r.dl4jStoredParameters(), r.maxAbsError(), r.tolerance(), r.tolerance() / r.labelRange(), r.labelRange(),
                r.toleranceIfFloat());
        Verdict v = count && within && meaningful ? Verdict.REPRODUCED : Verdict.REFUTED;
        String why = v == Verdict.REPRODUCED ? "" : " — " + (count ? "" : "parameter count is not 2n+d; ")
                + (within ? "" : "fit error exceeds the tolerance; ")
                + (meaningful ? "" : "tolerance is not small against the labels (threshold " + maxToleranceOverRange + " of the range)");
        return new CaseVerdict(v, text + why, measured(r));
    }

    /** Negative control: with n/2 units the error must be far above the exact fit's tolerance. */
    private CaseVerdict fewerUnitsMiss(ExpressivityResult r) {
        boolean misses = r.controlMaxAbsError() > minControlOverTolerance * r.tolerance();
        String text = String.format(Locale.ROOT,
                "%d units (instead of %d) with least-squares output weights: max error %.3g, rms %.3g, %s %.0fx the tolerance %.3g",
                r.controlUnits(), r.distinctPoints(), r.controlMaxAbsError(), r.controlRmsError(),
                misses ? "above" : "NOT above", minControlOverTolerance, r.tolerance());
        return new CaseVerdict(misses ? Verdict.REPRODUCED : Verdict.REFUTED,
                "negative control: the exact-fit predicate " + (misses ? "comes out false, as it must: " : "came out TRUE: ") + text,
                Map.of("controlMaxAbsError", r.controlMaxAbsError(), "controlRmsError", r.controlRmsError(),
                        "tolerance", r.tolerance()));
    }

    @Test
    @DisplayName("negative control: coinciding images with different labels cannot be fitted, and the construction says why")
    void coincidingImagesWithDifferentLabelsAreRejected() {
        DatasetKind kind = ClaimRuns.dataset();
        DataSplit split = ClaimRuns.catalog().load(kind, 100, 0, profile.seeds().get(0));
        double[][] x = ImageMatrices.rows(split.train());
        double[] y = Arrays.stream(split.train().labels()).asDoubleStream().toArray();
        x[99] = x[0].clone();
        y[99] = (y[0] + 1) % split.numClasses();

        Throwable thrown = catchThrowable(() -> Theorem1Construction.fit(x, y, 1));

        boolean rejected = thrown instanceof DuplicatePointsException;
        CaseVerdict v = new CaseVerdict(rejected ? Verdict.REPRODUCED : Verdict.REFUTED,
                "negative control: image 0 copied to position 99 with another label: "
                        + (rejected ? "rejected: " + thrown.getMessage() : "NOT rejected (" + thrown + ")"),
                Map.of("points", 100.0));
        AllureCase.report(new CaseOutcome(CLAIM_ID, CLAIM, "control: coinciding points with different labels / " + kind.id(),
                profile.name(), kind.id(), "n=100", v, List.of()));
        org.assertj.core.api.Assertions.assertThat(thrown)
                .isInstanceOf(DuplicatePointsException.class)
                .hasMessageContaining("points 0 and 99 coincide");
        assertThat(v).isReproduced();
    }


    private static Map<String, Double> measured(ExpressivityResult r) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("freeParameters", (double) r.freeParameters());
        m.put("theoremParameters", (double) r.theoremParameters());
        m.put("maxAbsError", r.maxAbsError());
        m.put("tolerance", r.tolerance());
        m.put("toleranceIfFloat", r.toleranceIfFloat());
        m.put("labelRange", r.labelRange());
        m.put("relativeSmallestGap", r.relativeSmallestGap());
        m.put("maxAbsOutputWeight", r.maxAbsOutputWeight());
        m.put("seconds", r.seconds());
        return m;
    }

    private void report(String name, ExpressivityResult r, CaseVerdict verdict) {
        CaseOutcome outcome = new CaseOutcome(CLAIM_ID, CLAIM, name, profile.name(), r.spec().inputs(),
                String.format(Locale.ROOT, "n=%d, d=%d", r.sampleSize(), r.dimension()), verdict, List.of());
        AllureCase.report(outcome);
        Allure.addAttachment("theory result", "application/json", Json.write(r), ".json");
        Json.writeFile(r, ResultStore.fromConfiguration().root().resolve("claims").resolve(CLAIM_ID)
                .resolve(outcome.slug() + ".result.json"));
    }
}
