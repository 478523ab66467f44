package io.github.rethinkinggeneralization.claims;

import com.fasterxml.jackson.databind.JsonNode;

/** The claim thresholds of {@code fixtures/thresholds.json}; each has a value and a reason. */
public final class Thresholds {
    private final JsonNode root;

    private Thresholds(JsonNode root) {
        this.root = root;
    }

    public static Thresholds load() {
        return new Thresholds(Fixtures.read("thresholds.json"));
    }

    /** The threshold {@code name}; a missing one or one without a reason is a clear error. */
    public Threshold get(String name) {
        JsonNode t = root.get(name);
        if (t == null || !t.has("value") || !t.has("reason") || t.get("reason").asText().isBlank()) {
            throw new IllegalStateException("fixtures/thresholds.json: threshold '" + name
                    + "' is missing or has no value/reason; add {\"value\": ..., \"reason\": \"...\"}");
        }
        return new Threshold(name, t.get("value").asDouble(), t.get("reason").asText());
    }

    public double value(String name) {
        return get(name).value();
    }
}
