package io.github.rethinkinggeneralization.theory;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.rethinkinggeneralization.claims.Fixtures;
import io.github.rethinkinggeneralization.claims.Threshold;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The theory claims' data from {@code fixtures/theory.json} for one profile: the cases of C6 and
 * C7, their thresholds (each with its reason) and the paper's reference numbers.
 */
public final class TheoryFixture {
    /** The fixture file under {@code fixtures/}. */
    public static final String FILE = "theory.json";

    private final JsonNode root;
    private final JsonNode profile;
    private final String profileName;

    private TheoryFixture(JsonNode root, String profileName) {
        this.root = root;
        this.profileName = profileName;
        this.profile = root.path("profiles").get(profileName);
        if (profile == null) {
            throw new IllegalStateException("fixtures/" + FILE + " has no cases for profile '" + profileName
                    + "'; add it under \"profiles\"");
        }
    }

    /** The cases of the named profile. */
    public static TheoryFixture load(String profileName) {
        return new TheoryFixture(Fixtures.read(FILE), profileName);
    }

    /** C6's runs, seeded with {@code seed}. */
    public List<ExpressivitySpec> expressivity(long seed) {
        List<ExpressivitySpec> out = new ArrayList<>();
        for (JsonNode c : required(profile, "expressivity")) {
            String inputs = required(c, "inputs").asText();
            int n = required(c, "n").asInt();
            LabelKind labels = LabelKind.fromId(required(c, "labels").asText());
            out.add(ExpressivitySpec.GAUSSIAN.equals(inputs)
                    ? ExpressivitySpec.gaussian(n, required(c, "d").asInt(), labels, seed)
                    : ExpressivitySpec.images(inputs, n, labels, seed));
        }
        return List.copyOf(out);
    }

    /** C7's kernel runs, seeded with {@code seed}. */
    public List<KernelCase> kernel(long seed) {
        List<KernelCase> out = new ArrayList<>();
        for (JsonNode c : required(profile, "kernel")) {
            String dataset = required(c, "dataset").asText();
            int nTrain = required(c, "nTrain").asInt();
            int nTest = required(c, "nTest").asInt();
            KernelSpec spec = KernelSpec.GAUSSIAN.equals(required(c, "kernel").asText())
                    ? KernelSpec.gaussian(dataset, required(c, "bandwidthScale").asDouble(), nTrain, nTest, seed)
                    : KernelSpec.linear(dataset, nTrain, nTest, seed);
            out.add(new KernelCase(spec, c.has("reference") ? Optional.of(reference(c.get("reference").asText())) : Optional.empty()));
        }
        return List.copyOf(out);
    }

    /** The singular-kernel control: a linear kernel on more images than pixels. */
    public KernelSpec singularControl(long seed) {
        JsonNode c = required(profile, "singularControl");
        return KernelSpec.linear(required(c, "dataset").asText(), required(c, "nTrain").asInt(), required(c, "nTest").asInt(), seed);
    }

    /** The random-label control: a Gaussian kernel interpolating random classes (and its true-label twin). */
    public KernelSpec randomLabelControl(long seed) {
        JsonNode c = required(profile, "randomLabelControl");
        return KernelSpec.gaussian(required(c, "dataset").asText(), required(c, "bandwidthScale").asDouble(),
                required(c, "nTrain").asInt(), required(c, "nTest").asInt(), seed).withLabels(LabelKind.RANDOM_CLASSES);
    }

    /** C7's SGD comparisons, seeded with {@code seed}. */
    public List<SgdCase> sgd(long seed) {
        List<SgdCase> out = new ArrayList<>();
        for (JsonNode c : required(profile, "sgd")) {
            SgdSpec spec = new SgdSpec(required(c, "epochs").asInt(), required(c, "batchSize").asInt(),
                    required(c, "stepFraction").asDouble(), required(c, "initScale").asDouble(), seed);
            out.add(new SgdCase(required(c, "inputs").asText(), required(c, "n").asInt(), c.path("d").asInt(0), spec,
                    required(c, "converges").asBoolean()));
        }
        return List.copyOf(out);
    }

    /** The threshold {@code name}; a missing one or one without a reason is a clear error. */
    public Threshold threshold(String name) {
        return Threshold.from(root.path("thresholds").get(name), FILE, name);
    }

    /** The paper's reference number {@code name}. */
    public PaperReference reference(String name) {
        JsonNode r = root.path("reference").get(name);
        if (r == null || !r.has("value") || r.path("source").asText().isBlank()) {
            throw new IllegalStateException("fixtures/" + FILE + ": reference '" + name + "' is missing or has no value/source");
        }
        return new PaperReference(name, r.get("value").asDouble(), r.get("source").asText());
    }

    private JsonNode required(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            throw new IllegalStateException("fixtures/" + FILE + " (profile '" + profileName + "'): field '" + field
                    + "' is missing in " + node);
        }
        return v;
    }
}
