package io.github.rethinkinggeneralization.report;

import static io.github.rethinkinggeneralization.report.ReportSamples.allure;
import static io.github.rethinkinggeneralization.report.ReportSamples.failsafeOk;
import static io.github.rethinkinggeneralization.report.ReportSamples.inputs;
import static io.github.rethinkinggeneralization.report.ReportSamples.memorization;
import static io.github.rethinkinggeneralization.report.ReportSamples.record;
import static io.github.rethinkinggeneralization.report.ReportSamples.theory;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.rethinkinggeneralization.claims.Verdict;
import io.github.rethinkinggeneralization.data.DataCondition;
import io.github.rethinkinggeneralization.model.Architecture;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SummaryBuilderTest {

    private static Summary.Claim claim(Summary s, String id) {
        return s.claims().stream().filter(c -> c.id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void claimVerdictIsReproducedOnlyWhenEveryCaseIs() {
        Summary s = ReportSamples.summarize(
                theory("C6", "a", Verdict.REPRODUCED, Map.of()),
                theory("C6", "b", Verdict.REPRODUCED, Map.of()),
                theory("C7", "a", Verdict.REPRODUCED, Map.of()),
                theory("C7", "b", Verdict.INCONCLUSIVE, Map.of()),
                theory("C8", "a", Verdict.INCONCLUSIVE, Map.of()),
                theory("C8", "b", Verdict.REFUTED, Map.of()),
                theory("C8", "c", Verdict.REPRODUCED, Map.of()));

        assertThat(claim(s, "C6").verdict()).isEqualTo("REPRODUCED");
        assertThat(claim(s, "C7").verdict()).isEqualTo("INCONCLUSIVE");
        assertThat(claim(s, "C8").verdict()).isEqualTo("REFUTED");
        assertThat(claim(s, "C8")).extracting(Summary.Claim::reproduced, Summary.Claim::refuted, Summary.Claim::inconclusive)
                .containsExactly(1, 1, 1);
    }

    @Test
    void recordedObservationsAreListedButStayOutsideTheClaimsVerdict() {
        Summary s = ReportSamples.summarize(
                theory("C3", "slowdown / AlexNet", Verdict.REPRODUCED, Map.of()),
                theory("C3", "recorded: Fig. 1a order / AlexNet", Verdict.INCONCLUSIVE, Map.of()),
                theory("C6", "recorded: something", Verdict.REFUTED, Map.of()),
                theory("C6", "fit", Verdict.INCONCLUSIVE, Map.of()));

        assertThat(claim(s, "C3").verdict()).isEqualTo("REPRODUCED");
        assertThat(claim(s, "C3").cases()).extracting(Summary.Case::name).contains("recorded: Fig. 1a order / AlexNet");
        assertThat(claim(s, "C3").cases()).extracting(Summary.Case::verdict).contains("INCONCLUSIVE");
        assertThat(claim(s, "C3").note()).contains("1 recorded observation(s)");
        assertThat(claim(s, "C6").verdict()).as("an observation cannot refute, nor hide an inconclusive case").isEqualTo("INCONCLUSIVE");
    }

    @Test
    void reproducedRecordWhoseTestFailedCountsAsInconclusive() {
        CaseRecord r = record(theory("C6", "fit", Verdict.REPRODUCED, Map.of()));
        Summary s = SummaryBuilder.build(inputs(List.of(r), List.of(allure("C6", "fit", "t1", "failed", "negative control memorized")),
                Map.of(), Optional.of(failsafeOk()), Optional.empty()));

        assertThat(claim(s, "C6").verdict()).isEqualTo("INCONCLUSIVE");
        assertThat(claim(s, "C6").cases().get(0).explanation()).contains("negative control memorized");
    }

    @Test
    void testThatFailedBeforeRecordingAVerdictMakesItsClaimInconclusive() {
        CaseRecord r = record(theory("C6", "fit", Verdict.REPRODUCED, Map.of()));
        Summary s = SummaryBuilder.build(inputs(List.of(r),
                List.of(allure("C6", null, "t1", "broken", "cifar-10-batches-bin/data_batch_1.bin is missing")),
                Map.of(), Optional.of(failsafeOk()), Optional.empty()));

        assertThat(claim(s, "C6").verdict()).isEqualTo("INCONCLUSIVE");
        assertThat(claim(s, "C6").failedWithoutVerdict()).singleElement().asString().contains("is missing");
    }

    @Test
    void casesSkippedAtTheProfileAreListedAsNotRun() {
        CaseRecord r = record(memorization(Architecture.MLP_1X512, DataCondition.randomLabels(), Verdict.REPRODUCED, 0.997, 0.09));
        Summary s = SummaryBuilder.build(inputs(List.of(r), List.of(
                        allure("C1", null, "alexnet", "skipped", "Assumption failed: not run at profile 'ci'"),
                        allure("C3", null, "slowdown", "skipped", "Assumption failed: not checked at profile 'ci'")),
                Map.of(), Optional.of(failsafeOk()), Optional.empty()));

        assertThat(claim(s, "C1").verdict()).isEqualTo("REPRODUCED");
        assertThat(claim(s, "C1").notRun()).containsExactly("alexnet");
        assertThat(claim(s, "C3").verdict()).isEqualTo(Summary.NOT_RUN);
        assertThat(s.status()).isEqualTo(Summary.COMPLETE);
        assertThat(SummaryMarkdown.render(s)).contains("1 not run at this profile").contains("NOT RUN at this profile");
    }

    @Test
    void expectedClaimWithoutAnyResultMarksTheSummaryPartial() {
        Summary s = SummaryBuilder.build(inputs(List.of(record(theory("C6", "fit", Verdict.REPRODUCED, Map.of()))), List.of(),
                Map.of("C6", "fits", "C7", "interpolates"), Optional.of(failsafeOk()), Optional.empty()));

        assertThat(s.status()).isEqualTo(Summary.PARTIAL);
        assertThat(claim(s, "C7").verdict()).isEqualTo(Summary.MISSING);
        assertThat(s.partialReasons()).anySatisfy(r -> assertThat(r).startsWith("C7 left no result"));
        assertThat(SummaryMarkdown.render(s)).contains("PARTIAL RUN");
    }

    @Test
    void runWithoutFailsafeSummaryOrWithACrashedForkIsPartial() {
        List<CaseRecord> records = List.of(record(theory("C6", "fit", Verdict.REPRODUCED, Map.of())));
        Summary noFailsafe = SummaryBuilder.build(inputs(records, List.of(), Map.of(), Optional.empty(), Optional.empty()));
        Summary crashed = SummaryBuilder.build(inputs(records, List.of(), Map.of(),
                Optional.of(new FailsafeSummary(3, 1, 0, 0, false, "The forked VM terminated without properly saying goodbye", 0)),
                Optional.empty()));

        assertThat(noFailsafe.partialReasons()).singleElement().asString().contains("no failsafe-summary.xml");
        assertThat(crashed.partialReasons()).singleElement().asString().contains("forked VM terminated");
    }

    @Test
    void recordsOlderThanTheRunMarkerAreLeftOut() {
        RunMarker marker = RunMarker.started(Instant.ofEpochMilli(ReportSamples.RECORD_TIME - 10_000), "ci");
        CaseRecord fresh = record(theory("C6", "fresh", Verdict.REPRODUCED, Map.of()));
        CaseRecord stale = record(theory("C7", "stale", Verdict.REFUTED, Map.of()), ReportSamples.RECORD_TIME - 3_600_000);
        Summary s = SummaryBuilder.build(inputs(List.of(fresh, stale), List.of(), Map.of("C6", "", "C7", ""),
                Optional.of(failsafeOk()), Optional.of(marker)));

        assertThat(claim(s, "C6").verdict()).isEqualTo("REPRODUCED");
        assertThat(claim(s, "C7").verdict()).isEqualTo(Summary.MISSING);
        assertThat(s.partialReasons()).anySatisfy(r -> assertThat(r).contains("C7").contains("earlier run"));
        assertThat(s.timing().suiteSeconds()).isEqualTo((ReportSamples.NOW.toEpochMilli() - marker.startedAtMillis()) / 1000.0);
    }

    @Test
    void memorizationCaseShowsAccuraciesWithIntervalsBesideTable1() {
        Summary s = ReportSamples.summarize(memorization(Architecture.MLP_1X512, DataCondition.randomLabels(), Verdict.REPRODUCED, 0.997, 0.081));

        KeyFigure test = claim(s, "C1").figures().stream().filter(f -> f.metric().equals("testAccuracy")).findFirst().orElseThrow();
        assertThat(test.id()).isEqualTo("C1/mlp-1x512/n=1000/random-labels/testAccuracy");
        assertThat(test.low()).isLessThan(0.081);
        assertThat(test.high()).isGreaterThan(0.081);
        assertThat(test.paper()).isEqualTo(0.1061);
        assertThat(claim(s, "C1").headline()).contains("test 8.1 % [").contains("paper: train 99.3 %, test 10.6 %");
    }

    @Test
    void regularizedAndPlainRunsOfOneCaseGetFiguresEachAndOnlyThePlainOneTable1() {
        var plain = ReportSamples.run(Architecture.MLP_1X512, DataCondition.trueLabels(), 1, 0.99, 0.33, 7, true);
        var all = ReportSamples.run(Architecture.MLP_1X512, DataCondition.trueLabels(), 1, 0.99, 0.36, 9, true);
        all = ReportSamples.regularized(all,
                io.github.rethinkinggeneralization.model.Regularization.none().withWeightDecay(5e-4).withRandomCrop(true));
        CaseOutcome c4 = new CaseOutcome("C4", "explicit regularization is neither necessary nor sufficient", "not necessary: MLP 1x512",
                "ci", "cifar10", "x1.0 width", new io.github.rethinkinggeneralization.claims.CaseVerdict(Verdict.REPRODUCED, "ok", Map.of()),
                List.of(plain, all));

        List<KeyFigure> figures = claim(ReportSamples.summarize(c4), "C4").figures();

        assertThat(figures).extracting(KeyFigure::id).containsExactly(
                "C4/mlp-1x512/n=1000/true-labels/trainAccuracy", "C4/mlp-1x512/n=1000/true-labels/testAccuracy",
                "C4/mlp-1x512[wd=5.0E-4+crop]/n=1000/true-labels/trainAccuracy", "C4/mlp-1x512[wd=5.0E-4+crop]/n=1000/true-labels/testAccuracy");
        assertThat(figures.get(1).value()).isEqualTo(0.33);
        assertThat(figures.get(1).paper()).isEqualTo(0.5051);
        assertThat(figures.get(3).value()).isEqualTo(0.36);
        assertThat(figures.get(3).paper()).isNull();
    }

    @Test
    void runTimeOfAClaimSumsItsRunsWallSeconds() {
        Summary s = ReportSamples.summarize(
                memorization(Architecture.MLP_1X512, DataCondition.randomLabels(), Verdict.REPRODUCED, 0.997, 0.081),
                memorization(Architecture.MLP_1X512, DataCondition.trueLabels(), Verdict.REPRODUCED, 0.99, 0.3));

        assertThat(claim(s, "C1").trainingSeconds()).isCloseTo(2 * 0.6 * 6, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(s.throughput()).singleElement().satisfies(t -> assertThat(t.imagesPerSecond()).isCloseTo(1000 / 0.6,
                org.assertj.core.data.Offset.offset(1e-6)));
    }
}
