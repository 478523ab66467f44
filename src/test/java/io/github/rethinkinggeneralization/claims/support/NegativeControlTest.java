package io.github.rethinkinggeneralization.claims.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.rethinkinggeneralization.claims.CaseVerdict;
import io.github.rethinkinggeneralization.claims.Verdict;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NegativeControlTest {

    @Test
    void controlsThatHoldReadAsTheStoredCiBaselineHasThem() {
        // the explanations of fixtures/baseline-ci.json (C1, C4, C3, C2), built the way each claim test builds them
        assertThat(NegativeControl.claimPredicate(true, "train 99.80%, test 31.70%"))
                .isEqualTo("negative control: the claim's predicate comes out false, as it must (train 99.80%, test 31.70%)");
        assertThat(NegativeControl.predicateIs("the 'still memorizes' predicate", true) + " (train 11.40%)")
                .isEqualTo("the 'still memorizes' predicate is false, as it must be (train 11.40%)");
        assertThat("steps to target: true labels (full net) 48, random labels (bottleneck) null; "
                + NegativeControl.predicateIs("the 'small constant factor' predicate", true))
                .isEqualTo("steps to target: true labels (full net) 48, random labels (bottleneck) null;"
                        + " the 'small constant factor' predicate is false, as it must be");
        assertThat(NegativeControl.predicateIs("the 'rises steadily' predicate on training errors [0.002, 0.006]", true,
                "the predicate cannot discriminate"))
                .isEqualTo("the 'rises steadily' predicate on training errors [0.002, 0.006] is false, as it must be");
    }

    @Test
    void aTruePredicateSaysTheControlIsBrokenUnlessTheControlNamesAnotherReason() {
        assertThat(NegativeControl.claimPredicate(false, "train 100.00%, test 10.00%"))
                .isEqualTo("negative control: the claim's predicate came out TRUE: the control is broken (train 100.00%, test 10.00%)");
        assertThat(NegativeControl.predicateIs("the 'still memorizes' predicate", false))
                .isEqualTo("the 'still memorizes' predicate is TRUE: the control is broken");
        assertThat(NegativeControl.predicateIs("the 'rises steadily' predicate", false, "the predicate cannot discriminate"))
                .isEqualTo("the 'rises steadily' predicate is TRUE: the predicate cannot discriminate");
    }

    @Test
    void aControlIsReproducedOnlyWhereThePredicateIsFalse() {
        CaseVerdict holds = NegativeControl.verdict(true, "held", Map.of("trainAccuracy", 0.114));
        CaseVerdict broken = NegativeControl.verdict(false, "broken", Map.of());

        assertThat(holds.verdict()).isEqualTo(Verdict.REPRODUCED);
        assertThat(holds.measured()).containsEntry("trainAccuracy", 0.114);
        assertThat(broken.verdict()).isEqualTo(Verdict.REFUTED);
        ClaimAssertions.assertThat(holds).holdsAsNegativeControl();
        assertThatThrownBy(() -> ClaimAssertions.assertThat(broken).holdsAsNegativeControl())
                .isInstanceOf(AssertionError.class).hasMessage("negative control REFUTED: broken");
    }
}
