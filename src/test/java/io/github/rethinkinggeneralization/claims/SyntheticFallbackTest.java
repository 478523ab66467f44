package io.github.rethinkinggeneralization.claims;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SyntheticFallbackTest {
    private static final CaseVerdict REFUTED = new CaseVerdict(Verdict.REFUTED, "slowdown 7.00x", Map.of("slowdown", 7.0));

    @Test
    void aFailedCaseOnTheSyntheticFallbackIsInconclusiveAndSaysWhy() {
        CaseVerdict v = SyntheticFallback.qualify(REFUTED, "synthetic", "Provide CIFAR-10.");
        assertThat(v.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(v.explanation()).startsWith("slowdown 7.00x").contains("synthetic fallback", "was REFUTED", "Provide CIFAR-10.");
        assertThat(v.measured()).containsEntry("slowdown", 7.0);
    }

    @Test
    void realDataVerdictsAndReproducedOnesAreUnchanged() {
        assertThat(SyntheticFallback.qualify(REFUTED, "cifar10", "x")).isEqualTo(REFUTED);
        assertThat(SyntheticFallback.qualify(REFUTED, "mnist", "x")).isEqualTo(REFUTED);
        CaseVerdict ok = new CaseVerdict(Verdict.REPRODUCED, "fine", Map.of());
        assertThat(SyntheticFallback.qualify(ok, "synthetic", "x")).isEqualTo(ok);
    }
}
