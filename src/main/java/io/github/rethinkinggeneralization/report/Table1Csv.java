package io.github.rethinkinggeneralization.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Renders a {@link Table1Report} as {@code reports/TABLE1.csv}: one line per {@link Table1Line}
 * in TABLE1.md's order, RFC 4180 quoting, accuracies as fractions, empty where there is no value.
 */
public final class Table1Csv {
    /** The header, in column order. */
    public static final List<String> COLUMNS = List.of("table", "model", "random_crop", "weight_decay", "dropout",
            "data_augmentation", "labels", "paper_train_accuracy", "paper_test_accuracy", "paper_test_top5_accuracy",
            "paper_source", "status", "profile", "dataset", "n_train", "n_test", "width", "max_epochs", "seeds",
            "measured_regularization", "measured_train_accuracy", "measured_test_accuracy", "cases", "note");

    private static final CsvMapper MAPPER = CsvMapper.builder().enable(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING).build();

    private Table1Csv() {
    }

    public static String render(Table1Report t) {
        CsvSchema.Builder schema = CsvSchema.builder().setUseHeader(true);
        COLUMNS.forEach(schema::addColumn);
        List<List<String>> rows = new ArrayList<>();
        t.lines().forEach(l -> rows.add(row(l)));
        try {
            return MAPPER.writer(schema.build()).writeValueAsString(rows);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> row(Table1Line l) {
        MeasuredAccuracy m = l.measured();
        // Table 2's regularizer columns are null only where the transcription does not say
        String unstated = Table1Line.TABLE_2.equals(l.table()) ? "not stated" : "";
        return List.of(l.table(), l.model(), flag(l.randomCrop(), ""), flag(l.weightDecay(), unstated), flag(l.dropout(), unstated),
                flag(l.dataAugmentation(), unstated), l.condition(), fraction(l.paperTrain()), fraction(l.paperTest()),
                fraction(l.paperTestTop5()), text(l.paperSource()), l.status().text(), text(l.profile()),
                m == null ? "" : m.dataset(), m == null ? "" : String.valueOf(m.nTrain()), m == null ? "" : String.valueOf(m.nTest()),
                m == null ? "" : String.valueOf(m.width()), m == null ? "" : String.valueOf(m.maxEpochs()),
                m == null ? "" : String.valueOf(m.seeds().size()), m == null ? "" : m.regularization().label(),
                m == null ? "" : fraction(m.trainAccuracy()), m == null ? "" : fraction(m.testAccuracy()),
                m == null ? "" : String.join("; ", m.cases()), text(l.note()));
    }

    private static String flag(Boolean b, String ifNull) {
        return b == null ? ifNull : b ? "yes" : "no";
    }

    private static String fraction(Double v) {
        return v == null || v.isNaN() ? "" : String.format(Locale.ROOT, "%.4f", v);
    }

    private static String text(String s) {
        return s == null ? "" : s;
    }
}
