package io.github.rethinkinggeneralization.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ThreadsPerTrainingTest {

    @Test
    void aTrainingUsesAllTheCoresUnlessToldOtherwise() {
        assertThat(ThreadsPerTraining.of(null, 2)).isEqualTo(2);
        assertThat(ThreadsPerTraining.of(null, 16)).isEqualTo(16);
        assertThat(ThreadsPerTraining.of("1", 2)).isEqualTo(1);
        assertThat(ThreadsPerTraining.of(" 4 ", 16)).isEqualTo(4);
    }

    @Test
    void aBadValueIsAConfigurationErrorNamingTheProperty() {
        for (String bad : new String[] {"0", "-1", "one", ""}) {
            assertThatThrownBy(() -> ThreadsPerTraining.of(bad, 2)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(ThreadsPerTraining.PROPERTY).hasMessageContaining(CpuBackendSettings.TRAININGS_PROPERTY);
        }
    }
}
