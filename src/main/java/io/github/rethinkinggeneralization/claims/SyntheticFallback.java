package io.github.rethinkinggeneralization.claims;

import io.github.rethinkinggeneralization.data.DatasetKind;

/**
 * What a claim verdict means on the synthetic fallback dataset, the one the suite trains on when
 * neither CIFAR-10 nor MNIST is present (a fresh machine). Its images are class templates plus
 * noise, so true labels are separable by construction, and the bounds this suite takes from the
 * paper's CIFAR-10 runs do not transfer to it: measured with an empty data directory at {@code ci},
 * true labels fit in 32 SGD steps against 224 for random ones (a 7x "slowdown" against Fig. 1b's
 * small factor), small Inception fitted random pixels in 120 steps against 54 for random labels
 * (Fig. 1a's order reversed), and MLP 3x512 with random crops reached 93.7 % of random labels in the budget
 * measured for CIFAR-10. A case that does not reproduce there is therefore INCONCLUSIVE (never
 * REFUTED: the paper's claim was not tested), says so, and names how to provide real data; a case
 * that reproduces stays REPRODUCED. Negative controls are not qualified: they must fail their
 * predicate on any data.
 */
public final class SyntheticFallback {
    private SyntheticFallback() {
    }

    /** Whether runs on {@code dataset} (a {@link DatasetKind} id) are on the synthetic fallback. */
    public static boolean isFallback(String dataset) {
        return DatasetKind.SYNTHETIC.id().equals(dataset);
    }

    /**
     * The verdict as it should be reported for a case measured on {@code dataset}: unchanged on real
     * data or when reproduced; otherwise INCONCLUSIVE with the measured explanation and the reason.
     *
     * @param howToProvide the sentence that says how to provide real data (from the data catalog)
     */
    public static CaseVerdict qualify(CaseVerdict verdict, String dataset, String howToProvide) {
        if (!isFallback(dataset) || verdict.reproduced()) {
            return verdict;
        }
        return new CaseVerdict(Verdict.INCONCLUSIVE, verdict.explanation() + " [measured on the synthetic fallback dataset,"
                + " whose class templates make true labels separable by construction; the paper's bounds are for natural"
                + " images, so this is not a test of the claim (was " + verdict.verdict() + "). " + howToProvide + "]",
                verdict.measured());
    }
}
