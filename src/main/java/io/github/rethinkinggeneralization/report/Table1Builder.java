package io.github.rethinkinggeneralization.report;

import io.github.rethinkinggeneralization.model.Regularization;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Puts this run's measured accuracies beside the paper's Table 1 and Table 2.
 *
 * <p>A measured variant matches the Table 1 row of its model and labels whose random crop and weight
 * decay are on exactly when the run's are (any weight-decay coefficient above 0 counts as on; the
 * coefficient is shown with the run). A row measured at several scales gets one line per scale; a
 * row measured at none says so with the profile. Runs with dropout, which Table 1 has no column for
 * (the paper used dropout only for Inception V3 on ImageNet), and runs whose regularizers match no
 * row are listed apart as "not in Table 1" with the reason. Table 2 is never run.
 */
public final class Table1Builder {
    private Table1Builder() {
    }

    public static Table1Report build(PaperTables paper, List<CaseRecord> records, String profile, boolean partial) {
        MeasuredAccuracies measured = MeasuredAccuracies.from(records);
        Map<PaperTables.CifarRow, List<MeasuredAccuracy>> matched = new LinkedHashMap<>();
        paper.table1().forEach(row -> matched.put(row, new ArrayList<>()));
        List<Table1Line> measuredOnly = new ArrayList<>();
        for (MeasuredAccuracy m : measured.variants()) {
            Optional<PaperTables.CifarRow> row = m.regularization().dropout() > 0 ? Optional.empty()
                    : paper.table1().stream().filter(r -> matches(r, m)).findFirst();
            if (row.isPresent()) {
                matched.get(row.get()).add(m);
            } else {
                measuredOnly.add(new Table1Line(Table1Line.MEASURED_ONLY, m.model(), m.regularization().randomCrop(),
                        m.regularization().weightDecay() > 0, m.regularization().dropout() > 0, null, m.condition(), null, null,
                        null, null, Table1Line.Status.NOT_IN_TABLE_1, m.profile(), m, whyNotInTable1(m)));
            }
        }

        Comparator<MeasuredAccuracy> byScale = Comparator.comparing(MeasuredAccuracy::dataset)
                .thenComparingInt(MeasuredAccuracy::nTrain).thenComparingDouble(MeasuredAccuracy::width)
                .thenComparingInt(MeasuredAccuracy::maxEpochs);
        List<Table1Line> table1 = new ArrayList<>();
        matched.forEach((row, ms) -> {
            if (ms.isEmpty()) {
                table1.add(line(row, Table1Line.Status.NOT_RUN_AT_PROFILE, profile, null, ""));
            }
            ms.stream().sorted(byScale).forEach(m -> table1.add(line(row, Table1Line.Status.MEASURED, m.profile(), m,
                    measuredNote(m))));
        });

        List<Table1Line> table2 = paper.table2().stream().map(r -> new Table1Line(Table1Line.TABLE_2, r.model(), null,
                r.weightDecay(), r.dropout(), r.dataAugmentation(), r.condition(), r.trainTop1(), r.testTop1(), r.testTop5(),
                r.source(), Table1Line.Status.NOT_RUN, profile, null, r.note())).toList();

        return new Table1Report(profile, partial, table1, measuredOnly, table2, paper.table2NotRun(), notes(measured));
    }

    private static boolean matches(PaperTables.CifarRow row, MeasuredAccuracy m) {
        Regularization reg = m.regularization();
        return row.model().equals(m.model()) && row.condition().equals(m.condition()) && row.randomCrop() == reg.randomCrop()
                && row.weightDecay() == (reg.weightDecay() > 0);
    }

    private static Table1Line line(PaperTables.CifarRow row, Table1Line.Status status, String profile, MeasuredAccuracy m,
                                   String note) {
        return new Table1Line(Table1Line.TABLE_1, row.model(), row.randomCrop(), row.weightDecay(), null, null, row.condition(),
                row.trainAccuracy(), row.testAccuracy(), null, row.source(), status, profile, m, note);
    }

    private static String measuredNote(MeasuredAccuracy m) {
        List<String> parts = new ArrayList<>();
        if (!m.regularization().isNone()) {
            parts.add("measured with " + m.regularization().label());
        }
        if (!"cifar10".equals(m.dataset())) {
            parts.add("measured on " + m.dataset() + ", not CIFAR-10");
        }
        return String.join("; ", parts);
    }

    private static String whyNotInTable1(MeasuredAccuracy m) {
        if (m.regularization().dropout() > 0) {
            return "dropout is not a column of Table 1: the paper used dropout only for Inception V3 on ImageNet,"
                    + " so dropout on CIFAR-10 is an extension of the paper";
        }
        if ("random-labels".equals(m.condition())) {
            return "Table 1 gives random-label rows only without random crop and weight decay";
        }
        return "Table 1 has no row for this model with " + m.regularization().label();
    }

    private static List<String> notes(MeasuredAccuracies measured) {
        List<String> notes = new ArrayList<>();
        notes.add("Measured figures are means over the seeds shown; a run that several claim cases share (memoised runs, and"
                + " label corruption at p = 0 or 1, which is the same labelling as true or random labels) counts once.");
        notes.add("A row's weight decay matches a run with any coefficient above 0 (the run's coefficient is shown); the paper's"
                + " coefficient is not in the transcription the fixture was made from.");
        if (measured.controlRecords() > 0) {
            notes.add(measured.controlRecords() + " negative-control case record(s) left out: they train deliberately crippled"
                    + " networks or budgets to guard the claim tests.");
        }
        if (measured.otherConditionRuns() > 0) {
            notes.add(measured.otherConditionRuns() + " run(s) on other randomizations (partial label corruption, shuffled or"
                    + " random pixels, Gaussian) left out: they are Fig. 1's, shown in SUMMARY.md.");
        }
        if (measured.variants().isEmpty()) {
            notes.add("No true- or random-label training runs were found in this run's case records.");
        }
        return notes;
    }
}
