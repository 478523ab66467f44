package io.github.rethinkinggeneralization.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.rethinkinggeneralization.claims.Verdict;
import io.github.rethinkinggeneralization.data.DataCondition;
import io.github.rethinkinggeneralization.model.Architecture;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SummaryReportTest {

    private static SummaryReport report(Path reports, Path failsafe) {
        // the profile is explicit: a -Dclaims.profile given to Maven also reaches the unit tests
        return new SummaryReport(Map.of("reports-dir", reports.toString(), "fixtures-dir", "fixtures", "profile", "ci",
                "failsafe-summary", failsafe.toString(), "test-classes", reports.resolve("no-classes").toString()));
    }

    private static void writeFailsafeSummary(Path file) throws IOException {
        Files.writeString(file, "<?xml version=\"1.0\" encoding=\"UTF-8\"?><failsafe-summary result=\"null\" timeout=\"false\">"
                + "<completed>1</completed><errors>0</errors><failures>0</failures><skipped>0</skipped></failsafe-summary>");
    }

    private static long tempFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".tmp")).count();
        }
    }

    @Test
    void runThatStartedButNeverReportedLeavesAPartialSummary(@TempDir Path reports) throws IOException {
        Files.createDirectories(reports.resolve("allure-results"));
        Files.writeString(reports.resolve("allure-results/old-result.json"), "{}");
        Files.writeString(reports.resolve(SummaryReport.SUMMARY_MD), "# complete summary of the previous run");
        Files.writeString(reports.resolve(SummaryReport.TABLE1_MD), "# table of the previous run");

        report(reports, reports.resolve("failsafe.xml")).start(Instant.now());

        assertThat(Files.readString(reports.resolve(SummaryReport.SUMMARY_MD))).contains("PARTIAL RUN").contains("has not finished");
        assertThat(BaselineComparison.readBaseline(reports.resolve(SummaryReport.SUMMARY_JSON)).status()).isEqualTo(Summary.PARTIAL);
        assertThat(RunMarker.read(reports)).hasValueSatisfying(m -> assertThat(m.state()).isEqualTo(RunMarker.RUNNING));
        assertThat(reports.resolve("allure-results/old-result.json")).doesNotExist();
        assertThat(reports.resolve(SummaryReport.TABLE1_MD)).doesNotExist();
    }

    @Test
    void summaryStepWritesEveryReportFileAtomicallyAndMarksTheRunFinished(@TempDir Path reports) throws IOException {
        Path failsafe = reports.resolve("failsafe-summary.xml");
        report(reports, failsafe).start(Instant.now().minusSeconds(5));
        Json.writeFile(ReportSamples.memorization(Architecture.MLP_3X512, DataCondition.randomLabels(), Verdict.REPRODUCED, 0.994, 0.077),
                reports.resolve("claims/C1/case.json"));
        Json.writeFile(ReportSamples.fingerprint(), reports.resolve(SummaryReport.FINGERPRINT_JSON));
        writeFailsafeSummary(failsafe);

        Summary s = report(reports, failsafe).summary(Instant.now());

        assertThat(s.status()).isEqualTo(Summary.COMPLETE);
        assertThat(s.fingerprint().cpuModel()).isEqualTo("Test CPU");
        assertThat(reports.resolve(SummaryReport.SUMMARY_MD)).content().contains("**Status: COMPLETE**").contains("C1")
                .contains("figures/fig1a-training-loss-mlp-3x512.png");
        assertThat(reports.resolve("figures/fig1a-training-loss-mlp-3x512.png")).exists();
        assertThat(reports.resolve(SummaryReport.SUMMARY_MD)).content().contains("[TABLE1.md](TABLE1.md)");
        assertThat(reports.resolve(SummaryReport.TABLE1_MD)).content()
                .contains("| MLP 3x512 | no | no | random-labels | 100.00 % | 10.48 % | 99.4 % | 7.7 % | 1 |");
        assertThat(reports.resolve(SummaryReport.TABLE1_CSV)).content().startsWith("table,model,");
        assertThat(reports.resolve("allure-results/environment.properties")).content().contains("cpu.model=Test CPU");
        assertThat(reports.resolve("allure-results/executor.json")).exists();
        assertThat(reports.resolve("allure-results/categories.json")).exists();
        assertThat(RunMarker.read(reports)).hasValueSatisfying(m -> assertThat(m.isFinished()).isTrue());
        assertThat(tempFiles(reports)).isZero();
    }

    @Test
    void runWithoutClaimRecordsStillWritesTable1WithEveryRowNotRun(@TempDir Path reports) throws IOException {
        Path failsafe = reports.resolve("failsafe-summary.xml");
        report(reports, failsafe).start(Instant.now().minusSeconds(5));
        writeFailsafeSummary(failsafe);

        Summary s = report(reports, failsafe).summary(Instant.now());

        assertThat(s.status()).isEqualTo(Summary.PARTIAL);
        assertThat(s.notes()).noneMatch(n -> n.contains(SummaryReport.TABLE1_MD));
        assertThat(reports.resolve(SummaryReport.SUMMARY_MD)).content().contains("[TABLE1.md](TABLE1.md)");
        String table = Files.readString(reports.resolve(SummaryReport.TABLE1_MD));
        assertThat(table).contains("PARTIAL RUN").contains("## Table 2 (ImageNet, Inception V3): not run");
        assertThat(table.split("not run at profile `ci`", -1)).hasSize(19 + 1);
        assertThat(Files.readAllLines(reports.resolve(SummaryReport.TABLE1_CSV))).hasSize(1 + 19 + 5);
        assertThat(tempFiles(reports)).isZero();
    }

    @Test
    void unreadableBaselineStillWritesTheSummaryAndFailsTheCheck(@TempDir Path reports) throws IOException {
        Path failsafe = reports.resolve("failsafe-summary.xml");
        writeFailsafeSummary(failsafe);
        Json.writeFile(ReportSamples.fingerprint(), reports.resolve(SummaryReport.FINGERPRINT_JSON));
        SummaryReport report = new SummaryReport(Map.of("reports-dir", reports.toString(), "fixtures-dir", "fixtures",
                "failsafe-summary", failsafe.toString(), "test-classes", reports.resolve("none").toString(),
                "baseline", reports.resolve("no-such-baseline.json").toString()));

        Summary s = report.summary(Instant.now());

        assertThat(s.baseline().agree()).isFalse();
        assertThat(reports.resolve(SummaryReport.SUMMARY_MD)).content().contains("no accuracy could be compared");
        assertThatThrownBy(report::checkBaseline).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("the baseline could not be used");
    }

    @Test
    void previousReportHistoryIsCarriedIntoTheResults(@TempDir Path reports) throws IOException {
        Files.createDirectories(reports.resolve("allure-report/history"));
        Files.writeString(reports.resolve("allure-report/history/history-trend.json"), "[{\"data\":{}},{\"data\":{}}]");

        int copied = new AllureExtras(reports.resolve("allure-results")).carryHistory(reports.resolve("allure-report"));

        assertThat(copied).isEqualTo(1);
        assertThat(reports.resolve("allure-results/history/history-trend.json")).exists();
    }

    @Test
    void failedAtomicWriteLeavesTheOldFileAndNoHalfFile(@TempDir Path reports) throws IOException {
        Path summary = reports.resolve(SummaryReport.SUMMARY_JSON);
        Files.createDirectories(summary);
        Files.writeString(summary.resolve("keep"), "a directory in the way makes the final move fail");

        assertThatThrownBy(() -> AtomicFiles.write(summary, "{\"status\":\"COMPLETE\"}")).isInstanceOf(UncheckedIOException.class);

        assertThat(summary.resolve("keep")).exists();
        assertThat(tempFiles(reports)).isZero();
    }
}
