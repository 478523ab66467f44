package io.github.rethinkinggeneralization.theory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class TheoryFixtureTest {

    @ParameterizedTest
    @ValueSource(strings = {"ci", "standard", "paper"})
    void everyProfileHasParsableCasesForBothClaims(String profile) {
        TheoryFixture fixture = TheoryFixture.load(profile);

        assertThat(fixture.expressivity(1)).isNotEmpty();
        assertThat(fixture.kernel(1)).isNotEmpty();
        assertThat(fixture.sgd(1)).isNotEmpty();
        assertThat(fixture.singularControl(1).kernel()).isEqualTo(KernelSpec.LINEAR);
        assertThat(fixture.randomLabelControl(1).labels()).isEqualTo(LabelKind.RANDOM_CLASSES);
    }

    @ParameterizedTest
    @ValueSource(strings = {"expressivity.maxToleranceOverLabelRange", "expressivity.minControlErrorOverTolerance",
            "kernel.maxResidualOverTolerance", "kernel.minRandomLabelNormRatio", "sgd.maxRelativeDistance",
            "sgd.maxNullSpaceDistance", "sgd.maxTrainResidual", "sgd.minControlDistance", "sgd.limitAgreement"})
    void everyThresholdTheClaimsReadHasAValueAndAReason(String name) {
        assertThat(TheoryFixture.load("ci").threshold(name).reason()).isNotBlank();
    }

    @Test
    void paperReferenceNumbersAreRecordedWithTheirSource() {
        TheoryFixture fixture = TheoryFixture.load("ci");

        assertThat(fixture.reference("mnistKernelTestError").value()).isEqualTo(0.012);
        assertThat(fixture.reference("cifarGaussianKernelTestError").value()).isEqualTo(0.46);
        assertThat(fixture.kernel(1)).anySatisfy(c -> assertThat(c.reference()).isPresent());
    }

    @Test
    void unknownProfileIsAClearError() {
        assertThatThrownBy(() -> TheoryFixture.load("nonsense"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no cases for profile 'nonsense'");
    }
}
