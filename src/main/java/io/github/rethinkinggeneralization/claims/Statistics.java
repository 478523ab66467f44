package io.github.rethinkinggeneralization.claims;

import java.util.List;

/** The small statistics the claims need: means, spreads, confidence intervals, a straight-line fit. */
public final class Statistics {
    private Statistics() {
    }

    /** A closed interval. */
    public record Interval(double low, double high) {
        public boolean contains(double x) {
            return x >= low && x <= high;
        }
    }

    /** Least-squares line y = intercept + slope·x with its coefficient of determination. */
    public record LineFit(double slope, double intercept, double rSquared) {
    }

    public static double mean(List<Double> xs) {
        return xs.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }

    /** Sample standard deviation (0 for a single value). */
    public static double sd(List<Double> xs) {
        if (xs.size() < 2) {
            return 0;
        }
        double m = mean(xs);
        double s = 0;
        for (double x : xs) {
            s += (x - m) * (x - m);
        }
        return Math.sqrt(s / (xs.size() - 1));
    }

    /** 95 % t-interval of the mean over seeds (degenerate for one seed). */
    public static Interval meanInterval95(List<Double> xs) {
        double m = mean(xs);
        if (xs.size() < 2) {
            return new Interval(m, m);
        }
        double half = tQuantile975(xs.size() - 1) * sd(xs) / Math.sqrt(xs.size());
        return new Interval(m - half, m + half);
    }

    private static double tQuantile975(int df) {
        double[] t = {12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228};
        return df <= t.length ? t[df - 1] : 1.96 + 2.4 / df;
    }

    /**
     * Wilson score interval of a binomial proportion measured as {@code successes/n}, at the
     * two-sided confidence level whose normal quantile is {@code z} (2.576 for 99 %).
     */
    public static Interval wilson(double proportion, int n, double z) {
        double z2 = z * z;
        double centre = (proportion + z2 / (2 * n)) / (1 + z2 / n);
        double half = z / (1 + z2 / n) * Math.sqrt(proportion * (1 - proportion) / n + z2 / (4.0 * n * n));
        return new Interval(centre - half, centre + half);
    }

    /** Ordinary least squares of y on x. */
    public static LineFit fitLine(List<Double> x, List<Double> y) {
        int n = x.size();
        double mx = mean(x);
        double my = mean(y);
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < n; i++) {
            sxy += (x.get(i) - mx) * (y.get(i) - my);
            sxx += (x.get(i) - mx) * (x.get(i) - mx);
            syy += (y.get(i) - my) * (y.get(i) - my);
        }
        double slope = sxy / sxx;
        double r2 = syy == 0 ? 0 : (sxy * sxy) / (sxx * syy);
        return new LineFit(slope, my - slope * mx, r2);
    }
}
