package io.github.rethinkinggeneralization.model;

import java.util.Locale;

/** The CIFAR-10 architectures of the paper's Appendix A, with their Table 1 parameter counts. */
public enum Architecture {
    MLP_1X512("MLP 1x512", 1_209_866, 0.01),
    MLP_3X512("MLP 3x512", 1_735_178, 0.01),
    SMALL_ALEXNET("Alexnet (small)", 1_387_786, 0.01),
    SMALL_INCEPTION("Inception (small)", 1_649_402, 0.1),
    SMALL_INCEPTION_NO_BN("Inception w/o BatchNorm", 1_649_402, 0.1);

    private final String paperName;
    private final long paperParameterCount;
    private final double paperLearningRate;

    Architecture(String paperName, long paperParameterCount, double paperLearningRate) {
        this.paperName = paperName;
        this.paperParameterCount = paperParameterCount;
        this.paperLearningRate = paperLearningRate;
    }

    /** The name Table 1 uses. */
    public String paperName() { return paperName; }

    /** Table 1's parameter count (full width, 28x28x3 inputs). */
    public long paperParameterCount() { return paperParameterCount; }

    /** The paper's initial learning rate: 0.1 for Inception, 0.01 otherwise. */
    public double paperLearningRate() { return paperLearningRate; }

    /** True for the convolutional nets. */
    public boolean convolutional() {
        return this != MLP_1X512 && this != MLP_3X512;
    }

    /** Lower-case hyphenated id used in fixtures and reports ("small-inception"). */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Architecture fromId(String id) {
        return valueOf(id.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
    }
}
