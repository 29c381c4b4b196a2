package ru.metricarelay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/** Code comments point into docs/: every such pointer must resolve, and nothing points outside the repository. */
class DocsLinksTest {

    static final Pattern DOC_LINK = Pattern.compile("docs/((?:[\\w-]+/)?[\\w-]+\\.md)(#[\\w-]+)?");
    static final Pattern OUTSIDE = Pattern.compile("SPEC §|SPEC\\.md|vendors\\.md|metrica-api\\.md|\\.\\./shared");

    static List<Path> mainFiles() throws IOException {
        try (Stream<Path> files = Files.walk(Path.of("src/main"))) {
            return files.filter(Files::isRegularFile).toList();
        }
    }

    /** GitHub's heading anchors: lower case, punctuation dropped, each space a hyphen. */
    static String slug(String heading) {
        return heading.trim().toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
    }

    static Set<String> anchors(Path doc) throws IOException {
        Set<String> anchors = new HashSet<>();
        for (String line : Files.readAllLines(doc)) {
            if (line.startsWith("#")) {
                anchors.add("#" + slug(line.replaceFirst("^#+", "")));
            }
        }
        return anchors;
    }

    @Test
    void everyDocsPointerInTheCodeResolves() throws IOException {
        List<String> broken = new ArrayList<>();
        int seen = 0;
        for (Path file : mainFiles()) {
            Matcher m = DOC_LINK.matcher(Files.readString(file));
            while (m.find()) {
                seen++;
                Path doc = Path.of("docs", m.group(1));
                if (!Files.isRegularFile(doc) || (m.group(2) != null && !anchors(doc).contains(m.group(2)))) {
                    broken.add(file + ": " + m.group());
                }
            }
        }
        assertTrue(seen > 20, "found only " + seen + " pointers; is the pattern right?");
        assertEquals(List.of(), broken);
    }

    @Test
    void nothingPointsOutsideTheRepository() throws IOException {
        List<String> outside = new ArrayList<>();
        for (Path file : mainFiles()) {
            List<String> lines = Files.readAllLines(file);
            for (int i = 0; i < lines.size(); i++) {
                if (OUTSIDE.matcher(lines.get(i)).find()) {
                    outside.add(file + ":" + (i + 1));
                }
            }
        }
        assertEquals(List.of(), outside);
    }

    @Test
    void slugsFollowGitHub() {
        assertEquals("amocrm--kommo", slug("amoCRM / Kommo"));
        assertEquals("metrica-facts-the-builder-relies-on", slug(" Metrica facts the builder relies on"));
    }
}
