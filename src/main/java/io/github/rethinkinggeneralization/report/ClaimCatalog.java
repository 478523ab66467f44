package io.github.rethinkinggeneralization.report;

import java.io.IOException;
import java.lang.annotation.Annotation;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The claims the suite is expected to report, found in the compiled claim tests: every
 * {@code claims/*IT} class whose JUnit {@code @DisplayName} reads "C&lt;n&gt;: sentence". The classes are
 * loaded without being initialised, and the annotation is read by name, so nothing of the suite
 * runs and JUnit need not be on this class path at compile time.
 */
public final class ClaimCatalog {
    private static final Pattern CLAIM = Pattern.compile("(C\\d+[a-z]?):\\s*(.+)", Pattern.DOTALL);
    private static final String DISPLAY_NAME = "org.junit.jupiter.api.DisplayName";

    private ClaimCatalog() {
    }

    /** Claim id to sentence for every claim test class under {@code testClasses} (empty if absent). */
    public static Map<String, String> scan(Path testClasses) {
        Map<String, String> claims = new TreeMap<>(SummaryBuilder::compareClaimIds);
        classes(testClasses).forEach(c -> claims.put(c.claimId(), c.sentence()));
        return claims;
    }

    /** Claim id by fully qualified class name of every claim test class under {@code testClasses}. */
    public static Map<String, String> testClasses(Path testClasses) {
        Map<String, String> byClass = new TreeMap<>();
        classes(testClasses).forEach(c -> byClass.put(c.className(), c.claimId()));
        return byClass;
    }

    /** One claim test class and the claim its display name states. */
    private record ClaimClass(String className, String claimId, String sentence) {
    }

    private static List<ClaimClass> classes(Path testClasses) {
        List<ClaimClass> found = new ArrayList<>();
        if (testClasses == null || !Files.isDirectory(testClasses)) {
            return found;
        }
        try (Stream<Path> files = Files.walk(testClasses);
             URLClassLoader loader = new URLClassLoader(new URL[] {testClasses.toUri().toURL()}, parent())) {
            for (Path f : files.filter(ClaimCatalog::isClaimTest).toList()) {
                String name = testClasses.relativize(f).toString().replace(f.getFileSystem().getSeparator(), ".")
                        .replaceFirst("\\.class$", "");
                displayName(loader, name).ifPresent(d -> {
                    Matcher m = CLAIM.matcher(d);
                    if (m.matches()) {
                        found.add(new ClaimClass(name, m.group(1), m.group(2).strip()));
                    }
                });
            }
        } catch (IOException e) {
            return found;
        }
        return found;
    }

    private static boolean isClaimTest(Path f) {
        String name = f.getFileName().toString();
        return name.endsWith("IT.class") && !name.contains("$") && f.getParent() != null
                && f.getParent().getFileName().toString().equals("claims");
    }

    private static java.util.Optional<String> displayName(ClassLoader loader, String className) {
        try {
            Class<?> c = Class.forName(className, false, loader);
            for (Annotation a : c.getAnnotations()) {
                if (a.annotationType().getName().equals(DISPLAY_NAME)) {
                    return java.util.Optional.of(String.valueOf(a.annotationType().getMethod("value").invoke(a)));
                }
            }
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.empty();
    }

    private static ClassLoader parent() throws MalformedURLException {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return context != null ? context : ClaimCatalog.class.getClassLoader();
    }
}
