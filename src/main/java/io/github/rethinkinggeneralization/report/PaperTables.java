package io.github.rethinkinggeneralization.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The paper's Table 1 (CIFAR-10) and Table 2 (ImageNet, Inception V3) row by row, as transcribed
 * in {@code fixtures/paper-reference.json}, each row with its source, and why Table 2 is not run.
 */
public record PaperTables(List<CifarRow> table1, List<ImageNetRow> table2, String table2NotRun) {

    /**
     * A Table 1 row: model id ("small-alexnet"), whether random crop and weight decay are on, the
     * labels ("true-labels" or "random-labels"), training and test accuracy (fractions), source.
     */
    public record CifarRow(String model, boolean randomCrop, boolean weightDecay, String condition, double trainAccuracy,
                           double testAccuracy, String source) {
    }

    /**
     * A Table 2 row. A regularizer or accuracy that {@code shared/paper} does not give is null
     * (never filled in); {@code note} says what is missing. Accuracies are top-1 unless named top-5.
     */
    public record ImageNetRow(String model, Boolean dataAugmentation, Boolean weightDecay, Boolean dropout, String condition,
                              Double trainTop1, Double testTop1, Double testTop5, String note, String source) {
    }

    public PaperTables {
        table1 = List.copyOf(table1);
        table2 = List.copyOf(table2);
    }

    /** No rows (a missing fixture). */
    public static PaperTables none() {
        return new PaperTables(List.of(), List.of(), "");
    }

    /** The tables of {@code file} ({@code fixtures/paper-reference.json}); {@link #none()} where it is absent. */
    public static PaperTables read(Path file) {
        return Json.readTreeIfPresent(file).map(PaperTables::from).orElseGet(PaperTables::none);
    }

    static PaperTables from(JsonNode root) {
        List<CifarRow> t1 = new ArrayList<>();
        root.path("table1").forEach(r -> t1.add(new CifarRow(r.path("model").asText(), r.path("randomCrop").asBoolean(false),
                r.path("weightDecay").asBoolean(false), r.path("condition").asText(), r.path("trainAccuracy").asDouble(),
                r.path("testAccuracy").asDouble(), r.path("source").asText())));
        List<ImageNetRow> t2 = new ArrayList<>();
        root.path("table2").forEach(r -> t2.add(new ImageNetRow(r.path("model").asText(), flag(r, "dataAugmentation"),
                flag(r, "weightDecay"), flag(r, "dropout"), r.path("condition").asText(), number(r, "trainTop1"),
                number(r, "testTop1"), number(r, "testTop5"), r.path("note").asText(""), r.path("source").asText())));
        return new PaperTables(t1, t2, root.path("table2NotRun").asText(""));
    }

    private static Boolean flag(JsonNode row, String field) {
        JsonNode v = row.get(field);
        return v == null || v.isNull() ? null : v.asBoolean();
    }

    private static Double number(JsonNode row, String field) {
        JsonNode v = row.get(field);
        return v == null || v.isNull() ? null : v.asDouble();
    }
}
