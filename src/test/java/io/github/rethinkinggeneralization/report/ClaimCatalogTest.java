package io.github.rethinkinggeneralization.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClaimCatalogTest {

    @Test
    void compiledClaimTestsNameTheExpectedClaimsWithoutRunningThem() {
        Map<String, String> claims = ClaimCatalog.scan(Path.of("target", "test-classes"));

        assertThat(claims).containsKeys("C1", "C2", "C3", "C6", "C7");
        assertThat(claims.get("C1")).isEqualTo("deep nets memorize random labels and noise");
        assertThat(new java.util.ArrayList<>(claims.keySet())).isSortedAccordingTo(SummaryBuilder::compareClaimIds);
    }

    @Test
    void eachCompiledClaimTestClassMapsToTheClaimItTests() {
        Map<String, String> byClass = ClaimCatalog.testClasses(Path.of("target", "test-classes"));

        assertThat(byClass).containsEntry("io.github.rethinkinggeneralization.claims.RandomLabelsMemorizedIT", "C1")
                .containsEntry("io.github.rethinkinggeneralization.claims.LabelNoiseGapIT", "C2");
        assertThat(byClass.keySet()).allMatch(c -> c.endsWith("IT"));
    }

    @Test
    void absentTestClassesMeanNoExpectedClaims() {
        assertThat(ClaimCatalog.scan(Path.of("target", "no-such-dir"))).isEmpty();
    }
}
