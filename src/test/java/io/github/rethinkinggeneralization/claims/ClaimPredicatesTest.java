package io.github.rethinkinggeneralization.claims;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClaimPredicatesTest {

    @Test
    void chanceLiesInsideTheWilsonIntervalOfAChanceLevelAccuracy() {
        assertThat(Statistics.wilson(0.105, 1000, 2.576).contains(0.1)).isTrue();
        assertThat(Statistics.wilson(0.165, 1000, 2.576).contains(0.1)).isFalse();
    }

    @Test
    void steadilyRisingErrorsPassAndFlatOrFallingErrorsDoNot() {
        CorruptionTrend trend = new CorruptionTrend(0.03, 0.85);
        List<Double> p = List.of(0.0, 0.2, 0.4, 0.6, 0.8, 1.0);
        assertThat(trend.risesSteadily(p, List.of(0.6, 0.66, 0.72, 0.79, 0.85, 0.9))).isTrue();
        assertThat(trend.risesSteadily(p, List.of(0.0, 0.001, 0.0, 0.002, 0.0, 0.001))).isFalse();
        assertThat(trend.risesSteadily(p, List.of(0.6, 0.7, 0.6, 0.8, 0.85, 0.9))).isFalse();
    }

    @Test
    void slowdownMustExceedOneAndStaySmall() {
        ConvergenceSlowdown s = new ConvergenceSlowdown(1.0, 5.0);
        assertThat(s.smallConstantFactor(100L, 250L)).isTrue();
        assertThat(s.smallConstantFactor(100L, 90L)).isFalse();
        assertThat(s.smallConstantFactor(100L, 900L)).isFalse();
        assertThat(s.smallConstantFactor(100L, null)).isFalse();
    }

    @Test
    void anyRefutedCaseRefutesAndAnyUndecidedOneIsInconclusive() {
        assertThat(Verdict.all(List.of(Verdict.REPRODUCED, Verdict.REFUTED, Verdict.INCONCLUSIVE))).isEqualTo(Verdict.REFUTED);
        assertThat(Verdict.all(List.of(Verdict.REPRODUCED, Verdict.INCONCLUSIVE))).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(Verdict.all(List.of(Verdict.REPRODUCED))).isEqualTo(Verdict.REPRODUCED);
        assertThat(Verdict.all(List.of())).isEqualTo(Verdict.INCONCLUSIVE);
    }

    @Test
    void lineFitRecoversSlopeAndPerfectRSquared() {
        Statistics.LineFit f = Statistics.fitLine(List.of(0.0, 1.0, 2.0), List.of(1.0, 3.0, 5.0));
        assertThat(f.slope()).isEqualTo(2.0);
        assertThat(f.rSquared()).isEqualTo(1.0);
    }

    @Test
    void aProfileRestrictedToSomeNetworksKeepsTheNegativeControlsNetworks() {
        Profile standard = Profile.load("standard");
        Profile only = standard.onlyModels(java.util.Set.of("mlp-3x512"));
        io.github.rethinkinggeneralization.model.Architecture alexnet = io.github.rethinkinggeneralization.model.Architecture.SMALL_ALEXNET;
        assertThat(only.scale(alexnet)).isEmpty();
        assertThat(only.models().keySet()).containsExactlyInAnyOrder("mlp-3x512", "mlp-1x512"); // mlp-1x512 runs the controls
        assertThat(only.corruptionModels()).containsExactly("mlp-1x512");
        assertThat(only.slowdownModels()).containsExactly("mlp-1x512", "mlp-3x512");
        assertThat(only.implicit().batchNorm()).isFalse();
        assertThat(only.implicit().batchNormReason()).contains("claims.models");
        assertThat(only.description()).contains("Restricted to mlp-1x512, mlp-3x512");
        assertThat(only.seeds()).isEqualTo(standard.seeds());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> standard.onlyModels(java.util.Set.of("resnet")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void everyProfileLoadsWithItsReasons() {
        for (String name : List.of("ci", "standard", "paper")) {
            Profile p = Profile.load(name);
            assertThat(p.targetReason()).isNotBlank();
            assertThat(p.seeds()).isNotEmpty();
            assertThat(p.scale(io.github.rethinkinggeneralization.model.Architecture.fromId(p.controlModel()))).isPresent();
        }
        assertThat(Profile.load("standard").seeds()).hasSizeGreaterThanOrEqualTo(3);
    }

    @Test
    void unknownProfileNamesTheKnownOnes() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Profile.load("huge"))
                .hasMessageContaining("ci").hasMessageContaining("standard");
    }

    @Test
    void everyThresholdHasAReason() {
        Thresholds t = Thresholds.load();
        for (String name : List.of("chance.z", "chance.permutationLevel", "fig1a.convergenceStartLossFraction", "trueLabels.minTestAboveChance", "corruption.monotoneTolerance",
                "corruption.minRSquared", "slowdown.minFactor", "slowdown.maxFactor", "control.maxBottleneckTrainAccuracy")) {
            assertThat(t.get(name).reason()).isNotBlank();
        }
    }
}
