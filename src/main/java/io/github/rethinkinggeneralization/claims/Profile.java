package io.github.rethinkinggeneralization.claims;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.rethinkinggeneralization.model.Architecture;
import io.github.rethinkinggeneralization.report.Json;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A scale at which the claim suite runs ({@code ci}, {@code standard}, {@code paper}), read from
 * {@code fixtures/profiles.json}: dataset preference, seeds, the training-accuracy target (with its
 * reason), per-architecture scale, the label-corruption sweep, and the negative controls' network
 * (a bottleneck-width version of a profile model) and budget, and the implicit-regularization
 * cases of C5.
 */
public record Profile(String name, String description, String dataset, List<Long> seeds,
                      double targetTrainAccuracy, String targetReason, Map<String, ModelScale> models,
                      List<String> corruptionModels, List<Double> corruptionLevels,
                      String controlModel, double controlBottleneckWidth, int controlMaxEpochs,
                      List<String> slowdownModels, String slowdownReason, List<String> regularizationModels,
                      double regularizationBudgetFactor, String regularizationBudgetReason,
                      List<String> regularizationSets, String regularizationSetsReason, String notNecessaryAgainst,
                      ImplicitRegularizationCases implicit) {

    /** The property that selects the profile. */
    public static final String PROPERTY = "claims.profile";

    /** The property that restricts a profile to some networks (comma-separated ids). */
    public static final String MODELS_PROPERTY = "claims.models";

    /**
     * The profile named by {@code -Dclaims.profile} (default {@code ci}), restricted to the networks
     * of {@code -Dclaims.models} when that is set.
     */
    public static Profile current() {
        Profile p = load(System.getProperty(PROPERTY, "ci"));
        String only = System.getProperty(MODELS_PROPERTY, "").trim();
        return only.isEmpty() ? p : p.onlyModels(Set.copyOf(List.of(only.split("\\s*,\\s*"))));
    }

    /**
     * This profile with its claim cases restricted to the given networks; the others' cases skip as
     * not run. The negative controls keep their networks (and with them those networks' cases), so
     * every claim can still fail. The batch-norm comparison runs only if small Inception is kept.
     */
    public Profile onlyModels(Set<String> keep) {
        keep.forEach(Architecture::fromId); // fail early on a misspelt architecture
        Set<String> kept = new HashSet<>(keep);
        kept.add(controlModel);
        kept.add(implicit.controlModel());
        if (!regularizationModels.isEmpty()) {
            kept.add(regularizationModels.get(0));
        }
        Map<String, ModelScale> scales = new LinkedHashMap<>();
        models.forEach((id, scale) -> {
            if (kept.contains(id)) {
                scales.put(id, scale);
            }
        });
        ImplicitRegularizationCases imp = new ImplicitRegularizationCases(only(implicit.earlyStoppingModels(), kept),
                implicit.batchNorm() && kept.contains(Architecture.SMALL_INCEPTION.id()),
                kept.contains(Architecture.SMALL_INCEPTION.id()) ? implicit.batchNormReason()
                        : "small Inception is not among -D" + MODELS_PROPERTY + "=" + String.join(",", keep),
                implicit.batchNormLearningRate(), implicit.batchNormGradientClip(), implicit.batchNormScale(),
                implicit.batchNormSeeds(), implicit.controlModel(), implicit.controlCorruption(), implicit.reason());
        return new Profile(name, description + " Restricted to " + String.join(", ", new TreeSet<>(kept)) + " (-D" + MODELS_PROPERTY
                + "=" + String.join(",", new TreeSet<>(keep)) + "; the negative controls keep their networks).", dataset, seeds,
                targetTrainAccuracy, targetReason, Map.copyOf(scales), only(corruptionModels, kept), corruptionLevels, controlModel,
                controlBottleneckWidth, controlMaxEpochs, only(slowdownModels, kept), slowdownReason, only(regularizationModels, kept),
                regularizationBudgetFactor, regularizationBudgetReason, regularizationSets, regularizationSetsReason, notNecessaryAgainst,
                imp);
    }

    private static List<String> only(List<String> ids, Set<String> kept) {
        return ids.stream().filter(kept::contains).toList();
    }

    /** The named profile from {@code fixtures/profiles.json}. */
    public static Profile load(String name) {
        JsonNode all = Fixtures.read("profiles.json");
        JsonNode p = all.get(name);
        if (p == null) {
            List<String> names = new ArrayList<>();
            all.fieldNames().forEachRemaining(names::add);
            throw new IllegalArgumentException("unknown profile '" + name + "' (-D" + PROPERTY + "): fixtures/profiles.json defines "
                    + names);
        }
        ObjectMapper m = Json.mapper();
        Map<String, ModelScale> models = new LinkedHashMap<>();
        p.get("models").fields().forEachRemaining(e -> {
            Architecture.fromId(e.getKey()); // fail early on a misspelt architecture
            models.put(e.getKey(), m.convertValue(e.getValue(), ModelScale.class));
        });
        List<Long> seeds = new ArrayList<>();
        p.get("seeds").forEach(s -> seeds.add(s.asLong()));
        List<String> corruptionModels = new ArrayList<>();
        p.get("corruption").get("models").forEach(s -> corruptionModels.add(s.asText()));
        List<Double> levels = new ArrayList<>();
        p.get("corruption").get("levels").forEach(s -> levels.add(s.asDouble()));
        return new Profile(name, p.get("description").asText(), p.get("dataset").asText(), List.copyOf(seeds),
                p.get("targetTrainAccuracy").get("value").asDouble(), p.get("targetTrainAccuracy").get("reason").asText(),
                Map.copyOf(models), List.copyOf(corruptionModels), List.copyOf(levels),
                p.get("controls").get("model").asText(), p.get("controls").get("bottleneckWidth").asDouble(),
                p.get("controls").get("maxEpochs").asInt(),
                texts(p.get("slowdownModels").get("models")), p.get("slowdownModels").get("reason").asText(),
                texts(p.get("regularization").get("models")), p.get("regularization").get("budgetFactor").asDouble(),
                p.get("regularization").get("budgetReason").asText(), texts(p.get("regularization").get("sets")),
                p.get("regularization").get("setsReason").asText(), p.get("regularization").get("notNecessaryAgainst").asText(),
                implicit(name, p.get("implicit")));
    }

    private static ImplicitRegularizationCases implicit(String profile, JsonNode node) {
        if (node == null) {
            throw new IllegalArgumentException("profile '" + profile + "' in fixtures/profiles.json has no 'implicit' section"
                    + " (earlyStoppingModels, batchNorm, batchNormReason, control {model, corruption, reason}, reason)");
        }
        for (String model : texts(node.get("earlyStoppingModels"))) {
            Architecture.fromId(model); // fail early on a misspelt architecture
        }
        JsonNode control = node.get("control");
        Threshold learningRate = node.has("batchNormLearningRate")
                ? Threshold.from(node.get("batchNormLearningRate"), "profiles.json", profile + ".implicit.batchNormLearningRate") : null;
        Threshold clip = node.has("batchNormGradientClip")
                ? Threshold.from(node.get("batchNormGradientClip"), "profiles.json", profile + ".implicit.batchNormGradientClip") : null;
        ModelScale scale = node.has("batchNormScale") ? Json.mapper().convertValue(node.get("batchNormScale"), ModelScale.class) : null;
        ImplicitRegularizationCases.Seeds seeds = null;
        if (node.has("batchNormSeeds")) {
            JsonNode s = node.get("batchNormSeeds");
            List<Long> values = new ArrayList<>();
            s.path("seeds").forEach(v -> values.add(v.asLong()));
            seeds = new ImplicitRegularizationCases.Seeds(values, s.path("reason").asText(""));
        }
        return new ImplicitRegularizationCases(texts(node.get("earlyStoppingModels")), node.get("batchNorm").asBoolean(),
                node.get("batchNormReason").asText(), learningRate, clip, scale, seeds, control.get("model").asText(), control.get("corruption").asDouble(), control.get("reason").asText());
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(s -> out.add(s.asText()));
        return List.copyOf(out);
    }

    /** The scale of an architecture, if this profile runs it. */
    public Optional<ModelScale> scale(Architecture architecture) {
        return Optional.ofNullable(models.get(architecture.id()));
    }
}
