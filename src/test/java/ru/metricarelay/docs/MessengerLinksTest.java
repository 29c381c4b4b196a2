package ru.metricarelay.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.htmlunit.BrowserVersion;
import org.htmlunit.MockWebConnection;
import org.htmlunit.WebClient;
import org.htmlunit.html.DomElement;
import org.htmlunit.html.HtmlPage;
import org.htmlunit.util.Cookie;
import org.junit.jupiter.api.Test;

/**
 * The messenger-link snippet of docs/sources/messenger-links.md, run as a visitor's browser runs it: a page with
 * Telegram, VK and MAX links loads docs/sources/messenger-links.js in HtmlUnit (a headless browser with its own DOM,
 * cookies and JavaScript engine; every request answered in memory, nothing leaves the JVM). Any script error fails.
 * The only stand-in is Metrica's ym(), which the page defines as the tag would, or leaves out as an ad blocker does.
 */
class MessengerLinksTest {

    static final Path SNIPPET = Path.of("docs/sources/messenger-links.js");
    static final Path PAGE_DOC = Path.of("docs/sources/messenger-links.md");
    static final String SITE = "https://shop.example.ru/";
    static final String CLIENT_ID = "1674202831464027743";
    static final String OTHER_CLIENT_ID = "1700000000123456789";

    /** The links of the page, by id, as the site writes them. */
    static final Map<String, String> LINKS = links(
            "tg", "https://t.me/ExampleShopBot",
            "tg-param", "https://t.me/ExampleShopBot?start=promo&utm=x#top",
            "tg-old", "http://telegram.me/ExampleShopBot/",
            "vk", "https://vk.me/exampleshop?ref_source=header_button",
            "vk-www", "https://www.vk.me/club218765432",
            "max", "https://max.ru/example_shop_bot",
            "invite", "https://t.me/+AbCdEfGhIjKl",
            "joinchat", "https://t.me/joinchat/AbCdEf",
            "channel-post", "https://t.me/example_news/25",
            "elsewhere", "https://example.ru/t.me/ExampleShopBot",
            "lookalike", "https://vk.me.example.ru/exampleshop",
            "relative", "/contacts");

    /** What the snippet makes of {@link #LINKS} for {@code clientId}; the others stay as written. */
    static Map<String, String> rewritten(String clientId) {
        Map<String, String> expected = new LinkedHashMap<>(LINKS);
        expected.put("tg", "https://t.me/ExampleShopBot?start=ym" + clientId);
        expected.put("tg-param", "https://t.me/ExampleShopBot?start=ym" + clientId + "&utm=x#top");
        expected.put("tg-old", "http://telegram.me/ExampleShopBot?start=ym" + clientId);
        expected.put("vk", "https://vk.me/exampleshop?ref=ym" + clientId + "&ref_source=header_button");
        expected.put("vk-www", "https://www.vk.me/club218765432?ref=ym" + clientId);
        expected.put("max", "https://max.ru/example_shop_bot?start=ym" + clientId);
        return expected;
    }

    @Test
    void theTagsClientIdGoesIntoEveryMessengerLink() throws Exception {
        Map<String, String> hrefs = load(ym("cb('" + CLIENT_ID + "');"), null);
        assertEquals(rewritten(CLIENT_ID), hrefs);
    }

    @Test
    void theCounterIsAskedForItsClientId() throws Exception {
        try (WebClient browser = browser()) {
            HtmlPage page = page(browser, ym(""), null);
            assertEquals("12345678,getClientID", page.executeJavaScript("String(window.asked)").getJavaScriptResult());
        }
    }

    @Test
    void whenTheTagIsBlockedTheCookieIsUsed() throws Exception {
        assertEquals(rewritten(CLIENT_ID), load("", CLIENT_ID));
    }

    @Test
    void theCookieServesAtOnceAndTheTagsOwnClientIdWinsWhenItComes() throws Exception {
        assertEquals(rewritten(CLIENT_ID), load(ym(""), CLIENT_ID), "the tag has not answered (yet)");
        assertEquals(rewritten(OTHER_CLIENT_ID), load(ym("cb('" + OTHER_CLIENT_ID + "');"), CLIENT_ID));
    }

    @Test
    void withoutAClientIdTheLinksStayAsTheyAre() throws Exception {
        assertEquals(LINKS, load("", null), "no tag, no cookie");
        for (String answer : List.of("undefined", "''", "'87856'", "'1674202831464027743&start=x'")) {
            assertEquals(LINKS, load(ym("cb(" + answer + ");"), null), answer);
        }
    }

    @Test
    void theDocsShowTheTestedSnippet() throws IOException {
        String snippet = Files.readString(SNIPPET, StandardCharsets.UTF_8).strip();
        assertTrue(Files.readString(PAGE_DOC, StandardCharsets.UTF_8).contains(snippet),
                PAGE_DOC + " must show " + SNIPPET + " verbatim");
    }

    /** A stand-in for Metrica's ym(): remembers what it was asked and runs {@code answer} with the callback as cb. */
    static String ym(String answer) {
        return "window.ym = function (counter, method, cb) { window.asked = [counter, method]; " + answer + " };";
    }

    /** The page's links after the snippet ran, with {@code tag} as the page's own script and a _ym_uid cookie (or none). */
    static Map<String, String> load(String tag, String cookie) throws Exception {
        try (WebClient browser = browser()) {
            HtmlPage page = page(browser, tag, cookie);
            Map<String, String> hrefs = new LinkedHashMap<>();
            for (String id : LINKS.keySet()) {
                DomElement a = page.getElementById(id);
                hrefs.put(id, a.getAttribute("href"));
            }
            return hrefs;
        }
    }

    static HtmlPage page(WebClient browser, String tag, String cookie) throws Exception {
        StringBuilder html = new StringBuilder("<!DOCTYPE html><html><head><meta charset='utf-8'><script>")
                .append(tag).append("</script></head><body>");
        LINKS.forEach((id, href) -> html.append("<a id='").append(id).append("' href='").append(href).append("'>")
                .append(id).append("</a>"));
        html.append("<script src='/messenger-links.js'></script></body></html>");
        MockWebConnection site = new MockWebConnection();
        site.setResponse(new URL(SITE), html.toString(), "text/html");
        site.setResponse(new URL(SITE + "messenger-links.js"), Files.readString(SNIPPET, StandardCharsets.UTF_8), "text/javascript");
        site.setDefaultResponse("", 404, "Not Found", "text/plain"); // nothing else exists, nothing leaves the JVM
        browser.setWebConnection(site);
        if (cookie != null) {
            browser.getCookieManager().addCookie(new Cookie("shop.example.ru", "_ym_uid", cookie));
        }
        return browser.getPage(SITE);
    }

    static WebClient browser() {
        WebClient browser = new WebClient(BrowserVersion.FIREFOX);
        browser.getOptions().setThrowExceptionOnScriptError(true);
        browser.getOptions().setCssEnabled(false);
        return browser;
    }

    static Map<String, String> links(String... idsAndHrefs) {
        Map<String, String> links = new LinkedHashMap<>();
        for (int i = 0; i < idsAndHrefs.length; i += 2) {
            links.put(idsAndHrefs[i], idsAndHrefs[i + 1]);
        }
        return links;
    }
}
