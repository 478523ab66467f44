package io.github.rethinkinggeneralization.train;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What one run of {@link ThroughputBenchmark} measured, as data to put runs on different machines
 * (or before and after a change) side by side: {@code throughput.json} (the run's settings and its
 * rows) and {@code throughput.csv} (one line per network, the run's time and host on every line, so
 * that files from several machines can be concatenated). Written at the end of a complete run,
 * each to a temporary file that is then moved into place, so a failed run leaves the previous files.
 *
 * @param measuredAt      when the run ended (ISO-8601 instant)
 * @param cpuModel        the host's CPU model name
 * @param logicalCores    the cores the JVM sees
 * @param backend         the benchmark's first line: backend, helpers, OpenMP settings, SGEMM at start
 * @param trainingsAtOnce copies of each network trained side by side
 * @param threadsPerTraining the threads each copy's OpenMP regions and kernels used
 * @param schedule        warm-up and timed epochs
 * @param rows            one per network, in the order measured
 */
record ThroughputResults(String measuredAt, String cpuModel, int logicalCores, String backend, int trainingsAtOnce,
                         int threadsPerTraining, ThroughputBenchmark.Schedule schedule, List<Row> rows) {
    /** The CSV file's header, in column order. */
    static final List<String> COLUMNS = List.of("measured_at", "cpu_model", "logical_cores", "model", "width",
            "trainings_at_once", "threads_per_training", "images_per_second", "mflop_per_image", "gflop_per_second", "sgemm_gflop_per_second",
            "sgemm_min", "sgemm_max", "share_of_sgemm", "warmup_epochs");

    ThroughputResults {
        rows = List.copyOf(rows);
    }

    /**
     * One network's figures.
     *
     * @param model            the architecture's id
     * @param width            its width multiplier
     * @param imagesPerSecond  training images/s (summed over the copies side by side), median of the timed epochs
     * @param mflopPerImage    counted training MFLOP per image ({@link io.github.rethinkinggeneralization.model.FlopCount})
     * @param gflopPerSecond   images/s times the counted FLOPs
     * @param sgemmMedian      median SGEMM GFLOP/s of the samples taken after its timed epochs
     * @param sgemmMin         lowest of those samples
     * @param sgemmMax         highest of those samples
     * @param shareOfSgemm     GFLOP/s over the SGEMM median, a fraction
     * @param warmupEpochs     warm-up epochs before the timed ones
     */
    record Row(String model, double width, double imagesPerSecond, double mflopPerImage, double gflopPerSecond,
               double sgemmMedian, double sgemmMin, double sgemmMax, double shareOfSgemm, int warmupEpochs) {
    }

    /** The JSON document. */
    String json() {
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The CSV table (RFC 4180 quoting), a header line and one line per row. */
    String csv() {
        CsvSchema.Builder schema = CsvSchema.builder().setUseHeader(true);
        COLUMNS.forEach(schema::addColumn);
        List<List<String>> lines = new ArrayList<>();
        for (Row r : rows) {
            lines.add(List.of(measuredAt, cpuModel, String.valueOf(logicalCores), r.model(), String.valueOf(r.width()),
                    String.valueOf(trainingsAtOnce), String.valueOf(threadsPerTraining), number(r.imagesPerSecond()), number(r.mflopPerImage()),
                    number(r.gflopPerSecond()), number(r.sgemmMedian()), number(r.sgemmMin()), number(r.sgemmMax()),
                    String.format(Locale.ROOT, "%.4f", r.shareOfSgemm()), String.valueOf(r.warmupEpochs())));
        }
        try {
            return new CsvMapper().writer(schema.build()).writeValueAsString(lines);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes {@code throughput.json} and {@code throughput.csv} into {@code dir} (created if need be); returns the JSON file. */
    Path write(Path dir) {
        Path json = dir.resolve("throughput.json");
        replace(json, json());
        replace(dir.resolve("throughput.csv"), csv());
        return json;
    }

    private static String number(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }

    private static void replace(Path file, String text) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage()
                    + " (the benchmark's results go to -Dreports.dir, default reports/, under benchmark/)", e);
        }
    }
}
