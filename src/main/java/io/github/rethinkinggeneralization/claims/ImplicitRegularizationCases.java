package io.github.rethinkinggeneralization.claims;

import java.util.List;

/**
 * Which runs claim C5 (implicit regularization) uses at a profile, from the {@code implicit}
 * section of {@code fixtures/profiles.json}: the networks whose true-label runs are checked for an
 * early-stopping benefit, whether small Inception is compared with and without batch norm (and why
 * or why not), and the
 * early-stopping negative control (a network trained on labels corrupted with probability
 * {@code controlCorruption}, where memorizing the noise costs test accuracy).
 */
public record ImplicitRegularizationCases(List<String> earlyStoppingModels, boolean batchNorm, String batchNormReason,
                                          String controlModel, double controlCorruption, String reason) {

    public ImplicitRegularizationCases {
        earlyStoppingModels = List.copyOf(earlyStoppingModels);
        if (!(controlCorruption > 0 && controlCorruption < 1)) {
            throw new IllegalArgumentException("implicit.controlCorruption must lie in (0, 1), got " + controlCorruption);
        }
    }
}
