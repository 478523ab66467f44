package io.github.rethinkinggeneralization.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The report step of the claim suite, run by Maven ({@code exec:java}) around Failsafe:
 *
 * <ul>
 *   <li>{@code start} (pre-integration-test): writes the run marker, replaces SUMMARY.md and
 *       summary.json by a PARTIAL placeholder (so a killed run never leaves a summary that looks
 *       complete) and empties {@code allure-results/} of the previous run's results.</li>
 *   <li>{@code summary} (post-integration-test, also when claims failed): writes
 *       {@code reports/summary.json}, {@code reports/SUMMARY.md}, {@code reports/TABLE1.md} and
 *       {@code TABLE1.csv} (the paper's Tables 1 and 2 beside the measured accuracies), the figures
 *       under {@code reports/figures/}, and Allure's environment, executor, categories, history and
 *       figure attachments; with {@code --baseline=PATH} compares the run with a stored summary; ends by
 *       printing the time per claim ({@link ClaimTimes}).</li>
 *   <li>{@code check-baseline} (verify): fails the build when the summary's baseline comparison
 *       found accuracies that disagree.</li>
 * </ul>
 *
 * <p>Options ({@code --name=value}): {@code reports-dir} (default {@code -Dreports.dir}, else
 * {@code reports}), {@code fixtures-dir}, {@code failsafe-summary}, {@code test-classes},
 * {@code baseline}, {@code profile}.
 */
public final class SummaryReport {
    public static final String SUMMARY_JSON = "summary.json";
    public static final String SUMMARY_MD = "SUMMARY.md";
    public static final String FINGERPRINT_JSON = "fingerprint.json";
    public static final String TABLE1_MD = "TABLE1.md";
    public static final String TABLE1_CSV = "TABLE1.csv";

    private final Map<String, String> options;
    private final Path reports;

    SummaryReport(Map<String, String> options) {
        this.options = options;
        this.reports = Path.of(option("reports-dir", System.getProperty("reports.dir", "reports")));
    }

    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        Map<String, String> options = new LinkedHashMap<>();
        String mode = "summary";
        for (String a : args) {
            if (a.startsWith("--")) {
                int eq = a.indexOf('=');
                options.put(eq < 0 ? a.substring(2) : a.substring(2, eq), eq < 0 ? "true" : a.substring(eq + 1));
            } else {
                mode = a;
            }
        }
        SummaryReport report = new SummaryReport(options);
        switch (mode) {
            case "start" -> report.start(Instant.now());
            case "summary" -> report.summary(Instant.now());
            case "check-baseline" -> report.checkBaseline();
            default -> throw new IllegalArgumentException("unknown mode '" + mode + "': start, summary or check-baseline");
        }
    }

    /** Marks the start of a claim-suite run. */
    void start(Instant now) {
        String profile = option("profile", System.getProperty("claims.profile", "ci"));
        RunMarker marker = RunMarker.started(now, profile);
        marker.write(reports);
        String reason = "the claim suite started at " + marker.startedAt() + " and has not finished; this file is replaced when"
                + " its report step runs, so if you read this after the build, the run was killed or crashed before it";
        Summary stub = new Summary(Summary.SCHEMA, Summary.PARTIAL, List.of(reason), now.toString(), profile, List.of(),
                new Summary.Timing(marker.startedAt(), null, "not finished", null, 0), null, null, List.of(), List.of(), List.of(),
                List.of(), List.of(), null);
        Json.writeFile(stub, reports.resolve(SUMMARY_JSON));
        AtomicFiles.write(reports.resolve(SUMMARY_MD), "# " + SummaryMarkdown.TITLE + "\n\n> **⚠ PARTIAL RUN:** " + reason + ".\n");
        deleteContents(allureResults());
        try {
            // like the summary, a table of the previous run must not pass for this run's
            Files.deleteIfExists(reports.resolve(FINGERPRINT_JSON));
            Files.deleteIfExists(reports.resolve(TABLE1_MD));
            Files.deleteIfExists(reports.resolve(TABLE1_CSV));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        System.out.println("[report] run marker written: " + reports.resolve(RunMarker.FILE) + " (profile " + profile + ")");
    }

    /** Writes the summary, figures and Allure extras; returns the summary. */
    Summary summary(Instant now) {
        Optional<RunMarker> marker = RunMarker.read(reports);
        CaseRecord.Loaded loaded = CaseRecord.readAll(reports.resolve("claims"));
        Path results = allureResults();
        List<AllureResult> allure = AllureResult.readAll(results);
        Path failsafeFile = optionPath("failsafe-summary").orElse(Path.of("target", "failsafe-reports", "failsafe-summary.xml"));
        Path testClasses = optionPath("test-classes").orElse(Path.of("target", "test-classes"));
        Map<String, String> expected = ClaimCatalog.scan(testClasses);
        Path fixtures = Path.of(option("fixtures-dir", System.getProperty("fixtures.dir", "fixtures")));
        PaperFigures paper = PaperFigures.read(fixtures.resolve("paper-reference.json"));

        SummaryBuilder.Inputs in = new SummaryBuilder.Inputs(loaded.records(), loaded.unreadable(), allure, marker,
                FailsafeSummary.read(failsafeFile), expected, fingerprint(marker), paper, now);
        Summary summary = SummaryBuilder.build(in);

        List<String> notes = new ArrayList<>(summary.notes());
        List<PaperCharts.ChartFile> charts = List.of();
        try {
            charts = new PaperCharts(paper).draw(SummaryBuilder.fresh(loaded.records(), marker), reports.resolve("figures"));
            summary = summary.withFigures(charts.stream().map(c -> "figures/" + c.name()).toList());
        } catch (RuntimeException | LinkageError e) {
            notes.add("figures could not be drawn: " + e);
        }
        Optional<Path> baselineFile = optionPath("baseline");
        if (baselineFile.isPresent()) {
            try {
                Summary baseline = BaselineComparison.readBaseline(baselineFile.get());
                summary = summary.withBaseline(BaselineComparison.compare(summary, baseline, baselineFile.get().toString(),
                        BaselineComparison.tolerances(fixtures.resolve("baseline-tolerance.json"))));
            } catch (RuntimeException e) {
                // still write the summary; the verify-phase check fails the build on this comparison
                summary = summary.withBaseline(BaselineComparison.unusable(baselineFile.get().toString(), e.getMessage()));
            }
        }
        boolean table1 = false;
        try {
            writeTable1(PaperTables.read(fixtures.resolve("paper-reference.json")), SummaryBuilder.fresh(loaded.records(), marker),
                    summary);
            table1 = true;
        } catch (RuntimeException e) {
            notes.add(TABLE1_MD + " could not be written: " + e);
        }
        if (notes.size() != summary.notes().size()) {
            summary = summary.withNotes(notes);
        }
        Json.writeFile(summary, reports.resolve(SUMMARY_JSON));
        AtomicFiles.write(reports.resolve(SUMMARY_MD), SummaryMarkdown.render(summary, table1));

        int history = 0;
        int attached = 0;
        try {
            AllureExtras extras = new AllureExtras(results);
            extras.writeEnvironment(summary);
            extras.writeCategories();
            history = extras.carryHistory(reports.resolve("allure-report"));
            extras.writeExecutor(summary, "rethinking-generalization, profile " + summary.profile() + ", " + summary.generatedAt(),
                    "Zhang et al. 2017 claims, profile " + summary.profile());
            attached = extras.attachFigures(charts);
        } catch (RuntimeException e) {
            // the summary is written; an Allure report without these extras is still worth generating
            System.out.println("[report] WARNING: Allure extras incomplete: " + e.getMessage());
        }
        marker.ifPresent(m -> m.finished(now).write(reports));

        System.out.println("[report] " + summary.status() + (summary.partial() ? " " + summary.partialReasons() : "")
                + ": " + reports.resolve(SUMMARY_MD));
        summary.claims().forEach(c -> System.out.println("[report]   " + c.id() + " " + c.verdict() + ": " + c.claim()));
        System.out.println("[report] " + charts.size() + " figure(s) in " + reports.resolve("figures") + ", " + attached
                + " attached to Allure results; " + history + " history file(s) carried into " + results);
        if (summary.baseline() != null) {
            System.out.println("[report] baseline " + summary.baseline().baselinePath() + ": "
                    + (summary.baseline().agree() ? "agrees" : summary.baseline().disagreements().size() + " figure(s) disagree"));
        }
        claimTimes(summary, testClasses, failsafeFile, allure, marker).lines().forEach(l -> System.out.println("[report] " + l));
        return summary;
    }

    /** Writes TABLE1.md and TABLE1.csv: the paper's Tables 1 and 2 beside this run's records. */
    private void writeTable1(PaperTables paper, List<CaseRecord> records, Summary summary) {
        Table1Report table = Table1Builder.build(paper, records, summary.profile(), summary.partial());
        AtomicFiles.write(reports.resolve(TABLE1_CSV), Table1Csv.render(table));
        AtomicFiles.write(reports.resolve(TABLE1_MD), Table1Markdown.render(table));
        System.out.println("[report] " + table.table1().stream().filter(l -> l.measured() != null).count() + " of "
                + table.table1().size() + " Table 1 line(s) measured: " + reports.resolve(TABLE1_MD));
    }

    /**
     * The time per claim from Failsafe's class reports next to {@code failsafe-summary.xml} (those of this
     * run only); a test class is mapped to its claim by its display name, else by its Allure results.
     */
    static ClaimTimes claimTimes(Summary summary, Path testClasses, Path failsafeFile, List<AllureResult> allure,
                                 Optional<RunMarker> marker) {
        Map<String, String> claimByClass = new LinkedHashMap<>(ClaimCatalog.testClasses(testClasses));
        allure.stream().filter(a -> a.testClass() != null && a.claimId() != null)
                .forEach(a -> claimByClass.putIfAbsent(a.testClass(), a.claimId()));
        long cutoff = marker.map(m -> m.startedAtMillis() - SummaryBuilder.CLOCK_SLACK_MILLIS).orElse(Long.MIN_VALUE);
        List<FailsafeTestClass> classes = FailsafeTestClass.readAll(failsafeFile.toAbsolutePath().getParent()).stream()
                .filter(c -> c.modifiedMillis() >= cutoff).toList();
        return ClaimTimes.of(summary, claimByClass, classes);
    }

    /** Fails (throws) when this run's summary disagrees with its baseline. */
    void checkBaseline() {
        Path file = reports.resolve(SUMMARY_JSON);
        if (!Files.isRegularFile(file)) {
            return;
        }
        Summary s = BaselineComparison.readBaseline(file);
        if (s.baseline() != null && !s.baseline().agree()) {
            StringBuilder b = new StringBuilder("this run disagrees with baseline " + s.baseline().baselinePath() + ":");
            s.baseline().disagreements().forEach(f -> b.append(String.format(java.util.Locale.ROOT,
                    "%n  %s: %s this run vs %s baseline (difference %+.1f points, allowed %.1f)", f.label(),
                    KeyFigure.format(f.current(), f.unit()), KeyFigure.format(f.baseline(), f.unit()), 100 * f.difference(),
                    100 * f.allowed())));
            s.baseline().notes().forEach(n -> b.append("\n  ").append(n));
            b.append("\nsee ").append(reports.resolve(SUMMARY_MD));
            throw new IllegalStateException(b.toString());
        }
    }

    /** The claim JVM's fingerprint ({@code reports/fingerprint.json}) when this run wrote one, else this JVM's. */
    private HardwareFingerprint fingerprint(Optional<RunMarker> marker) {
        Path file = reports.resolve(FINGERPRINT_JSON);
        try {
            if (Files.isRegularFile(file) && (marker.isEmpty()
                    || Files.getLastModifiedTime(file).toMillis() >= marker.get().startedAtMillis() - 1000)) {
                return Json.mapper().readValue(file.toFile(), HardwareFingerprint.class);
            }
        } catch (IOException e) {
            // fall through to this JVM's fingerprint
        }
        return HardwareFingerprint.capture();
    }

    private Path allureResults() {
        return optionPath("allure-results").orElse(reports.resolve("allure-results"));
    }

    private String option(String name, String fallback) {
        String v = options.get(name);
        return v == null || v.isBlank() ? fallback : v;
    }

    private Optional<Path> optionPath(String name) {
        String v = options.get(name);
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(Path.of(v));
    }

    private static void deleteContents(Path dir) {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                if (!p.equals(dir)) {
                    Files.deleteIfExists(p);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot empty " + dir + ": " + e.getMessage(), e);
        }
    }
}
