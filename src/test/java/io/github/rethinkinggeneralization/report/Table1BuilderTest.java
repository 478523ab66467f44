package io.github.rethinkinggeneralization.report;

import static io.github.rethinkinggeneralization.report.ReportSamples.outcome;
import static io.github.rethinkinggeneralization.report.ReportSamples.record;
import static io.github.rethinkinggeneralization.report.ReportSamples.regularized;
import static io.github.rethinkinggeneralization.report.ReportSamples.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.rethinkinggeneralization.data.DataCondition;
import io.github.rethinkinggeneralization.model.Architecture;
import io.github.rethinkinggeneralization.model.Regularization;
import io.github.rethinkinggeneralization.train.ExperimentResult;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;

class Table1BuilderTest {
    private static final PaperTables PAPER = PaperTables.read(Path.of("fixtures", "paper-reference.json"));
    private static final Regularization WEIGHT_DECAY = Regularization.none().withWeightDecay(5e-4);

    private static Table1Report build(CaseOutcome... outcomes) {
        return Table1Builder.build(PAPER, java.util.Arrays.stream(outcomes).map(ReportSamples::record).toList(), "ci", false);
    }

    private static List<Table1Line> rows(Table1Report t, String model, boolean crop, boolean wd, String condition) {
        return t.table1().stream().filter(l -> l.model().equals(model) && l.randomCrop() == crop && l.weightDecay() == wd
                && l.condition().equals(condition)).toList();
    }

    private static Table1Line row(Table1Report t, String model, boolean crop, boolean wd, String condition) {
        List<Table1Line> rows = rows(t, model, crop, wd, condition);
        assertThat(rows).hasSize(1);
        return rows.get(0);
    }

    @Test
    void unregularizedRunStandsBesideItsRowWithTheScale() {
        Table1Report t = build(outcome("C1", "mlp 1x512 true", run(Architecture.MLP_1X512, DataCondition.trueLabels(), 1, 0.99, 0.35, 6, true)));

        Table1Line l = row(t, "mlp-1x512", false, false, "true-labels");

        assertThat(l.status()).isEqualTo(Table1Line.Status.MEASURED);
        assertThat(l.paperTest()).isEqualTo(0.5051);
        assertThat(l.measured().trainAccuracy()).isEqualTo(0.99);
        assertThat(l.measured().testAccuracy()).isEqualTo(0.35);
        assertThat(l.measured().scale()).isEqualTo("cifar10 · 1000/1000 images · x1.0 width · ≤ 80 epochs · profile ci");
        assertThat(Table1Markdown.render(t)).contains("| MLP 1x512 | no | no | true-labels | 100.00 % | 50.51 % | 99.0 % | 35.0 % | 1 |"
                + " cifar10 · 1000/1000 images · x1.0 width · ≤ 80 epochs · profile ci | C1 |");
    }

    @Test
    void weightDecayRunFillsTheWeightDecayRowNotTheUnregularizedOne() {
        ExperimentResult wd = regularized(run(Architecture.MLP_3X512, DataCondition.trueLabels(), 1, 0.99, 0.31, 6, true), WEIGHT_DECAY);

        Table1Report t = build(outcome("C4", "not necessary", wd));

        Table1Line withWd = row(t, "mlp-3x512", false, true, "true-labels");
        assertThat(withWd.status()).isEqualTo(Table1Line.Status.MEASURED);
        assertThat(withWd.paperTest()).isEqualTo(0.5335);
        assertThat(withWd.measured().testAccuracy()).isEqualTo(0.31);
        assertThat(withWd.note()).isEqualTo("measured with wd=5.0E-4");
        assertThat(row(t, "mlp-3x512", false, false, "true-labels").status()).isEqualTo(Table1Line.Status.NOT_RUN_AT_PROFILE);
        assertThat(t.measuredOnly()).isEmpty();
    }

    @Test
    void randomCropRunFillsTheCropRowWithoutWeightDecay() {
        ExperimentResult crop = regularized(run(Architecture.SMALL_ALEXNET, DataCondition.trueLabels(), 1, 0.98, 0.4, 6, true),
                Regularization.none().withRandomCrop(true));

        Table1Report t = build(outcome("C4", "crop", crop));

        assertThat(row(t, "small-alexnet", true, false, "true-labels").measured()).isNotNull();
        assertThat(row(t, "small-alexnet", true, true, "true-labels").measured()).isNull();
        assertThat(row(t, "small-alexnet", false, false, "true-labels").measured()).isNull();
    }

    @Test
    void dropoutRunIsListedApartAsNotInTable1() {
        ExperimentResult dropout = regularized(run(Architecture.MLP_3X512, DataCondition.randomLabels(), 1, 0.99, 0.08, 6, true),
                Regularization.none().withDropout(0.5));

        Table1Report t = build(outcome("C4", "dropout", dropout));

        assertThat(t.table1()).allMatch(l -> l.measured() == null);
        assertThat(t.measuredOnly()).singleElement().satisfies(l -> {
            assertThat(l.status()).isEqualTo(Table1Line.Status.NOT_IN_TABLE_1);
            assertThat(l.dropout()).isTrue();
            assertThat(l.note()).contains("dropout is not a column of Table 1");
        });
        assertThat(Table1Markdown.render(t)).contains("## Measured runs not in Table 1").contains("| MLP 3x512 | dropout=0.5 | random-labels |");
    }

    @Test
    void regularizedRandomLabelRunIsListedApart() {
        ExperimentResult wd = regularized(run(Architecture.MLP_3X512, DataCondition.randomLabels(), 1, 0.99, 0.08, 6, true), WEIGHT_DECAY);

        Table1Report t = build(outcome("C4", "weight decay", wd));

        assertThat(row(t, "mlp-3x512", false, false, "random-labels").measured()).isNull();
        assertThat(t.measuredOnly()).singleElement().satisfies(l ->
                assertThat(l.note()).isEqualTo("Table 1 gives random-label rows only without random crop and weight decay"));
    }

    @Test
    void runSharedByCasesAndSweepEndPointsCountOnce() {
        ExperimentResult random = run(Architecture.MLP_3X512, DataCondition.randomLabels(), 1, 0.994, 0.077, 6, true);
        ExperimentResult sweepEnd = ReportSamples.withSpec(random, random.spec().withCondition(DataCondition.corruptedLabels(1)));

        Table1Report t = build(outcome("C1", "random labels", random), outcome("C3", "order", random), outcome("C2", "sweep", sweepEnd));

        MeasuredAccuracy m = row(t, "mlp-3x512", false, false, "random-labels").measured();
        assertThat(m.seeds()).containsExactly(1L);
        assertThat(m.cases()).containsExactly("C1/random labels", "C3/order", "C2/sweep");
        assertThat(m.claims()).isEqualTo("C1, C3, C2");
    }

    @Test
    void seedsOfOneVariantAreAveraged() {
        Table1Report t = build(outcome("C1", "seeds", run(Architecture.MLP_1X512, DataCondition.randomLabels(), 1, 1.0, 0.10, 6, true),
                run(Architecture.MLP_1X512, DataCondition.randomLabels(), 2, 0.98, 0.12, 6, true)));

        MeasuredAccuracy m = row(t, "mlp-1x512", false, false, "random-labels").measured();

        assertThat(m.seeds()).containsExactly(1L, 2L);
        assertThat(m.trainAccuracy()).isCloseTo(0.99, within(1e-12));
        assertThat(m.testAccuracy()).isCloseTo(0.11, within(1e-12));
    }

    @Test
    void eachScaleOfARowGetsItsOwnLine() {
        ExperimentResult full = run(Architecture.MLP_1X512, DataCondition.trueLabels(), 1, 0.99, 0.35, 6, true);
        ExperimentResult narrow = ReportSamples.withSpec(full, full.spec().withWidth(0.125).withSizes(4000, 1000));

        Table1Report t = build(outcome("C1", "full", full), outcome("C3", "narrow", narrow));

        assertThat(rows(t, "mlp-1x512", false, false, "true-labels")).extracting(l -> l.measured().scale()).containsExactly(
                "cifar10 · 1000/1000 images · x1.0 width · ≤ 80 epochs · profile ci",
                "cifar10 · 4000/1000 images · x0.125 width · ≤ 80 epochs · profile ci");
    }

    @Test
    void rowsWithoutRunsSayNotRunAtTheProfile() {
        Table1Report t = Table1Builder.build(PAPER, List.of(), "standard", false);

        assertThat(t.table1()).hasSize(19).allSatisfy(l -> {
            assertThat(l.status()).isEqualTo(Table1Line.Status.NOT_RUN_AT_PROFILE);
            assertThat(l.profile()).isEqualTo("standard");
        });
        assertThat(t.notes()).anyMatch(n -> n.startsWith("No true- or random-label training runs"));
        assertThat(Table1Markdown.render(t)).contains("| Inception (small) | yes | yes | true-labels | 100.00 % | 89.05 % |"
                + " not run at profile `standard` | — | — | — | — |");
    }

    @Test
    void table2RowsAreNotRunWithTheReasonAndNoInventedNumbers() {
        Table1Report t = build();

        assertThat(t.table2()).hasSize(5).allMatch(l -> l.status() == Table1Line.Status.NOT_RUN && l.measured() == null);
        assertThat(t.table2NotRun()).contains("ImageNet").contains("GPU-days");
        Table1Line none = t.table2().stream().filter(l -> Boolean.FALSE.equals(l.dataAugmentation())
                && "true-labels".equals(l.condition())).findFirst().orElseThrow();
        assertThat(none.paperTest()).isEqualTo(0.5980);
        assertThat(none.paperTestTop5()).isEqualTo(0.8038);
        assertThat(none.paperTrain()).isNull();
        assertThat(Table1Markdown.render(t)).contains("## Table 2 (ImageNet, Inception V3): not run")
                .contains("| Inception V3 | no | no | no | true-labels | — | 59.80 % | 80.38 % | not run |")
                .contains("| Inception V3 | not stated | not stated | not stated | random-labels |");
    }

    @Test
    void controlsAndOtherRandomizationsAreLeftOutWithANote() {
        ExperimentResult trueLabels = run(Architecture.MLP_3X512, DataCondition.trueLabels(), 1, 0.998, 0.317, 6, true);
        CaseOutcome control = outcome("C1", CaseRecord.CONTROL_PREFIX + " bottleneck",
                run(Architecture.MLP_3X512, DataCondition.randomLabels(), 1, 0.11, 0.1, 6, false));
        CaseOutcome pixels = outcome("C1", "gaussian", run(Architecture.MLP_3X512, DataCondition.gaussian(), 1, 0.99, 0.1, 6, true));

        Table1Report t = build(outcome("C1", "true", trueLabels), control, pixels);

        assertThat(t.table1()).filteredOn(l -> l.measured() != null).singleElement()
                .satisfies(l -> assertThat(l.condition()).isEqualTo("true-labels"));
        assertThat(t.measuredOnly()).isEmpty();
        assertThat(t.notes()).anyMatch(n -> n.startsWith("1 negative-control case record(s) left out"))
                .anyMatch(n -> n.startsWith("1 run(s) on other randomizations"));
    }

    @Test
    void ciRecordsFillTheMlpRowsAndListRegularizedRandomLabelRunsApart() throws URISyntaxException {
        Path claims = Path.of(Objects.requireNonNull(getClass().getResource("/report/ci-claims")).toURI());
        CaseRecord.Loaded loaded = CaseRecord.readAll(claims);
        assertThat(loaded.unreadable()).isEmpty();

        Table1Report t = Table1Builder.build(PAPER, loaded.records(), "ci", false);

        MeasuredAccuracy plain = row(t, "mlp-3x512", false, false, "true-labels").measured();
        assertThat(plain.trainAccuracy()).isEqualTo(0.998);
        assertThat(plain.testAccuracy()).isEqualTo(0.317);
        assertThat(plain.seeds()).hasSize(1);
        assertThat(plain.claims()).isEqualTo("C1, C2, C4");
        assertThat(row(t, "mlp-3x512", false, true, "true-labels").measured().testAccuracy()).isEqualTo(0.31);
        assertThat(row(t, "mlp-3x512", false, false, "random-labels").measured().claims()).isEqualTo("C1, C2, C3");
        assertThat(t.measuredOnly()).extracting(l -> l.measured().regularization().label())
                .containsExactlyInAnyOrder("dropout=0.5", "crop", "wd=5.0E-4");
        assertThat(t.table1()).filteredOn(l -> l.measured() != null).hasSize(3);
        assertThat(t.notes()).anyMatch(n -> n.startsWith("2 negative-control case record(s)"))
                .anyMatch(n -> n.startsWith("6 run(s) on other randomizations"));
    }

    @Test
    void partialRunIsMarked() {
        assertThat(Table1Markdown.render(Table1Builder.build(PAPER, List.of(record(outcome("C1", "none"))), "ci", true)))
                .contains("PARTIAL RUN");
    }
}
