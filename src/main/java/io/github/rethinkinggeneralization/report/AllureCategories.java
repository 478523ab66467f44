package io.github.rethinkinggeneralization.report;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Allure's {@code categories.json} for the claim suite: why a claim test did not pass. Allure files
 * a result under every category whose statuses, message regex and trace regex all match (a missing
 * regex matches anything, a present one must match the whole text, hence the {@code (?s).*}), so
 * the regexes exclude each other with negative look-aheads. Claim assertions fail with
 * {@code claim REFUTED: ...} or {@code claim INCONCLUSIVE: ...}; a negative control that fails says
 * {@code negative control}; anything else that broke the test (missing data, out of memory, a crash
 * or a timeout) is infrastructure, not evidence about the paper.
 */
public final class AllureCategories {
    private AllureCategories() {
    }

    /** One Allure category; null regexes are left out of the JSON. */
    public record Category(String name, String description, List<String> matchedStatuses, String messageRegex,
                           String traceRegex) {

        /** Whether Allure would put a result with this status, message and trace here. */
        public boolean matches(String status, String message, String trace) {
            return matchedStatuses.contains(status) && matches(messageRegex, message) && matches(traceRegex, trace);
        }

        private static boolean matches(String regex, String text) {
            return regex == null || (text != null && Pattern.compile(regex).matcher(text).matches());
        }

        Map<String, Object> toJson() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", name);
            m.put("description", description);
            m.put("matchedStatuses", matchedStatuses);
            if (messageRegex != null) {
                m.put("messageRegex", messageRegex);
            }
            if (traceRegex != null) {
                m.put("traceRegex", traceRegex);
            }
            return m;
        }
    }

    public static final String NEGATIVE_CONTROL = "negative control failed: the test cannot tell";
    public static final String REFUTED = "claim refuted";
    public static final String INCONCLUSIVE = "inconclusive";
    public static final String DATA = "infrastructure: data missing or corrupt";
    public static final String MEMORY = "infrastructure: out of memory";
    public static final String CRASH = "infrastructure: crash, timeout or error";
    public static final String OTHER_ASSERTION = "claim test failed (unclassified assertion)";
    public static final String NOT_RUN = "not run at this profile";

    private static final List<String> FAILED = List.of("failed");
    private static final List<String> BROKEN = List.of("broken");
    private static final String CLAIM_WORDS = "negative control|claim REFUTED|claim INCONCLUSIVE";
    /** In the stack trace (whose first line carries the exception's message). */
    private static final String MEMORY_WORDS = "OutOfMemoryError|bad_alloc|Cannot allocate|Physical memory usage is too high";
    private static final String DATA_WORDS = "DatasetException|NoSuchFileException|FileNotFoundException|fixture file is missing";

    /**
     * Mutually exclusive: a result falls into at most one. Claim verdicts come from assertions
     * (status failed); infrastructure problems are exceptions (status broken).
     */
    public static final List<Category> CATEGORIES = List.of(
            new Category(NEGATIVE_CONTROL, "A negative control came out true: the claim's predicate cannot fail, so its verdict means nothing.",
                    FAILED, "(?s).*negative control.*", null),
            new Category(REFUTED, "The measurements contradict the paper's claim at this scale.",
                    FAILED, "(?s)(?!.*negative control).*claim REFUTED.*", null),
            new Category(INCONCLUSIVE, "The run could not decide (e.g. the training target was not reached within the budget).",
                    FAILED, "(?s)(?!.*(negative control|claim REFUTED)).*claim INCONCLUSIVE.*", null),
            new Category(MEMORY, "The JVM or ND4J ran out of memory: not evidence about the paper.",
                    BROKEN, null, "(?s).*(" + MEMORY_WORDS + ").*"),
            new Category(DATA, "A dataset or fixture file is missing, truncated or corrupt: not evidence about the paper.",
                    BROKEN, null, "(?s)(?!.*(" + MEMORY_WORDS + ")).*(" + DATA_WORDS + ").*"),
            new Category(CRASH, "The test broke with an exception other than an assertion (crash, timeout, diverged training): not evidence about the paper.",
                    BROKEN, null, "(?s)(?!.*(" + MEMORY_WORDS + "|" + DATA_WORDS + ")).*"),
            new Category(OTHER_ASSERTION, "An assertion failed without a claim verdict in its message.",
                    FAILED, "(?s)(?!.*(" + CLAIM_WORDS + ")).*", null),
            new Category(NOT_RUN, "Cases the chosen profile does not run (see fixtures/profiles.json).",
                    List.of("skipped"), null, null));

    /** The categories as Allure reads them. */
    public static final List<Map<String, Object>> ALL = CATEGORIES.stream().map(Category::toJson).toList();

    /** Every category Allure would file a result under (at most one, by construction). */
    public static List<String> classify(String status, String message, String trace) {
        return CATEGORIES.stream().filter(c -> c.matches(status, message, trace)).map(Category::name).toList();
    }
}
