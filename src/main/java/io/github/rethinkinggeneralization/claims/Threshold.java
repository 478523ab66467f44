package io.github.rethinkinggeneralization.claims;

import com.fasterxml.jackson.databind.JsonNode;

/** A bound a claim is checked against, with the one-line reason it has this value. */
public record Threshold(String name, double value, String reason) {

    /**
     * Reads {@code {"value": ..., "reason": "..."}} from a fixture; a missing entry or one without
     * a value or a non-blank reason is a clear error naming the fixture file.
     *
     * @param node the entry (null when absent)
     * @param file the fixture file's name, for the message
     */
    public static Threshold from(JsonNode node, String file, String name) {
        if (node == null || !node.has("value") || node.path("reason").asText().isBlank()) {
            throw new IllegalStateException("fixtures/" + file + ": threshold '" + name
                    + "' is missing or has no value/reason; add {\"value\": ..., \"reason\": \"...\"}");
        }
        return new Threshold(name, node.get("value").asDouble(), node.get("reason").asText());
    }
}
