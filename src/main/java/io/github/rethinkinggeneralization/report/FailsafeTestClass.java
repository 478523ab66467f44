package io.github.rethinkinggeneralization.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * One test class as Failsafe reported it in {@code failsafe-reports/TEST-<class>.xml}: its name, its
 * wall time (the {@code time} attribute: from the class's first test to its last, set-up included)
 * its test counts and when the report was written. Only the root element is read, so the large
 * per-test output does not matter.
 */
public record FailsafeTestClass(String className, double seconds, int tests, int errors, int failures, int skipped,
                                long modifiedMillis) {

    /** The class name without its package. */
    public String simpleName() {
        return className.substring(className.lastIndexOf('.') + 1);
    }

    /** Every readable {@code TEST-*.xml} in {@code dir}, by class name; none when the directory is absent. */
    public static List<FailsafeTestClass> readAll(Path dir) {
        if (dir == null || !Files.isDirectory(dir)) {
            return List.of();
        }
        List<FailsafeTestClass> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.getFileName().toString().matches("TEST-.+\\.xml")).toList()) {
                read(f).ifPresent(out::add);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
        out.sort(Comparator.comparing(FailsafeTestClass::className));
        return List.copyOf(out);
    }

    /** The root {@code testsuite} element of one report; empty when the file is not such a report. */
    static Optional<FailsafeTestClass> read(Path file) {
        XMLInputFactory f = XMLInputFactory.newFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        try (InputStream in = Files.newInputStream(file)) {
            XMLStreamReader r = f.createXMLStreamReader(in);
            try {
                while (r.hasNext()) {
                    if (r.next() == XMLStreamReader.START_ELEMENT) {
                        if (!"testsuite".equals(r.getLocalName()) || r.getAttributeValue(null, "name") == null) {
                            return Optional.empty();
                        }
                        return Optional.of(new FailsafeTestClass(r.getAttributeValue(null, "name"), number(r, "time"),
                                (int) number(r, "tests"), (int) number(r, "errors"), (int) number(r, "failures"),
                                (int) number(r, "skipped"), Files.getLastModifiedTime(file).toMillis()));
                    }
                }
                return Optional.empty();
            } finally {
                r.close();
            }
        } catch (IOException | XMLStreamException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** An attribute as a number; older Surefire versions wrote times above 1000 s with a grouping comma. */
    private static double number(XMLStreamReader r, String attribute) {
        String v = r.getAttributeValue(null, attribute);
        if (v == null || v.isBlank()) {
            return 0;
        }
        try {
            return Double.parseDouble(v.strip().replace(",", ""));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
