package io.github.rethinkinggeneralization.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class Table1CsvTest {
    private static final PaperTables PAPER = PaperTables.read(Path.of("fixtures", "paper-reference.json"));

    private static List<List<String>> parse(String csv) throws IOException {
        try (MappingIterator<List<String>> it = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY)
                .readerForListOf(String.class).readValues(csv)) {
            return it.readAll();
        }
    }

    @Test
    void fieldsWithCommasQuotesAndNewlinesAreQuotedAndReadBack() throws IOException {
        String note = "he said \"fit\", then\nstopped";
        Table1Line line = new Table1Line(Table1Line.TABLE_1, "mlp-1x512", false, false, null, null, "true-labels", 1.0, 0.5051,
                null, "Table 1, MLP 1x512, no crop, no weight decay", Table1Line.Status.NOT_RUN_AT_PROFILE, "ci", null, note);
        Table1Report t = new Table1Report("ci", false, List.of(line), List.of(), List.of(), "", List.of());

        String csv = Table1Csv.render(t);

        assertThat(csv).contains("\"he said \"\"fit\"\", then\nstopped\"").contains(",\"Table 1, MLP 1x512, no crop, no weight decay\",");
        List<List<String>> rows = parse(csv);
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0)).isEqualTo(Table1Csv.COLUMNS);
        assertThat(rows.get(1)).hasSize(Table1Csv.COLUMNS.size());
        assertThat(rows.get(1).get(Table1Csv.COLUMNS.indexOf("note"))).isEqualTo(note);
        assertThat(rows.get(1).get(Table1Csv.COLUMNS.indexOf("paper_test_accuracy"))).isEqualTo("0.5051");
        assertThat(rows.get(1).get(Table1Csv.COLUMNS.indexOf("dropout"))).isEmpty();
    }

    @Test
    void everyLineOfTheReportIsOneCsvRecordInOrder() throws IOException {
        Table1Report t = Table1Builder.build(PAPER, List.of(ReportSamples.record(ReportSamples.outcome("C1", "mlp",
                ReportSamples.run(io.github.rethinkinggeneralization.model.Architecture.MLP_1X512,
                        io.github.rethinkinggeneralization.data.DataCondition.trueLabels(), 1, 0.99, 0.35, 6, true)))), "ci", false);

        List<List<String>> rows = parse(Table1Csv.render(t));

        assertThat(rows).hasSize(1 + 19 + 5).allSatisfy(r -> assertThat(r).hasSize(Table1Csv.COLUMNS.size()));
        List<String> measured = rows.stream().filter(r -> r.get(Table1Csv.COLUMNS.indexOf("status")).equals("measured"))
                .findFirst().orElseThrow();
        assertThat(measured.subList(Table1Csv.COLUMNS.indexOf("dataset"), Table1Csv.COLUMNS.indexOf("cases") + 1))
                .containsExactly("cifar10", "1000", "1000", "1.0", "80", "1", "none", "0.9900", "0.3500", "C1/mlp");
        assertThat(rows.get(rows.size() - 1).get(Table1Csv.COLUMNS.indexOf("weight_decay"))).isEqualTo("not stated");
    }
}
