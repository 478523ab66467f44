package io.github.rethinkinggeneralization.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * Failsafe's {@code failsafe-summary.xml}: how many claim tests completed, errored, failed or were
 * skipped, whether the run timed out, and the failure message Failsafe records when the forked JVM
 * crashed. Written when Failsafe's integration-test goal ends, so its presence (newer than the run
 * marker) says the suite ran to its end.
 */
public record FailsafeSummary(int completed, int errors, int failures, int skipped, boolean timeout,
                              String failureMessage, long modifiedMillis) {

    /** True when Failsafe itself reports an aborted run (timeout, crashed or killed fork). */
    public boolean aborted() {
        return timeout || (failureMessage != null && !failureMessage.isBlank());
    }

    public static Optional<FailsafeSummary> read(Path file) {
        if (file == null || !Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            Document doc = f.newDocumentBuilder().parse(file.toFile());
            Element root = doc.getDocumentElement();
            Node message = root.getElementsByTagName("failureMessage").item(0);
            String text = message == null ? null : message.getTextContent().strip();
            return Optional.of(new FailsafeSummary(count(root, "completed"), count(root, "errors"), count(root, "failures"),
                    count(root, "skipped"), Boolean.parseBoolean(root.getAttribute("timeout")),
                    text == null || text.isEmpty() ? null : text, Files.getLastModifiedTime(file).toMillis()));
        } catch (IOException | SAXException | ParserConfigurationException | RuntimeException e) {
            return Optional.of(new FailsafeSummary(0, 0, 0, 0, false, "unreadable " + file + ": " + e.getMessage(), 0));
        }
    }

    private static int count(Element root, String tag) {
        Node n = root.getElementsByTagName(tag).item(0);
        try {
            return n == null ? 0 : Integer.parseInt(n.getTextContent().strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
