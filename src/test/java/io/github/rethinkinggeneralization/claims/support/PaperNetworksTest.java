package io.github.rethinkinggeneralization.claims.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.rethinkinggeneralization.claims.ModelScale;
import io.github.rethinkinggeneralization.claims.Profile;
import io.github.rethinkinggeneralization.model.Architecture;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PaperNetworksTest {
    private final Profile ci = Profile.load("ci");

    @Test
    void theFourNetworksOfTable1InThePapersOrder() {
        assertThat(new PaperNetworks(ci, "synthetic").stream()).extracting(Architecture::paperName)
                .containsExactly("MLP 1x512", "MLP 3x512", "Alexnet (small)", "Inception (small)");
    }

    @Test
    void caseNameEndsWithTheDatasetAndTheProfilesScale() {
        PaperNetworks nets = new PaperNetworks(ci, "synthetic");

        assertThat(nets.caseName(Architecture.MLP_1X512, "MLP 1x512 / gaussian"))
                .isEqualTo("MLP 1x512 / gaussian / synthetic / " + ci.scale(Architecture.MLP_1X512).orElseThrow().describe());
    }

    @Test
    void aNetworkTheProfileDoesNotRunIsNamedNotAtTheProfile() {
        Map<String, ModelScale> models = new LinkedHashMap<>(ci.models());
        models.remove(Architecture.SMALL_INCEPTION.id());
        Profile withoutInception = new Profile(ci.name(), ci.description(), ci.dataset(), ci.seeds(), ci.targetTrainAccuracy(),
                ci.targetReason(), models, ci.corruptionModels(), ci.corruptionLevels(), ci.controlModel(),
                ci.controlBottleneckWidth(), ci.controlMaxEpochs(), ci.slowdownModels(), ci.slowdownReason(),
                ci.regularizationModels(), ci.regularizationBudgetFactor(), ci.regularizationBudgetReason(),
                ci.regularizationSets(), ci.regularizationSetsReason(), ci.notNecessaryAgainst(), ci.implicit());

        assertThat(new PaperNetworks(withoutInception, "cifar10").caseName(Architecture.SMALL_INCEPTION, "Inception (small)"))
                .isEqualTo("Inception (small) / cifar10 / not at ci");
    }
}
