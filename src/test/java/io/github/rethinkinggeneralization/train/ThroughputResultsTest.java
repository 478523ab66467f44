package io.github.rethinkinggeneralization.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The benchmark's results files: what they hold, read back, and a directory that cannot be written. */
class ThroughputResultsTest {
    private static final ThroughputResults RESULTS = new ThroughputResults("2026-12-06T22:00:00Z",
            "Intel(R) Xeon(R) Processor, \"test\"", 2, "backend CpuBackend, 2 cores", 2, 1,
            new ThroughputBenchmark.Schedule(3, 25, 9),
            List.of(new ThroughputResults.Row("mlp-1x512", 1.0, 15443.2, 7.26, 112.1, 104.7, 80.1, 150.3, 1.0707, 300),
                    new ThroughputResults.Row("small-inception", 0.125, 1252.4, 20.48, 25.64, 122.7, 78.0, 127.0, 0.209, 9)));

    @Test
    void writesTheRunAsJsonAndOneCsvLinePerNetwork(@TempDir Path dir) throws IOException {
        Path json = RESULTS.write(dir.resolve("benchmark"));

        assertThat(json).isEqualTo(dir.resolve("benchmark/throughput.json"));
        JsonNode tree = new ObjectMapper().readTree(json.toFile());
        assertThat(tree.get("trainingsAtOnce").asInt()).isEqualTo(2);
        assertThat(tree.get("threadsPerTraining").asInt()).isEqualTo(1);
        assertThat(tree.get("schedule").get("timedEpochs").asInt()).isEqualTo(9);
        assertThat(tree.get("rows")).hasSize(2);
        assertThat(tree.get("rows").get(1).get("model").asText()).isEqualTo("small-inception");
        assertThat(tree.get("rows").get(1).get("imagesPerSecond").asDouble()).isEqualTo(1252.4);

        List<List<String>> csv = readCsv(dir.resolve("benchmark/throughput.csv"));
        assertThat(csv.get(0)).isEqualTo(ThroughputResults.COLUMNS);
        assertThat(csv).hasSize(3);
        assertThat(csv.get(2)).containsExactly("2026-12-06T22:00:00Z", "Intel(R) Xeon(R) Processor, \"test\"", "2",
                "small-inception", "0.125", "2", "1", "1252.40", "20.48", "25.64", "122.70", "78.00", "127.00", "0.2090", "9");
        try (var files = Files.list(dir.resolve("benchmark"))) {
            assertThat(files.map(p -> p.getFileName().toString())).as("no temporary file left")
                    .containsExactlyInAnyOrder("throughput.json", "throughput.csv");
        }
    }

    @Test
    void aDirectoryThatCannotBeWrittenIsNamed(@TempDir Path dir) throws IOException {
        Path notADirectory = Files.writeString(dir.resolve("benchmark"), "a file");

        assertThatThrownBy(() -> RESULTS.write(notADirectory))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("benchmark")
                .hasMessageContaining("-Dreports.dir");
    }

    private static List<List<String>> readCsv(Path file) throws IOException {
        CsvMapper mapper = new CsvMapper();
        mapper.enable(CsvParser.Feature.WRAP_AS_ARRAY);
        try (var it = mapper.readerFor(List.class).<List<String>>readValues(file.toFile())) {
            return it.readAll();
        }
    }
}
