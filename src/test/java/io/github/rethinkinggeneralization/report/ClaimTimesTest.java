package io.github.rethinkinggeneralization.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.rethinkinggeneralization.claims.Verdict;
import io.github.rethinkinggeneralization.data.DataCondition;
import io.github.rethinkinggeneralization.model.Architecture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClaimTimesTest {
    private static final String PACKAGE = "io.github.rethinkinggeneralization.claims.";

    /** The root element of a Failsafe class report, as a CI run of the suite wrote it. */
    private static Path writeClassReport(Path dir, String className, String time, int tests, int skipped) throws IOException {
        Path file = dir.resolve("TEST-" + className + ".xml");
        Files.writeString(file, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuite xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\""
                + " xsi:noNamespaceSchemaLocation=\"https://maven.apache.org/surefire/maven-failsafe-plugin/xsd/failsafe-test-report.xsd\""
                + " version=\"3.0.2\" name=\"" + className + "\" time=\"" + time + "\" tests=\"" + tests + "\" errors=\"0\" skipped=\""
                + skipped + "\" failures=\"0\">\n  <properties>\n    <property name=\"java.version\" value=\"17.0.15\"/>\n  </properties>\n"
                + "  <testcase name=\"case\" classname=\"" + className + "\" time=\"1.0\"/>\n</testsuite>\n");
        return file;
    }

    private static Summary summary() {
        RunMarker marker = RunMarker.started(ReportSamples.NOW.minusSeconds(832), "ci");
        List<CaseRecord> records = List.of(
                ReportSamples.record(ReportSamples.memorization(Architecture.MLP_3X512, DataCondition.randomLabels(), Verdict.REPRODUCED,
                        0.994, 0.077)),
                ReportSamples.record(ReportSamples.sweep(Architecture.MLP_3X512, new double[] {0.32, 0.2, 0.08}, Verdict.REPRODUCED)),
                ReportSamples.record(ReportSamples.theory("C6", "fit = exact: yes", Verdict.REPRODUCED, Map.of())));
        return SummaryBuilder.build(ReportSamples.inputs(records, List.of(),
                Map.of("C1", "memorize", "C2", "gap", "C3", "slowdown", "C6", "theorem"),
                Optional.of(ReportSamples.failsafeOk()), Optional.of(marker)));
    }

    @Test
    void failsafeClassReportsGiveTheClassAndItsWallTime(@TempDir Path dir) throws IOException {
        writeClassReport(dir, PACKAGE + "RandomLabelsMemorizedIT", "193.796", 23, 10);
        writeClassReport(dir, PACKAGE + "LongIT", "1,234.5", 1, 0);
        Files.writeString(dir.resolve("failsafe-summary.xml"), "<failsafe-summary/>");
        Files.writeString(dir.resolve("TEST-broken.xml"), "<testsuite name=");

        List<FailsafeTestClass> classes = FailsafeTestClass.readAll(dir);

        assertThat(classes).extracting(FailsafeTestClass::simpleName).containsExactly("LongIT", "RandomLabelsMemorizedIT");
        assertThat(classes.get(0).seconds()).isEqualTo(1234.5);
        assertThat(classes.get(1)).extracting(FailsafeTestClass::seconds, FailsafeTestClass::tests, FailsafeTestClass::skipped)
                .containsExactly(193.796, 23, 10);
        assertThat(FailsafeTestClass.readAll(dir.resolve("absent"))).isEmpty();
    }

    @Test
    void tableGivesEachClaimItsVerdictTestClassTimeAndTrainingThenTheTotals(@TempDir Path dir) throws IOException {
        writeClassReport(dir, PACKAGE + "RandomLabelsMemorizedIT", "193.796", 23, 10);
        writeClassReport(dir, PACKAGE + "LabelNoiseGapIT", "31.657", 1, 0);
        writeClassReport(dir, PACKAGE + "FiniteSampleExpressivityIT", "6.539", 9, 0);
        writeClassReport(dir, "io.example.StrayIT", "1.0", 1, 0);
        Map<String, String> claimByClass = Map.of(PACKAGE + "RandomLabelsMemorizedIT", "C1", PACKAGE + "LabelNoiseGapIT", "C2",
                PACKAGE + "ConvergenceSlowdownIT", "C3", PACKAGE + "FiniteSampleExpressivityIT", "C6");

        ClaimTimes times = ClaimTimes.of(summary(), claimByClass, FailsafeTestClass.readAll(dir));

        assertThat(times.lines()).containsExactly(
                "time per claim: wall time of its test class(es) as Failsafe measured it (classes run side by side,"
                + " -Dclaims.parallel, so these overlap); training behind its cases"
                        + " (a run shared between claims counts under each)",
                "claim  verdict         wall time   training  test class",
                "C1     REPRODUCED         3m 14s      3.6 s  RandomLabelsMemorizedIT",
                "C2     REPRODUCED         31.7 s     10.8 s  LabelNoiseGapIT",
                "C3     MISSING               n/a          -  no Failsafe report",
                "C6     REPRODUCED          6.5 s          -  FiniteSampleExpressivityIT",
                "?                          1.0 s          -  StrayIT",
                "all    claim tests        3m 53s     14.4 s  (summed over the classes; a run shared by several claims counts once here)",
                "suite  wall time         13m 52s             (run marker (pre-integration-test to report))");
    }

    @Test
    void failsafeReportsOfAnEarlierRunAreLeftOut(@TempDir Path dir) throws IOException {
        Summary s = summary();
        long started = ReportSamples.NOW.minusSeconds(832).toEpochMilli();
        writeClassReport(dir, PACKAGE + "LabelNoiseGapIT", "31.657", 1, 0);
        Path old = writeClassReport(dir, PACKAGE + "RandomLabelsMemorizedIT", "193.796", 23, 10);
        Files.setLastModifiedTime(old, FileTime.fromMillis(started - 3_600_000));
        Files.setLastModifiedTime(dir.resolve("TEST-" + PACKAGE + "LabelNoiseGapIT.xml"), FileTime.fromMillis(started + 60_000));
        AllureResult c2 = new AllureResult(dir.resolve("x-result.json"), "x", "x", "gap", "passed", null, "C2", "gap", "sweep",
                PACKAGE + "LabelNoiseGapIT", started, started + 1000);

        ClaimTimes times = SummaryReport.claimTimes(s, dir.resolve("no-test-classes"), dir.resolve("failsafe-summary.xml"), List.of(c2),
                Optional.of(RunMarker.started(ReportSamples.NOW.minusSeconds(832), "ci")));

        assertThat(times.rows()).filteredOn(r -> r.claimId().equals("C1")).singleElement()
                .satisfies(r -> assertThat(r.wallSeconds()).isNull());
        assertThat(times.rows()).filteredOn(r -> r.claimId().equals("C2")).singleElement()
                .satisfies(r -> assertThat(r.wallSeconds()).isEqualTo(31.657));
        assertThat(times.testSeconds()).isEqualTo(31.657);
    }
}
