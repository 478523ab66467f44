package io.github.rethinkinggeneralization.claims;

/** A bound a claim is checked against, with the one-line reason it has this value. */
public record Threshold(String name, double value, String reason) {
}
