package io.github.rethinkinggeneralization.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The time each claim took, printed by the report step at the end of {@code mvn verify}: per claim
 * its verdict, the wall time of its test class(es) as Failsafe measured it, and the training time
 * of the runs behind its cases (the summary's figure); then the claim tests and the suite in all.
 * Training runs are memoised per JVM and shared between claims, so a shared run counts under every
 * claim that uses it, and once in the total.
 */
public record ClaimTimes(List<Row> rows, Double testSeconds, double trainingSeconds, Double suiteSeconds,
                         String suiteSecondsSource) {

    /** One claim (or a test class that states no claim, with {@code claimId} "?"). */
    public record Row(String claimId, String verdict, List<String> testClasses, Double wallSeconds, double trainingSeconds) {
        public Row {
            testClasses = List.copyOf(testClasses);
        }
    }

    public ClaimTimes {
        rows = List.copyOf(rows);
    }

    /**
     * The claims of {@code summary} with the Failsafe reports of their test classes; {@code claimByClass}
     * maps a test class (fully qualified) to the claim it tests. A claim without a report has no wall time.
     */
    public static ClaimTimes of(Summary summary, Map<String, String> claimByClass, List<FailsafeTestClass> classes) {
        Map<String, List<FailsafeTestClass>> byClaim = new LinkedHashMap<>();
        List<FailsafeTestClass> unclaimed = new ArrayList<>();
        for (FailsafeTestClass c : classes) {
            String claim = claimByClass.get(c.className());
            if (claim == null && c.className().contains("$")) {
                claim = claimByClass.get(c.className().substring(0, c.className().indexOf('$')));
            }
            if (claim == null) {
                unclaimed.add(c);
            } else {
                byClaim.computeIfAbsent(claim, k -> new ArrayList<>()).add(c);
            }
        }
        List<Row> rows = new ArrayList<>();
        for (Summary.Claim claim : summary.claims()) {
            rows.add(row(claim.id(), claim.verdict(), byClaim.remove(claim.id()), claim.trainingSeconds()));
        }
        byClaim.forEach((id, cs) -> rows.add(row(id, "", cs, 0)));
        unclaimed.forEach(c -> rows.add(row("?", "", List.of(c), 0)));
        Double tests = classes.isEmpty() ? null : classes.stream().mapToDouble(FailsafeTestClass::seconds).sum();
        return new ClaimTimes(rows, tests, summary.timing().trainingSeconds(), summary.timing().suiteSeconds(),
                summary.timing().suiteSecondsSource());
    }

    private static Row row(String id, String verdict, List<FailsafeTestClass> classes, double training) {
        List<FailsafeTestClass> cs = classes == null ? List.of() : classes;
        return new Row(id, verdict, cs.stream().map(FailsafeTestClass::simpleName).toList(),
                cs.isEmpty() ? null : cs.stream().mapToDouble(FailsafeTestClass::seconds).sum(), training);
    }

    /** The table as console lines, without a prefix. */
    public List<String> lines() {
        String format = "%-6s %-14s %10s %10s  %s";
        List<String> out = new ArrayList<>();
        out.add("time per claim: wall time of its test class(es) as Failsafe measured it (classes run side by side,"
                + " -Dclaims.parallel, so these overlap); training behind its cases"
                + " (a run shared between claims counts under each)");
        out.add(String.format(Locale.ROOT, format, "claim", "verdict", "wall time", "training", "test class"));
        for (Row r : rows) {
            out.add(String.format(Locale.ROOT, format, r.claimId(), r.verdict(), SummaryBuilder.seconds(r.wallSeconds()),
                    training(r.trainingSeconds()), r.testClasses().isEmpty() ? "no Failsafe report" : String.join(", ", r.testClasses())));
        }
        out.add(String.format(Locale.ROOT, format, "all", "claim tests", SummaryBuilder.seconds(testSeconds), training(trainingSeconds),
                "(summed over the classes; a run shared by several claims counts once here)"));
        out.add(String.format(Locale.ROOT, format, "suite", "wall time", SummaryBuilder.seconds(suiteSeconds), "",
                "(" + suiteSecondsSource + ")"));
        return out;
    }

    private static String training(double seconds) {
        return seconds > 0 ? SummaryBuilder.seconds(seconds) : "-";
    }
}
