package io.github.rethinkinggeneralization.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ThreadsPerTrainingTest {

    @Test
    void sharesTheCoresOutAmongTheTrainings() {
        assertThat(ThreadsPerTraining.of(null, 2, 1)).isEqualTo(2);
        assertThat(ThreadsPerTraining.of(null, 2, 2)).isEqualTo(1);
        assertThat(ThreadsPerTraining.of(null, 2, 3)).isEqualTo(1);
        assertThat(ThreadsPerTraining.of(null, 16, 2)).isEqualTo(8);
        assertThat(ThreadsPerTraining.of(null, 3, 2)).isEqualTo(1);
    }

    @Test
    void aValueOfItsOwnWins() {
        assertThat(ThreadsPerTraining.of("2", 2, 2)).isEqualTo(2);
        assertThat(ThreadsPerTraining.of(" 1 ", 16, 1)).isEqualTo(1);
    }

    @Test
    void aBadValueIsAConfigurationErrorNamingTheProperty() {
        for (String bad : new String[] {"0", "-1", "one", ""}) {
            assertThatThrownBy(() -> ThreadsPerTraining.of(bad, 2, 1)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(ThreadsPerTraining.PROPERTY).hasMessageContaining(CpuBackendSettings.TRAININGS_PROPERTY);
        }
    }
}
