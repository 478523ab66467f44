package io.github.rethinkinggeneralization.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AllureCategoriesTest {

    @Test
    void claimAssertionMessagesFallIntoRefutedAndInconclusive() {
        assertThat(AllureCategories.classify("failed", "claim REFUTED: seed 1: train 42.00% after 80 epochs", "org.opentest4j.AssertionFailedError"))
                .containsExactly(AllureCategories.REFUTED);
        assertThat(AllureCategories.classify("failed", "claim INCONCLUSIVE: the budget ran out\nmore", null))
                .containsExactly(AllureCategories.INCONCLUSIVE);
    }

    @Test
    void failingNegativeControlIsItsOwnCategory() {
        assertThat(AllureCategories.classify("failed", "negative control memorized, so the claim's predicate cannot fail: mlp", null))
                .containsExactly(AllureCategories.NEGATIVE_CONTROL);
        assertThat(AllureCategories.classify("failed", "expected test accuracy away from chance (negative control), but x", null))
                .containsExactly(AllureCategories.NEGATIVE_CONTROL);
    }

    @Test
    void missingDataOutOfMemoryAndCrashesAreInfrastructure() {
        assertThat(AllureCategories.classify("broken", "/data/cifar-10-batches-bin/data_batch_1.bin: CIFAR-10 batch file not found",
                "io.github.rethinkinggeneralization.data.DatasetException: /data/cifar-10-batches-bin/data_batch_1.bin: CIFAR-10 batch"
                        + " file not found\n\tat x")).containsExactly(AllureCategories.DATA);
        assertThat(AllureCategories.classify("broken", "fixtures/profiles.json: fixture file is missing.",
                "java.lang.IllegalStateException: fixtures/profiles.json: fixture file is missing.\n\tat x"))
                .containsExactly(AllureCategories.DATA);
        assertThat(AllureCategories.classify("broken", "Java heap space", "java.lang.OutOfMemoryError: Java heap space\n\tat x"))
                .containsExactly(AllureCategories.MEMORY);
        assertThat(AllureCategories.classify("broken", "training diverged (NaN or infinite loss): mlp-1x512",
                "org.awaitility.core.ConditionTimeoutException: training diverged\n\tat x"))
                .containsExactly(AllureCategories.CRASH);
        // without message and trace Allure falls back to its own "Test defects"
        assertThat(AllureCategories.classify("broken", null, null)).isEmpty();
    }

    @Test
    void skippedCasesAreNotRunAtThisProfileAndPassesAreUncategorised() {
        assertThat(AllureCategories.classify("skipped", "Assumption failed: ... is not run at profile 'ci'", null))
                .containsExactly(AllureCategories.NOT_RUN);
        assertThat(AllureCategories.classify("passed", "claim REFUTED", null)).isEmpty();
    }

    @Test
    void aNegativeControlThatAlsoSaysRefutedIsFiledOnceAndAnOomOnlyAsMemory() {
        assertThat(AllureCategories.classify("failed", "claim REFUTED: negative control came out true", "AssertionError"))
                .containsExactly(AllureCategories.NEGATIVE_CONTROL);
        assertThat(AllureCategories.classify("broken", "Direct buffer memory", "java.lang.OutOfMemoryError: Direct buffer memory"))
                .containsExactly(AllureCategories.MEMORY);
        assertThat(AllureCategories.classify("failed", "expected training accuracy below 50.00%, but mlp", "AssertionError"))
                .containsExactly(AllureCategories.OTHER_ASSERTION);
    }

    @Test
    void categoriesJsonListsEveryCategoryInMatchingOrder(@TempDir Path results) throws Exception {
        new AllureExtras(results).writeCategories();

        JsonNode json = Json.mapper().readTree(results.resolve("categories.json").toFile());
        assertThat(json).hasSize(AllureCategories.CATEGORIES.size());
        assertThat(json.get(0).path("name").asText()).isEqualTo(AllureCategories.NEGATIVE_CONTROL);
        assertThat(json.get(1).path("name").asText()).isEqualTo(AllureCategories.REFUTED);
        assertThat(json.get(3).has("messageRegex")).isFalse();
        assertThat(json.get(3).path("traceRegex").asText()).contains("OutOfMemoryError");
    }
}
