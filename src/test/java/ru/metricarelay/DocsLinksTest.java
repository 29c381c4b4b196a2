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

/**
 * Code comments point into docs/, and the docs link to each other: every such pointer must resolve (file and
 * heading), nothing points outside the repository, and every sender has its page (docs/sources/&lt;sender&gt;.md),
 * linked from the sources index and the README.
 */
class DocsLinksTest {

    static final Pattern DOC_LINK = Pattern.compile("docs/([\\w/-]+\\.md)(#[\\w-]+)?");
    /** A Markdown link to a file of the repository: [text](relative/path.md#anchor). */
    static final Pattern MD_LINK = Pattern.compile("\\]\\((?!https?:|mailto:|#)([^)#\\s]+\\.md)(#[\\w-]+)?\\)");
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
        assertAllResolve(mainFiles(), DOC_LINK, (file, link) -> Path.of("docs", link), 20);
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

    /** README, CONTRIBUTING and every page under docs/. */
    static List<Path> docs() throws IOException {
        List<Path> docs = new ArrayList<>(List.of(Path.of("README.md"), Path.of("CONTRIBUTING.md")));
        try (Stream<Path> files = Files.walk(Path.of("docs"))) {
            files.filter(f -> f.toString().endsWith(".md")).forEach(docs::add);
        }
        return docs;
    }

    @Test
    void everyLinkBetweenTheDocsResolves() throws IOException {
        assertAllResolve(docs(), MD_LINK, (doc, link) -> doc.resolveSibling(link).normalize(), 30);
    }

    /**
     * Every match of {@code link} in {@code files} (group 1 the file, group 2 an optional #anchor) names a file that
     * exists, {@code target} resolving it from the file it is in, and a heading in it; at least {@code atLeast} seen.
     */
    static void assertAllResolve(List<Path> files, Pattern link, java.util.function.BiFunction<Path, String, Path> target,
            int atLeast) throws IOException {
        List<String> broken = new ArrayList<>();
        int seen = 0;
        for (Path file : files) {
            Matcher m = link.matcher(Files.readString(file));
            while (m.find()) {
                seen++;
                Path doc = target.apply(file, m.group(1));
                if (!Files.isRegularFile(doc) || (m.group(2) != null && !anchors(doc).contains(m.group(2)))) {
                    broken.add(file + ": " + m.group());
                }
            }
        }
        assertTrue(seen > atLeast, "found only " + seen + " links; is the pattern right?");
        assertEquals(List.of(), broken);
    }

    @Test
    void everySenderHasItsPageLinkedFromTheIndexAndTheReadme() throws IOException {
        List<String> missing = new ArrayList<>();
        String index = Files.readString(Path.of("docs/sources.md"));
        String readme = Files.readString(Path.of("README.md"));
        try (Stream<Path> packages = Files.list(Path.of("src/main/java/ru/metricarelay/source"))) {
            for (Path p : packages.filter(Files::isDirectory).toList()) {
                String sender = p.getFileName().toString();
                String page = "sources/" + sender + ".md";
                if (!Files.isRegularFile(Path.of("docs", page))) {
                    missing.add(sender + ": no docs/" + page);
                }
                if (!index.contains("](" + page + ")")) {
                    missing.add(sender + ": docs/sources.md does not link " + page);
                }
                if (!readme.contains("(docs/" + page + ")")) {
                    missing.add(sender + ": README.md does not link docs/" + page);
                }
            }
        }
        assertEquals(List.of(), missing);
    }

    @Test
    void slugsFollowGitHub() {
        assertEquals("amocrm--kommo", slug("amoCRM / Kommo"));
        assertEquals("metrica-facts-the-builder-relies-on", slug(" Metrica facts the builder relies on"));
    }
}
