package io.github.rethinkinggeneralization.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The paper's figures that the summary prints beside the measured ones, from
 * {@code fixtures/paper-reference.json}: Table 1 accuracies by model and data condition (the rows
 * without random crop and weight decay, the setting of the unregularized claim runs; the whole table
 * is {@link PaperTables}), and the paper's statement (with its section) behind each claim.
 */
public final class PaperFigures {
    /** A Table 1 row: training and test accuracy (fractions) and where they are printed. */
    public record Table1Row(String model, String condition, double trainAccuracy, double testAccuracy, String source) {
    }

    /** A qualitative statement of the paper and where it is made. */
    public record Statement(String text, String source) {
    }

    private final Map<String, Table1Row> table1 = new LinkedHashMap<>();
    private final Map<String, Statement> claimStatements = new LinkedHashMap<>();
    private final Map<String, Statement> statements = new LinkedHashMap<>();

    private PaperFigures() {
    }

    /** No reference figures (the summary then prints none). */
    public static PaperFigures none() {
        return new PaperFigures();
    }

    /** The figures of {@code file} ({@code fixtures/paper-reference.json}); {@link #none()} where it is absent. */
    public static PaperFigures read(Path file) {
        return Json.readTreeIfPresent(file).map(PaperFigures::from).orElseGet(PaperFigures::none);
    }

    static PaperFigures from(JsonNode root) {
        PaperFigures p = new PaperFigures();
        // a row without the randomCrop/weightDecay fields is an unregularized one
        root.path("table1").forEach(r -> {
            if (!r.path("randomCrop").asBoolean(false) && !r.path("weightDecay").asBoolean(false)) {
                p.table1.put(r.path("model").asText() + "/" + r.path("condition").asText(),
                        new Table1Row(r.path("model").asText(), r.path("condition").asText(), r.path("trainAccuracy").asDouble(),
                                r.path("testAccuracy").asDouble(), r.path("source").asText()));
            }
        });
        root.path("statements").fields().forEachRemaining(e -> p.statements.put(e.getKey(),
                new Statement(e.getValue().path("text").asText(), e.getValue().path("source").asText())));
        root.path("claimStatements").fields().forEachRemaining(e -> {
            Statement s = p.statements.get(e.getValue().asText());
            if (s != null) {
                p.claimStatements.put(e.getKey(), s);
            }
        });
        return p;
    }

    /** Table 1's row for a model id ("mlp-1x512") and condition id ("random-labels"), if printed. */
    public Optional<Table1Row> table1(String model, String condition) {
        return Optional.ofNullable(table1.get(model + "/" + condition));
    }

    /** The paper's statement behind a claim id, if the fixture names one. */
    public Optional<Statement> claim(String claimId) {
        return Optional.ofNullable(claimStatements.get(claimId));
    }

    /** A named statement ("fig1b"). */
    public Optional<Statement> statement(String key) {
        return Optional.ofNullable(statements.get(key));
    }
}
