package io.github.rethinkinggeneralization.theory;

/** A number the paper reports, recorded next to a measurement for comparison (never asserted). */
public record PaperReference(String name, double value, String source) {
}
