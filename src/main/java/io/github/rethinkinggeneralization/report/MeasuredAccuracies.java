package io.github.rethinkinggeneralization.report;

import io.github.rethinkinggeneralization.data.DataCondition;
import io.github.rethinkinggeneralization.train.ExperimentResult;
import io.github.rethinkinggeneralization.train.ExperimentSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The true- and random-label runs of a run's case records, each run once, grouped over seeds into
 * {@link MeasuredAccuracy} variants; with counts of what was left out (negative controls that
 * train, runs on the other randomizations of Fig. 1).
 *
 * <p>A run is identified by its spec: memoised runs appear in several records (C1's run is C3's),
 * and label corruption with p = 0 or p = 1 trains on the same data as true or random labels (same
 * labelling, same seed), so C2's sweep end points count as those runs, not as extra seeds.
 */
public record MeasuredAccuracies(List<MeasuredAccuracy> variants, int controlRecords, int otherConditionRuns) {

    public MeasuredAccuracies {
        variants = List.copyOf(variants);
    }

    public static MeasuredAccuracies from(List<CaseRecord> records) {
        Map<ExperimentSpec, ExperimentResult> runs = new LinkedHashMap<>();
        Map<ExperimentSpec, String> profiles = new LinkedHashMap<>();
        Map<ExperimentSpec, Set<String>> cases = new LinkedHashMap<>();
        Set<ExperimentSpec> others = new LinkedHashSet<>();
        int controls = 0;
        for (CaseRecord r : records) {
            if (r.control()) {
                controls += r.outcome().runs().isEmpty() ? 0 : 1;
                continue;
            }
            for (ExperimentResult run : r.outcome().runs()) {
                String condition = KeyFigures.tableCondition(run.spec().condition());
                if (!condition.equals("true-labels") && !condition.equals("random-labels")) {
                    others.add(run.spec());
                    continue;
                }
                ExperimentSpec spec = run.spec().withCondition(DataCondition.parse(condition));
                runs.putIfAbsent(spec, run);
                profiles.putIfAbsent(spec, r.outcome().profile());
                cases.computeIfAbsent(spec, k -> new LinkedHashSet<>()).add(r.outcome().claimId() + "/" + r.outcome().caseName());
            }
        }
        Map<ExperimentSpec, List<ExperimentSpec>> bySeedless = new LinkedHashMap<>();
        runs.keySet().forEach(s -> bySeedless.computeIfAbsent(s.withSeed(0), k -> new ArrayList<>()).add(s));
        List<MeasuredAccuracy> variants = new ArrayList<>();
        for (List<ExperimentSpec> specs : bySeedless.values()) {
            ExperimentSpec first = specs.get(0);
            List<ExperimentResult> results = specs.stream().map(runs::get).toList();
            Set<String> from = new LinkedHashSet<>();
            specs.forEach(s -> from.addAll(cases.get(s)));
            variants.add(new MeasuredAccuracy(first.model().architecture().id(), first.model().architecture().paperName(),
                    first.model().width(), first.model().regularization(), first.condition().toString(), first.dataset().id(),
                    first.nTrain(), first.nTest(), first.budget().maxEpochs(), profiles.get(first),
                    specs.stream().map(ExperimentSpec::seed).toList(),
                    results.stream().mapToDouble(ExperimentResult::trainAccuracy).average().orElse(Double.NaN),
                    results.stream().mapToDouble(ExperimentResult::testAccuracy).average().orElse(Double.NaN), List.copyOf(from)));
        }
        return new MeasuredAccuracies(variants, controls, others.size());
    }
}
