package io.github.rethinkinggeneralization.claims.support;

import io.github.rethinkinggeneralization.claims.CaseVerdict;
import io.github.rethinkinggeneralization.claims.MemorizationCheck;
import io.github.rethinkinggeneralization.claims.Verdict;
import io.github.rethinkinggeneralization.train.ExperimentResult;
import java.util.Locale;
import org.assertj.core.api.AbstractAssert;

/** AssertJ-style assertions that read like the paper's claims. */
public final class ClaimAssertions {
    private ClaimAssertions() {
    }

    public static RunAssert assertThat(ExperimentResult actual) {
        return new RunAssert(actual);
    }

    public static VerdictAssert assertThat(CaseVerdict actual) {
        return new VerdictAssert(actual);
    }

    /** Assertions on one training run. */
    public static final class RunAssert extends AbstractAssert<RunAssert, ExperimentResult> {
        RunAssert(ExperimentResult actual) {
            super(actual, RunAssert.class);
        }

        private String figures() {
            return String.format(Locale.ROOT, "%s: train %.2f%%, test %.2f%% after %d epochs (%s)", actual.spec().label(),
                    100 * actual.trainAccuracy(), 100 * actual.testAccuracy(),
                    actual.curve().isEmpty() ? 0 : actual.curve().last().epoch(), actual.stopReason());
        }

        /** The run fit its training set to the check's target. */
        public RunAssert memorized(MemorizationCheck check) {
            isNotNull();
            if (!check.memorized(actual)) {
                failWithMessage("expected the run to memorize its training set, but %s", figures());
            }
            return this;
        }

        /** The run did NOT fit its training set to the target (negative controls). */
        public RunAssert didNotMemorize(MemorizationCheck check) {
            isNotNull();
            if (check.memorized(actual)) {
                failWithMessage("negative control memorized, so the claim's predicate cannot fail: %s", figures());
            }
            return this;
        }

        public RunAssert atChanceOnTest(MemorizationCheck check) {
            if (!check.atChance(actual)) {
                failWithMessage("expected test accuracy at chance, but %s", figures());
            }
            return this;
        }

        public RunAssert notAtChanceOnTest(MemorizationCheck check) {
            if (check.atChance(actual)) {
                failWithMessage("negative control: expected test accuracy away from chance, but %s", figures());
            }
            return this;
        }

        public RunAssert trainAccuracyBelow(double bound) {
            if (!(actual.trainAccuracy() < bound)) {
                failWithMessage("negative control: expected training accuracy below %.2f%%, but %s", 100 * bound, figures());
            }
            return this;
        }
    }

    /** Assertions on a case's verdict. */
    public static final class VerdictAssert extends AbstractAssert<VerdictAssert, CaseVerdict> {
        VerdictAssert(CaseVerdict actual) {
            super(actual, VerdictAssert.class);
        }

        /** Only a reproduced claim passes; the message carries the verdict and its figures. */
        public VerdictAssert isReproduced() {
            isNotNull();
            if (actual.verdict() != Verdict.REPRODUCED) {
                failWithMessage("claim %s: %s", actual.verdict(), actual.explanation());
            }
            return this;
        }

        /** A negative control passes only where the claim's predicate came out false (see {@link NegativeControl}). */
        public VerdictAssert holdsAsNegativeControl() {
            isNotNull();
            if (actual.verdict() != Verdict.REPRODUCED) {
                failWithMessage("negative control %s: %s", actual.verdict(), actual.explanation());
            }
            return this;
        }
    }
}
