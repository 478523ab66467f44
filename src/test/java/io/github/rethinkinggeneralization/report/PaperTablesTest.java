package io.github.rethinkinggeneralization.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PaperTablesTest {
    private static final Path FIXTURE = Path.of("fixtures", "paper-reference.json");

    @Test
    void fixtureHoldsEveryRowOfTable1WithItsSource() {
        PaperTables t = PaperTables.read(FIXTURE);

        assertThat(t.table1()).hasSize(19).allSatisfy(r -> assertThat(r.source()).startsWith("Table 1, "));
        assertThat(t.table1()).filteredOn(PaperTables.CifarRow::randomCrop).extracting(PaperTables.CifarRow::model)
                .containsExactly("small-inception", "small-inception", "small-alexnet", "small-alexnet");
        assertThat(t.table1()).filteredOn(r -> r.condition().equals("random-labels"))
                .allMatch(r -> !r.randomCrop() && !r.weightDecay()).hasSize(5);
        assertThat(t.table1()).filteredOn(r -> r.model().equals("small-alexnet") && r.randomCrop() && r.weightDecay())
                .singleElement().satisfies(r -> {
                    assertThat(r.trainAccuracy()).isEqualTo(0.9990);
                    assertThat(r.testAccuracy()).isEqualTo(0.8122);
                });
    }

    @Test
    void table2KeepsWhatTheTranscriptionDoesNotGiveAsNull() {
        PaperTables t = PaperTables.read(FIXTURE);

        assertThat(t.table2()).hasSize(5).allSatisfy(r -> {
            assertThat(r.model()).isEqualTo("Inception V3");
            assertThat(r.source()).startsWith("Table 2, ");
            assertThat(r.note()).isNotBlank();
        });
        assertThat(t.table2().get(0).testTop1()).isNull();
        assertThat(t.table2().get(1).testTop1()).isEqualTo(0.7295);
        assertThat(t.table2().get(3).trainTop1()).isEqualTo(0.9520);
        assertThat(t.table2().get(4).dropout()).isNull();
        assertThat(t.table2NotRun()).contains("ImageNet");
    }

    @Test
    void summaryFiguresStillUseTheRowsWithoutCropAndWeightDecay() {
        PaperFigures p = PaperFigures.read(FIXTURE);

        assertThat(p.table1("small-inception", "true-labels")).hasValueSatisfying(r -> assertThat(r.testAccuracy()).isEqualTo(0.8575));
        assertThat(p.table1("mlp-3x512", "true-labels")).hasValueSatisfying(r -> assertThat(r.testAccuracy()).isEqualTo(0.5239));
        assertThat(p.table1("mlp-1x512", "random-labels")).hasValueSatisfying(r -> assertThat(r.testAccuracy()).isEqualTo(0.1061));
    }

    @Test
    void missingFixtureGivesNoRows() {
        assertThat(PaperTables.read(Path.of("no-such-fixture.json")).table1()).isEmpty();
    }

    @Test
    void fixtureThatIsNotJsonIsRejectedWithItsNameByTablesAndFigures(@TempDir Path dir) throws IOException {
        Path broken = Files.writeString(dir.resolve("paper-reference.json"), "{ \"table1\": [");

        assertThatThrownBy(() -> PaperTables.read(broken)).isInstanceOf(UncheckedIOException.class)
                .hasMessageStartingWith(broken + ": not valid JSON");
        assertThatThrownBy(() -> PaperFigures.read(broken)).isInstanceOf(UncheckedIOException.class)
                .hasMessageStartingWith(broken + ": not valid JSON");
    }
}
