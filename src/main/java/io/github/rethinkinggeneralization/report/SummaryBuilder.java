package io.github.rethinkinggeneralization.report;

import io.github.rethinkinggeneralization.claims.Verdict;
import io.github.rethinkinggeneralization.train.ExperimentResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Turns what a run left behind (case records, Allure results, the run marker, Failsafe's summary)
 * into a {@link Summary}. A claim's verdict is the conjunction of its cases ({@link Verdict#all});
 * a case whose test failed although its record says reproduced, and a test that failed before it
 * could record a verdict, count as inconclusive. Records older than the run marker belong to an
 * earlier run and are left out. The summary is {@code PARTIAL} when an expected claim left no
 * result, a record is unreadable, or nothing shows that the claim suite ran to its end.
 */
public final class SummaryBuilder {
    /** Slack on the marker time for file systems with coarse modification times. */
    static final long CLOCK_SLACK_MILLIS = 1000;

    /** Everything the summary is made from. {@code expectedClaims}: claim id to its sentence. */
    public record Inputs(List<CaseRecord> records, List<String> unreadable, List<AllureResult> allure,
                         Optional<RunMarker> marker, Optional<FailsafeSummary> failsafe, Map<String, String> expectedClaims,
                         HardwareFingerprint fingerprint, PaperFigures paper, Instant now) {
    }

    private SummaryBuilder() {
    }

    /** The records written during the run the marker started (all of them without a marker). */
    public static List<CaseRecord> fresh(List<CaseRecord> records, Optional<RunMarker> marker) {
        long cutoff = marker.map(m -> m.startedAtMillis() - CLOCK_SLACK_MILLIS).orElse(Long.MIN_VALUE);
        return records.stream().filter(r -> r.modifiedMillis() >= cutoff).toList();
    }

    public static Summary build(Inputs in) {
        long cutoff = in.marker().map(m -> m.startedAtMillis() - CLOCK_SLACK_MILLIS).orElse(Long.MIN_VALUE);
        List<CaseRecord> records = fresh(in.records(), in.marker());
        List<CaseRecord> stale = in.records().stream().filter(r -> r.modifiedMillis() < cutoff).toList();
        List<AllureResult> allure = in.allure().stream().filter(a -> a.start() == 0 || a.start() >= cutoff).toList();

        Set<String> ids = new java.util.TreeSet<>(SummaryBuilder::compareClaimIds);
        ids.addAll(in.expectedClaims().keySet());
        records.forEach(r -> ids.add(r.outcome().claimId()));
        allure.stream().filter(a -> a.claimId() != null).forEach(a -> ids.add(a.claimId()));

        KeyFigures keyFigures = new KeyFigures(in.paper());
        List<Summary.Claim> claims = new ArrayList<>();
        for (String id : ids) {
            claims.add(claim(id, records.stream().filter(r -> r.outcome().claimId().equals(id)).toList(),
                    allure.stream().filter(a -> id.equals(a.claimId())).toList(), in, keyFigures));
        }

        List<String> partial = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (Summary.Claim c : claims) {
            if (Summary.MISSING.equals(c.verdict())) {
                partial.add(c.id() + " left no result in this run" + (stale.stream().anyMatch(r -> r.outcome().claimId().equals(c.id()))
                        ? " (only records of an earlier run are present)" : ""));
            }
        }
        if (claims.isEmpty()) {
            partial.add("no claim results at all");
        }
        in.unreadable().forEach(u -> partial.add("unreadable case record " + u));
        failsafeReasons(in, partial);
        if (!stale.isEmpty()) {
            notes.add(stale.size() + " case record(s) older than this run's start were left out");
        }

        List<Summary.Run> runs = runs(records);
        double training = runs.stream().mapToDouble(Summary.Run::wallSeconds).sum();
        Double testSpan = allure.isEmpty() ? null : (allure.stream().mapToLong(AllureResult::stop).max().getAsLong()
                - allure.stream().mapToLong(AllureResult::start).min().getAsLong()) / 1000.0;
        Summary.Timing timing = in.marker()
                .map(m -> new Summary.Timing(m.startedAt(), m.secondsUntil(in.now()),
                        "run marker (pre-integration-test to report)", testSpan, training))
                .orElse(new Summary.Timing(null, testSpan, testSpan == null ? "not measured" : "first to last claim test (Allure)",
                        testSpan, training));
        String profile = in.marker().map(RunMarker::profile)
                .orElseGet(() -> mostCommon(records.stream().map(r -> r.outcome().profile()).toList()));
        List<String> datasets = records.stream().map(r -> r.outcome().dataset()).distinct().toList();
        return new Summary(Summary.SCHEMA, partial.isEmpty() ? Summary.COMPLETE : Summary.PARTIAL, partial, in.now().toString(),
                profile, datasets, timing, in.fingerprint().id(), in.fingerprint(), claims, runs, throughput(runs), List.of(), notes, null);
    }

    private static void failsafeReasons(Inputs in, List<String> partial) {
        Optional<FailsafeSummary> fs = in.failsafe();
        if (fs.isEmpty()) {
            partial.add("no failsafe-summary.xml: nothing shows that the claim suite ran to its end");
            return;
        }
        FailsafeSummary f = fs.get();
        if (in.marker().isPresent() && f.modifiedMillis() < in.marker().get().startedAtMillis() - CLOCK_SLACK_MILLIS) {
            partial.add("failsafe-summary.xml is older than this run's start: the claim suite did not finish");
        }
        if (f.timeout()) {
            partial.add("Failsafe timed out");
        }
        if (f.failureMessage() != null) {
            partial.add("Failsafe: " + f.failureMessage().lines().findFirst().orElse(""));
        }
    }

    private static Summary.Claim claim(String id, List<CaseRecord> records, List<AllureResult> allure, Inputs in, KeyFigures keyFigures) {
        Map<String, AllureResult> byStory = new LinkedHashMap<>();
        allure.stream().filter(a -> a.story() != null).forEach(a -> byStory.put(a.story(), a));
        Set<String> recorded = records.stream().map(r -> r.outcome().caseName()).collect(Collectors.toSet());

        List<Verdict> verdicts = new ArrayList<>();
        List<Summary.Case> cases = new ArrayList<>();
        List<KeyFigure> figures = new ArrayList<>();
        List<KeyFigures.Segment> segments = new ArrayList<>();
        int observations = 0;
        for (CaseRecord r : records) {
            CaseOutcome o = r.outcome();
            AllureResult test = byStory.get(o.caseName());
            Verdict v = o.verdict().verdict();
            String explanation = o.verdict().explanation();
            if (test != null && test.failedOrBroken() && v == Verdict.REPRODUCED) {
                v = Verdict.INCONCLUSIVE;
                explanation = "the record says reproduced but its test " + test.status() + ": " + firstLine(test.message()) + " (" + explanation + ")";
            }
            if (r.observation()) {
                observations++;
            } else {
                verdicts.add(v);
            }
            cases.add(new Summary.Case(o.caseName(), v.name(), explanation, r.file().getParent().getFileName() + "/" + r.file().getFileName(),
                    r.control(), test == null ? null : test.status()));
            KeyFigures.CaseFigures cf = keyFigures.extract(r);
            figures.addAll(cf.figures());
            if (cf.segment() != null) {
                segments.add(cf.segment());
            }
        }
        List<String> failedWithoutVerdict = new ArrayList<>();
        for (AllureResult a : allure) {
            if (a.failedOrBroken() && (a.story() == null || !recorded.contains(a.story()))) {
                failedWithoutVerdict.add(a.displayName() + ": " + a.status() + ": " + firstLine(a.message()));
                verdicts.add(Verdict.INCONCLUSIVE);
            }
        }
        List<String> notRun = allure.stream().filter(AllureResult::skipped).map(AllureResult::displayName).toList();

        String verdict;
        if (verdicts.isEmpty()) {
            verdict = notRun.isEmpty() ? Summary.MISSING : Summary.NOT_RUN;
        } else {
            verdict = Verdict.all(verdicts).name();
        }
        int reproduced = (int) verdicts.stream().filter(v -> v == Verdict.REPRODUCED).count();
        int refuted = (int) verdicts.stream().filter(v -> v == Verdict.REFUTED).count();
        int inconclusive = (int) verdicts.stream().filter(v -> v == Verdict.INCONCLUSIVE).count();
        List<String> noteParts = new ArrayList<>();
        if (!failedWithoutVerdict.isEmpty()) {
            noteParts.add(failedWithoutVerdict.size() + " test(s) failed before recording a verdict (see categories: infrastructure)");
        }
        if (!notRun.isEmpty()) {
            noteParts.add(notRun.size() + " case(s) not run at this profile");
        }
        if (observations > 0) {
            noteParts.add(observations + " recorded observation(s) (cases named '" + CaseRecord.OBSERVATION_PREFIX
                    + " ...') outside the verdict");
        }

        String text = records.stream().map(r -> r.outcome().claim()).findFirst()
                .or(() -> allure.stream().map(AllureResult::claimText).filter(t -> t != null).findFirst())
                .orElse(in.expectedClaims().getOrDefault(id, ""));
        Optional<PaperFigures.Statement> paper = in.paper().claim(id);
        Set<String> runKeys = new LinkedHashSet<>();
        double training = 0;
        for (CaseRecord r : records) {
            for (ExperimentResult run : r.outcome().runs()) {
                if (runKeys.add(runKey(run))) {
                    training += run.wallSeconds();
                }
            }
        }
        Double testSeconds = allure.isEmpty() ? null : allure.stream().mapToDouble(AllureResult::seconds).sum();
        List<CaseRecord> main = records.stream().filter(r -> !r.control()).toList();
        return new Summary.Claim(id, text, verdict, String.join("; ", noteParts), reproduced, refuted, inconclusive, notRun,
                failedWithoutVerdict, distinct(records, r -> r.outcome().profile()), distinct(records, r -> r.outcome().dataset()),
                distinct(main.isEmpty() ? records : main, r -> r.outcome().scale()), testSeconds, training,
                KeyFigures.headline(segments), paper.map(PaperFigures.Statement::text).orElse(null),
                paper.map(PaperFigures.Statement::source).orElse(null), figures, cases);
    }

    private static List<Summary.Run> runs(List<CaseRecord> records) {
        Map<String, Summary.Run> runs = new LinkedHashMap<>();
        for (CaseRecord r : records) {
            for (ExperimentResult run : r.outcome().runs()) {
                runs.computeIfAbsent(runKey(run), k -> new Summary.Run(k, r.outcome().claimId(), r.outcome().caseName(),
                        run.spec().model().architecture().id(), run.spec().model().width(), run.spec().condition().toString(),
                        run.dataset(), run.spec().nTrain(), run.spec().nTest(), run.spec().seed(),
                        run.curve().isEmpty() ? 0 : run.curve().last().epoch(), run.stepsToTarget(), String.valueOf(run.stopReason()),
                        run.trainAccuracy(), run.testAccuracy(), run.wallSeconds(), run.samplesPerSecond()));
            }
        }
        return List.copyOf(runs.values());
    }

    private static List<Summary.Throughput> throughput(List<Summary.Run> runs) {
        Map<String, List<Summary.Run>> byModel = new TreeMap<>();
        runs.forEach(r -> byModel.computeIfAbsent(r.model() + "@" + r.width(), k -> new ArrayList<>()).add(r));
        List<Summary.Throughput> out = new ArrayList<>();
        for (List<Summary.Run> rs : byModel.values()) {
            long images = rs.stream().mapToLong(r -> (long) r.epochs() * r.nTrain()).sum();
            double seconds = rs.stream().mapToDouble(Summary.Run::wallSeconds).sum();
            Summary.Run first = rs.get(0);
            String name = io.github.rethinkinggeneralization.model.Architecture.fromId(first.model()).paperName()
                    + (first.width() == 1 ? "" : " x" + first.width());
            out.add(new Summary.Throughput(first.model(), name, first.width(), rs.size(), images, seconds,
                    seconds > 0 ? images / seconds : 0));
        }
        return out;
    }

    /** A run's identity across cases: its spec label and epoch budget (controls differ only in budget). */
    static String runKey(ExperimentResult r) {
        return r.spec().label() + " / <= " + r.spec().budget().maxEpochs() + " epochs";
    }

    /** C2 before C10. */
    static int compareClaimIds(String a, String b) {
        return Comparator.comparingInt(SummaryBuilder::claimNumber).thenComparing(Function.identity()).compare(a, b);
    }

    private static int claimNumber(String id) {
        String digits = id.replaceAll("\\D", "");
        return digits.isEmpty() ? Integer.MAX_VALUE : Integer.parseInt(digits);
    }

    private static List<String> distinct(List<CaseRecord> records, Function<CaseRecord, String> f) {
        return records.stream().map(f).filter(s -> s != null && !s.isBlank()).distinct().toList();
    }

    private static String mostCommon(List<String> xs) {
        return xs.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting())).entrySet().stream()
                .max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse("unknown");
    }

    static String firstLine(String s) {
        if (s == null) {
            return "no message";
        }
        String line = s.lines().findFirst().orElse("");
        return line.length() > 300 ? line.substring(0, 300) + "…" : line;
    }

    static String seconds(Double s) {
        if (s == null) {
            return "n/a";
        }
        if (s < 60) {
            return String.format(Locale.ROOT, "%.1f s", s);
        }
        long t = Math.round(s);
        return t >= 3600 ? String.format(Locale.ROOT, "%dh %02dm %02ds", t / 3600, t % 3600 / 60, t % 60)
                : String.format(Locale.ROOT, "%dm %02ds", t / 60, t % 60);
    }
}
