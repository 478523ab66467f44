package io.github.rethinkinggeneralization.claims;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.rethinkinggeneralization.model.Architecture;
import io.github.rethinkinggeneralization.model.Regularization;
import java.util.Optional;

/**
 * The explicit regularizers of claim C4 as {@code fixtures/regularization.json} sets them, the
 * settings the claim is tested under, and the exceptions the paper itself reports.
 */
public final class RegularizationSettings {
    private final JsonNode root;

    private RegularizationSettings(JsonNode root) {
        this.root = root;
    }

    public static RegularizationSettings load() {
        return new RegularizationSettings(Fixtures.read("regularization.json"));
    }

    /** A setting's value; missing ones are a clear error. */
    public Threshold get(String name) {
        return Threshold.from(root.get(name), "regularization.json", name);
    }

    /** The regularizer sets of Table 1 and Section 3, by name. */
    public Regularization named(String name) {
        Regularization none = Regularization.none();
        double wd = get("weightDecay").value();
        double dropout = get("dropout").value();
        return switch (name) {
            case "weight-decay" -> none.withWeightDecay(wd);
            case "dropout" -> none.withDropout(dropout);
            case "random-crop" -> none.withRandomCrop(true);
            case "all" -> new Regularization(wd, dropout, true);
            default -> throw new IllegalArgumentException("unknown regularizer set '" + name
                    + "': use weight-decay, dropout, random-crop or all");
        };
    }

    /** The paper's own reported exception for a model and regularizer, with its source, if any. */
    public Optional<String> expectedException(Architecture architecture, String regularizer) {
        for (JsonNode e : root.get("expectedExceptions")) {
            if (e.get("model").asText().equals(architecture.id()) && e.get("regularizer").asText().equals(regularizer)) {
                return Optional.of(e.get("expected").asText() + " (" + e.get("source").asText() + ")");
            }
        }
        return Optional.empty();
    }
}
