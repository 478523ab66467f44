package io.github.rethinkinggeneralization.claims.support;

import io.github.rethinkinggeneralization.claims.ModelScale;
import io.github.rethinkinggeneralization.claims.Profile;
import io.github.rethinkinggeneralization.model.Architecture;
import java.util.List;
import java.util.stream.Stream;

/**
 * The paper's four CIFAR-10 networks (Table 1, Appendix A) as the claim tests' cases see them at
 * this run's profile and on its dataset, and the case names they share: "what / dataset / scale",
 * the scale reading "not at <profile>" where the profile does not run the network (its case is
 * then skipped, saying so, rather than left out of the report).
 */
public record PaperNetworks(Profile profile, String dataset) {
    /** MLP 1x512, MLP 3x512, small Alexnet and small Inception (with batch norm), in the paper's order. */
    public static final List<Architecture> ALL = List.of(Architecture.MLP_1X512, Architecture.MLP_3X512,
            Architecture.SMALL_ALEXNET, Architecture.SMALL_INCEPTION);

    /** The networks at this run's profile and dataset (an absent named dataset skips the caller). */
    public static PaperNetworks atProfile() {
        return new PaperNetworks(ClaimRuns.profile(), ClaimRuns.dataset().id());
    }

    public Stream<Architecture> stream() {
        return ALL.stream();
    }

    /** {@code what} (the network and condition, in the claim's words), then " / dataset / scale". */
    public String caseName(Architecture architecture, String what) {
        return what + " / " + dataset + " / "
                + profile.scale(architecture).map(ModelScale::describe).orElse("not at " + profile.name());
    }
}
