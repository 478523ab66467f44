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
        return Threshold.from(root.get(name), "thresholds.json", name);
    }

    public double value(String name) {
        return get(name).value();
    }
}
