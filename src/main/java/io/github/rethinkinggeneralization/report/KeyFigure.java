package io.github.rethinkinggeneralization.report;

import java.util.Locale;

/**
 * One measured figure of a claim, with its 95 % interval where it has one and the paper's figure
 * beside it where the paper gives one. {@code unit} is {@code fraction} (printed as a percentage),
 * {@code steps}, {@code ratio} or {@code number}; {@code metric} names what was measured
 * ({@code trainAccuracy}, {@code testAccuracy}, {@code testError}, {@code stepsToTarget}, ...), and
 * {@code id} is stable across runs of the same profile, so baselines can be matched on it.
 */
public record KeyFigure(String id, String claimId, String caseName, String label, String metric, String unit,
                        double value, Double low, Double high, Double paper, String paperSource) {

    public static final String FRACTION = "fraction";
    public static final String STEPS = "steps";
    public static final String RATIO = "ratio";
    public static final String NUMBER = "number";

    public boolean hasInterval() {
        return low != null && high != null;
    }

    /** True for accuracies and error rates, the figures a baseline must reproduce. */
    public boolean isAccuracy() {
        return FRACTION.equals(unit);
    }

    public String formatValue() {
        return format(value, unit);
    }

    public String formatInterval() {
        return hasInterval() ? "[" + bare(low, unit) + ", " + bare(high, unit) + "]" : "";
    }

    public String formatPaper() {
        return paper == null ? "" : format(paper, unit);
    }

    /** "8.1 % [6.6, 9.9]". */
    public String formatWithInterval() {
        return formatValue() + (hasInterval() ? " " + formatInterval() : "");
    }

    static String format(double v, String unit) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        return switch (unit) {
            case FRACTION -> bare(v, unit) + " %";
            case STEPS -> String.format(Locale.ROOT, "%.0f", v);
            case RATIO -> String.format(Locale.ROOT, "%.2fx", v);
            default -> number(v);
        };
    }

    static String bare(double v, String unit) {
        return FRACTION.equals(unit) ? String.format(Locale.ROOT, "%.1f", 100 * v) : format(v, unit);
    }

    /** A number in a short readable form: 3 significant digits, scientific when tiny or huge. */
    static String number(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return String.valueOf(v);
        }
        double a = Math.abs(v);
        if (a != 0 && (a < 1e-3 || a >= 1e5)) {
            return String.format(Locale.ROOT, "%.2e", v);
        }
        if (a == Math.rint(a)) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        return String.format(Locale.ROOT, "%.3g", v);
    }
}
