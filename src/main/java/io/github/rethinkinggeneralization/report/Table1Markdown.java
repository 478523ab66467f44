package io.github.rethinkinggeneralization.report;

import io.github.rethinkinggeneralization.model.Architecture;
import java.util.Arrays;
import java.util.Locale;

/** Renders a {@link Table1Report} as {@code reports/TABLE1.md}: Table 1, the runs without a row, Table 2, notes. */
public final class Table1Markdown {
    static final String TITLE = "Table 1 and Table 2 side by side: the paper's accuracies and this run's";

    private Table1Markdown() {
    }

    public static String render(Table1Report t) {
        StringBuilder b = new StringBuilder();
        b.append("# ").append(TITLE).append("\n\n");
        if (t.partial()) {
            b.append("> **⚠ PARTIAL RUN:** this run did not complete (see [SUMMARY.md](SUMMARY.md)); rows it did not reach"
                    + " read \"not run at this profile\".\n\n");
        }
        b.append("Profile `").append(t.profile()).append("`. The paper's numbers are full scale (the whole CIFAR-10 training and"
                + " test sets, the networks of Appendix A at full width) and come from `fixtures/paper-reference.json`, each row"
                + " with its source (also in [TABLE1.csv](TABLE1.csv)). The measured numbers are this run's, at the scale on"
                + " their row: dataset · training/test images · width multiplier · epoch budget · profile.\n\n");

        b.append("## Table 1 (CIFAR-10)\n\n");
        b.append("| model | random crop | weight decay | labels | paper train | paper test | measured train | measured test | seeds"
                + " | scale | claims | note |\n");
        b.append("|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (Table1Line l : t.table1()) {
            row(b, name(l.model()), yesNo(l.randomCrop()), yesNo(l.weightDecay()), l.condition(), paper(l.paperTrain()),
                    paper(l.paperTest()), measuredCells(l), l.note());
        }
        b.append('\n');

        if (!t.measuredOnly().isEmpty()) {
            b.append("## Measured runs not in Table 1\n\n");
            b.append("| model | regularizers | labels | measured train | measured test | seeds | scale | claims | why not in Table 1 |\n");
            b.append("|---|---|---|---|---|---|---|---|---|\n");
            for (Table1Line l : t.measuredOnly()) {
                row(b, name(l.model()), l.measured().regularization().label(), l.condition(), measuredCells(l), l.note());
            }
            b.append('\n');
        }

        b.append("## Table 2 (ImageNet, Inception V3): not run\n\n");
        if (!t.table2NotRun().isBlank()) {
            b.append("Not run: ").append(t.table2NotRun()).append(".\n\n");
        }
        b.append("A — is a value that the transcription behind the fixture (`shared/paper`) does not give; the row's note says"
                + " what is known.\n\n");
        b.append("| model | data augmentation | weight decay | dropout | labels | paper top-1 train | paper top-1 test"
                + " | paper top-5 test | measured | note |\n");
        b.append("|---|---|---|---|---|---|---|---|---|---|\n");
        for (Table1Line l : t.table2()) {
            row(b, l.model(), stated(l.dataAugmentation()), stated(l.weightDecay()), stated(l.dropout()), l.condition(),
                    paper(l.paperTrain()), paper(l.paperTest()), paper(l.paperTestTop5()), l.status().text(), l.note());
        }
        b.append('\n');

        if (!t.notes().isEmpty()) {
            b.append("## Notes\n\n");
            t.notes().forEach(n -> b.append("- ").append(n).append('\n'));
        }
        return b.toString();
    }

    /** Measured train, measured test, seeds, scale, claims; or the status across them. */
    private static String[] measuredCells(Table1Line l) {
        MeasuredAccuracy m = l.measured();
        if (m == null) {
            String status = l.status() == Table1Line.Status.NOT_RUN_AT_PROFILE ? "not run at profile `" + l.profile() + "`"
                    : l.status().text();
            return new String[] {status, "—", "—", "—", "—"};
        }
        return new String[] {percent(m.trainAccuracy(), 1), percent(m.testAccuracy(), 1), String.valueOf(m.seeds().size()),
                m.scale(), m.claims()};
    }

    private static void row(StringBuilder b, Object... cells) {
        b.append('|');
        for (Object c : cells) {
            if (c instanceof String[] many) {
                Arrays.stream(many).forEach(x -> b.append(' ').append(cell(x)).append(" |"));
            } else {
                b.append(' ').append(cell(c == null ? "" : c.toString())).append(" |");
            }
        }
        b.append('\n');
    }

    private static String name(String model) {
        try {
            return Architecture.fromId(model).paperName();
        } catch (IllegalArgumentException e) {
            return model;
        }
    }

    private static String yesNo(Boolean b) {
        return b == null ? "" : b ? "yes" : "no";
    }

    private static String stated(Boolean b) {
        return b == null ? "not stated" : yesNo(b);
    }

    private static String paper(Double v) {
        return v == null ? "—" : percent(v, 2);
    }

    static String percent(double v, int decimals) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%." + decimals + "f %%", 100 * v);
    }

    private static String cell(String s) {
        return s.replace("|", "\\|").replace("\n", " ");
    }
}
