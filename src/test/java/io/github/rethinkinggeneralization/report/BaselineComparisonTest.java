package io.github.rethinkinggeneralization.report;

import static io.github.rethinkinggeneralization.report.ReportSamples.memorization;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.rethinkinggeneralization.claims.Verdict;
import io.github.rethinkinggeneralization.data.DataCondition;
import io.github.rethinkinggeneralization.model.Architecture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BaselineComparisonTest {
    private static final Map<String, BaselineComparison.Tolerance> TOLERANCES =
            BaselineComparison.tolerances(Path.of("fixtures", "baseline-tolerance.json"));

    private static Summary run(double train, double test) {
        return ReportSamples.summarize(memorization(Architecture.MLP_3X512, DataCondition.trueLabels(), Verdict.REPRODUCED, train, test));
    }

    @Test
    void testAccuracyOutsideTheIntervalsIsFlaggedAsADisagreement() {
        BaselineComparison c = BaselineComparison.compare(run(0.998, 0.25), run(0.998, 0.32), "baseline.json", TOLERANCES);

        assertThat(c.agree()).isFalse();
        assertThat(c.disagreements()).singleElement().satisfies(f -> {
            assertThat(f.id()).isEqualTo("C1/mlp-3x512/n=1000/true-labels/testAccuracy");
            assertThat(f.difference()).isCloseTo(-0.07, within(1e-9));
            assertThat(f.rule()).isEqualTo("95 % intervals");
        });
        assertThat(SummaryMarkdown.render(run(0.998, 0.25).withBaseline(c))).contains("1 of 2 accuracies disagree").contains("**NO**");
    }

    @Test
    void testAccuracyWithinSamplingNoiseAgrees() {
        BaselineComparison c = BaselineComparison.compare(run(0.998, 0.31), run(0.998, 0.32), "baseline.json", TOLERANCES);

        assertThat(c.agree()).isTrue();
        assertThat(c.figures()).hasSize(2);
    }

    @Test
    void trainingAccuracyAgreesWithinTheFixtureTolerance() {
        BaselineComparison c = BaselineComparison.compare(run(0.991, 0.32), run(0.999, 0.32), "baseline.json", TOLERANCES);

        assertThat(c.agree()).isTrue();
        assertThat(c.figures()).filteredOn(f -> f.id().endsWith("trainAccuracy")).singleElement()
                .satisfies(f -> assertThat(f.rule()).startsWith("tolerance 1.0 %"));
    }

    @Test
    void throughputIsReportedAsARatioPerModel() {
        Summary base = run(0.998, 0.32);
        Summary now = run(0.998, 0.32);
        Summary.Throughput t = now.throughput().get(0);
        Summary faster = new Summary(now.schema(), now.status(), now.partialReasons(), now.generatedAt(), now.profile(), now.datasets(),
                now.timing(), now.fingerprintId(), now.fingerprint(), now.claims(), now.runs(),
                java.util.List.of(new Summary.Throughput(t.model(), t.modelName(), t.width(), t.runs(), t.images(), t.wallSeconds() / 2,
                        t.imagesPerSecond() * 2)), now.figures(), now.notes(), null);

        BaselineComparison c = BaselineComparison.compare(faster, base, "baseline.json", TOLERANCES);

        assertThat(c.throughput()).singleElement().satisfies(r -> assertThat(r.ratio()).isCloseTo(2.0, within(1e-9)));
    }

    @Test
    void checkBaselineFailsTheBuildOnADisagreement(@TempDir Path reports) {
        Summary disagreeing = run(0.998, 0.25).withBaseline(
                BaselineComparison.compare(run(0.998, 0.25), run(0.998, 0.32), "baseline.json", TOLERANCES));
        Json.writeFile(disagreeing, reports.resolve(SummaryReport.SUMMARY_JSON));

        assertThatThrownBy(() -> new SummaryReport(Map.of("reports-dir", reports.toString())).checkBaseline())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("test accuracy");
    }

    @Test
    void shippedCiBaselineReadsBackAndAgreesWithItself() {
        Path file = Path.of("fixtures", "baseline-ci.json");
        assertThat(file).exists();
        Summary baseline = BaselineComparison.readBaseline(file);

        BaselineComparison c = BaselineComparison.compare(baseline, baseline, file.toString(), TOLERANCES);

        assertThat(baseline.profile()).isEqualTo("ci");
        assertThat(baseline.status()).isEqualTo(Summary.COMPLETE);
        assertThat(c.agree()).isTrue();
        assertThat(c.figures()).isNotEmpty();
        assertThat(c.throughput()).allSatisfy(r -> assertThat(r.ratio()).isEqualTo(1.0));
    }

    @Test
    void missingBaselineFileIsAClearError(@TempDir Path dir) {
        assertThatThrownBy(() -> BaselineComparison.readBaseline(dir.resolve("nope.json")))
                .hasMessageContaining("does not exist").hasMessageContaining("baseline-ci.json");
        assertThat(Files.exists(dir.resolve("nope.json"))).isFalse();
    }
}
