package io.github.rethinkinggeneralization.model;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What {@code /proc/cpuinfo} says about the machine: the model name, the flags of the first CPU
 * ({@code Features} on ARM) and the number of physical cores. Read by the hardware fingerprint and
 * by {@link CpuBackendSettings}, which picks OpenBLAS's kernels from the flags.
 */
public record CpuInfo(Optional<String> model, List<String> flags, Optional<Integer> physicalCores) {

    public CpuInfo {
        flags = List.copyOf(flags);
    }

    /** The file parsed; an absent or unreadable file gives no model, no flags and no core count. */
    public static CpuInfo read(Path cpuinfo) {
        String text;
        try {
            text = Files.isReadable(cpuinfo) ? Files.readString(cpuinfo, StandardCharsets.UTF_8) : "";
        } catch (IOException | RuntimeException e) {
            text = "";
        }
        return parse(text);
    }

    /** The text of a {@code /proc/cpuinfo} file parsed. */
    public static CpuInfo parse(String cpuinfo) {
        String model = null;
        List<String> flags = List.of();
        Set<String> cores = new HashSet<>();
        String physicalId = "0";
        for (String line : cpuinfo.split("\n")) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String key = line.substring(0, colon).trim();
            String value = line.substring(colon + 1).trim();
            switch (key) {
                case "model name", "Model", "cpu model" -> model = model == null ? value : model;
                case "flags", "Features" -> flags = flags.isEmpty() ? Arrays.asList(value.split("\\s+")) : flags;
                case "physical id" -> physicalId = value;
                case "core id" -> cores.add(physicalId + ":" + value);
                default -> { }
            }
        }
        return new CpuInfo(Optional.ofNullable(model), flags, cores.isEmpty() ? Optional.empty() : Optional.of(cores.size()));
    }
}
