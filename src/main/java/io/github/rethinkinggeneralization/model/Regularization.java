package io.github.rethinkinggeneralization.model;

/**
 * The explicit regularizers a run switches on (Section 3): weight decay (an l2 penalty with this
 * coefficient; 0 = off), dropout (probability of dropping a hidden unit; 0 = off; an extension of
 * the paper on CIFAR-10) and random-crop augmentation (random 28x28 crops plus left-right flips).
 */
public record Regularization(double weightDecay, double dropout, boolean randomCrop) {

    /** Every explicit regularizer off, as in the paper's randomization tests. */
    public static Regularization none() {
        return new Regularization(0, 0, false);
    }

    public Regularization {
        if (weightDecay < 0) {
            throw new IllegalArgumentException("weight decay must be >= 0, got " + weightDecay);
        }
        if (dropout < 0 || dropout >= 1) {
            throw new IllegalArgumentException("dropout must lie in [0, 1), got " + dropout);
        }
    }

    public Regularization withWeightDecay(double wd) { return new Regularization(wd, dropout, randomCrop); }

    public Regularization withDropout(double d) { return new Regularization(weightDecay, d, randomCrop); }

    public Regularization withRandomCrop(boolean on) { return new Regularization(weightDecay, dropout, on); }

    /** True when no explicit regularizer is on. */
    public boolean isNone() {
        return weightDecay == 0 && dropout == 0 && !randomCrop;
    }

    /** Short label for reports: "none" or e.g. "wd=5.0E-4+crop". */
    public String label() {
        if (isNone()) {
            return "none";
        }
        StringBuilder b = new StringBuilder();
        if (weightDecay > 0) b.append("wd=").append(weightDecay);
        if (dropout > 0) b.append(b.isEmpty() ? "" : "+").append("dropout=").append(dropout);
        if (randomCrop) b.append(b.isEmpty() ? "" : "+").append("crop");
        return b.toString();
    }
}
