package ru.metricarelay.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.ValidatableResponse;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.function.ThrowingConsumer;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import ru.metricarelay.queue.SqliteQueueProfile;
import ru.metricarelay.support.Leaks;
import ru.metricarelay.support.MetricaCounter;
import ru.metricarelay.support.MetricaStandIn;

/**
 * The operator page (GET /admin/) in a real browser — Debian's chromium and chromedriver, headless — against the relay in
 * queued mode with the Metrica stand-in, so every section has something to show: doctor's checks, a Tilda webhook among
 * the senders (masked, its markup shown as text), the queue and its last flush, Metrica's uploads. Without the browser
 * the class is skipped, saying why. {@code -Dscreenshots.write=true} writes docs/img/admin-desktop.png and
 * admin-phone.png.
 */
@QuarkusTest
@TestProfile(SqliteQueueProfile.class)
@ExtendWith(Leaks.class)
class OperatorPageTest {

    static final String SECRET = "relay-test-secret-A1";
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    static final String UPLOAD = "/management/v1/counter/" + MetricaStandIn.COUNTER + "/offline_conversions/upload";
    static final String SCRIPT = "<script>alert(1)</script>";
    static final List<String> GOALS = List.of("jivo_chat", "marquiz_kitchen", "marquiz_lead", "telegram_start", "tilda_form");
    static final String BROWSER_ABSENT = "browser test skipped: /usr/bin/chromium or /usr/bin/chromedriver not found — "
            + ".ci/run installs them (apt-get install chromium chromium-driver)";

    static boolean prepared;

    @TestHTTPResource("/admin/")
    URI page;

    @MetricaStandIn.Server
    WireMockServer metrica;

    @MetricaStandIn.Counter
    MetricaCounter counter;

    @BeforeAll
    static void browserPresent() {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER), BROWSER_ABSENT);
        System.setProperty("SE_AVOID_STATS", "true");
    }

    /** Once: a healthy counter with two uploads; Tilda webhooks: one Metrica refused (dead letter), one delivered, one queued. */
    @BeforeEach
    void relayWithSomethingToShow() {
        CircuitBreakerMaintenance.get().resetAll(); // the unreachable Metrica of one test opens the breakers
        if (prepared) {
            return;
        }
        MetricaStandIn.reset(metrica);
        counter.reset();
        counter.setUp(GOALS.toArray(String[]::new));
        given().header("X-Relay-Secret", SECRET).post("/admin/provision").then().statusCode(200);
        counter.conversionUploadings.add(MetricaCounter.uploading(11, "2026-03-01T10:00:00+03:00", "PROCESSED", 5, 5));
        counter.conversionUploadings.add(MetricaCounter.uploading(12, "2026-03-03T10:00:00+03:00", "LINKAGE_FAILURE", 2, 2));
        tilda("4501234:1");
        metrica.stubFor(post(urlPathEqualTo(UPLOAD)).willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                .withBody("{\"errors\":[{\"error_type\":\"invalid_parameter\",\"message\":\"Goal not found\"}],\"code\":400}")));
        flush().body("failed_rows", equalTo(1));
        metrica.stubFor(post(urlPathEqualTo(UPLOAD)).willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody(MetricaStandIn.uploaded(77L))));
        tilda("4501234:2");
        flush().body("flushed_rows", equalTo(1));
        tilda("4501234:3");
        prepared = true;
    }

    static ValidatableResponse flush() {
        return given().header("X-Relay-Secret", SECRET).post("/queue/flush").then().statusCode(200);
    }

    /** Tilda's sample form, with markup in the name and the sample phone. */
    static void tilda(String tranid) {
        given().header("X-Relay-Secret", SECRET).contentType("application/x-www-form-urlencoded; charset=UTF-8")
                .body("Name=" + enc(SCRIPT) + "&Phone=" + enc("+7 (999) 000-11-22") + "&COOKIES="
                        + enc("_ym_uid=1674202831464027743; _ym_d=1674202831") + "&tranid=" + enc(tranid) + "&formid=form512345678")
                .post("/hooks/tilda").then().statusCode(200);
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** A headless Chromium of that window size and language; no Selenium Manager (both paths given). */
    static WebDriver browser(String lang, int width, int height) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toString());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=" + width + "," + height, "--lang=" + lang, "--hide-scrollbars");
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", lang));
        if (width < 500) {
            // a headless window is at least 500 pixels wide: a phone's width needs the device emulation
            options.setExperimentalOption("mobileEmulation", Map.of("deviceMetrics", Map.of("width", width, "height", height,
                    "pixelRatio", 2.0, "touch", true)));
        }
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability(ChromeOptions.LOGGING_PREFS, logs);
        // a service of its own: quit() stops the service it was given
        return new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile()).usingAnyFreePort().build(),
                options);
    }

    /** The page's URL with Basic credentials in it: Chromium sends them on the first request. */
    String signedIn(String password) {
        return page.toString().replace("://", "://op:" + password + "@");
    }

    /** Loads the page signed in; checks no alert, no console message of level WARNING or worse, no script, no secret. */
    WebDriver open(String lang, int width, int height) {
        WebDriver driver = browser(lang, width, height);
        driver.get(signedIn(SECRET));
        assertThrows(NoAlertPresentException.class, () -> driver.switchTo().alert(), "an alert opened");
        List<LogEntry> console = driver.manage().logs().get(LogType.BROWSER).getAll();
        assertTrue(console.stream().noneMatch(e -> e.getLevel().intValue() >= Level.WARNING.intValue()), console.toString());
        assertEquals(0L, js(driver, "return document.scripts.length + document.querySelectorAll('[style],style').length"),
                "the page has a script or an inline style");
        Leaks.assertClean(driver.getPageSource());
        return driver;
    }

    /** {@link #open}, then {@code check}; the browser quits either way. */
    void inBrowser(String lang, int width, int height, ThrowingConsumer<WebDriver> check) throws Throwable {
        WebDriver driver = open(lang, width, height);
        try {
            check.accept(driver);
        } finally {
            driver.quit();
        }
    }

    static Object js(WebDriver driver, String script) {
        return ((JavascriptExecutor) driver).executeScript(script);
    }

    static String text(WebDriver driver, String css) {
        return driver.findElement(By.cssSelector(css)).getAttribute("textContent");
    }

    static void screenshot(WebDriver driver, String name) throws IOException {
        if (Boolean.getBoolean("screenshots.write")) {
            Path png = Path.of("docs/img/" + name + ".png");
            Files.write(png, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
        }
    }

    @Test
    void aSignedInOperatorSeesEverySectionInRussian() throws Throwable {
        inBrowser("ru", 1280, 2900, driver -> {
            assertEquals("ru", driver.findElement(By.tagName("html")).getAttribute("lang"));
            assertTrue(driver.getTitle().contains("страница оператора"), driver.getTitle());
            String doctor = text(driver, "#doctor");
            assertTrue(doctor.contains("tilda_form") && doctor.contains("в порядке"), doctor);
            assertEquals(driver.findElements(By.cssSelector("#doctor li")).size(),
                    driver.findElements(By.cssSelector("#doctor li.ok, #doctor li.warn, #doctor li.fail")).size());
            String tilda = text(driver, "#sender-tilda");
            assertTrue(tilda.contains("https://" + page.getHost() + ":" + page.getPort() + "/hooks/tilda/<RELAY_SECRET>"), tilda);
            assertTrue(tilda.contains("CONVERSION") && tilda.contains("4501234:2"), tilda);
            String queue = text(driver, "#queue");
            assertTrue(queue.contains("строк в очереди") && queue.contains("Последняя отправка очереди"), queue);
            assertTrue(text(driver, "#last-flush").contains("1"), queue);
            assertTrue(Long.parseLong(text(driver, "#queued").trim()) >= 1 && Long.parseLong(text(driver, "#dead").trim()) >= 1, queue);
            assertTrue(queue.contains("Goal not found"), queue);
            String uploads = text(driver, "#uploads");
            assertTrue(uploads.contains("PROCESSED") && uploads.contains("LINKAGE_FAILURE"), uploads);
            assertTrue(driver.findElements(By.id("dry-run")).isEmpty(), "a dry-run banner on a relay that sends");
            assertTrue(text(driver, "#version").contains("1.0.0"), text(driver, "#version"));
            screenshot(driver, "admin-desktop");
        });
    }

    @Test
    void aWebhookShowsUpMaskedWithItsMarkupAsText() throws Throwable {
        inBrowser("ru", 1280, 900, driver -> {
            WebElement body = driver.findElements(By.cssSelector("#sender-tilda pre.body")).get(0);
            String shown = body.getAttribute("textContent");
            assertTrue(shown.contains("Name=" + SCRIPT), shown);
            assertTrue(shown.contains("Phone=") && !shown.contains("000-11-22"), "the phone in full: " + shown);
            assertTrue(driver.getPageSource().contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "not escaped in the HTML");
        });
    }

    @Test
    void englishWhenTheBrowserPrefersIt() throws Throwable {
        inBrowser("en", 1280, 900, driver -> {
            assertEquals("en", driver.findElement(By.tagName("html")).getAttribute("lang"));
            assertTrue(driver.getTitle().contains("operator page"), driver.getTitle());
            assertTrue(text(driver, "#queue").contains("rows queued"), text(driver, "#queue"));
        });
    }

    @Test
    void aPhoneSizedWindowHasNoSidewaysScroll() throws Throwable {
        inBrowser("ru", 390, 844, driver -> {
            long scroll = (Long) js(driver, "return document.documentElement.scrollWidth");
            long inner = (Long) js(driver, "return window.innerWidth");
            // on a phone a page wider than the screen widens the layout viewport (innerWidth) rather than scrolling
            assertEquals(390L, inner, "the page is wider than the phone's screen");
            assertTrue(scroll <= inner, "scrollWidth " + scroll + " > innerWidth " + inner);
            assertEquals("width=device-width, initial-scale=1",
                    driver.findElement(By.cssSelector("meta[name=viewport]")).getAttribute("content"));
            screenshot(driver, "admin-phone");
        });
    }

    @Test
    void withoutTheSecretNothingOfThePageIsShown() {
        for (var request : List.of(given(), given().auth().preemptive().basic("op", "wrong-secret-0123456789"),
                given().header("Authorization", "Bearer " + SECRET), given().header("X-Relay-Secret", SECRET))) {
            ValidatableResponse refused = request.get("/admin/").then().statusCode(401).contentType("application/problem+json")
                    .header("WWW-Authenticate", "Basic realm=\"Metrica Relay\", charset=\"UTF-8\"")
                    .body(not(containsString("tilda"))).body(not(containsString("<html")));
            browserHeaders(refused);
        }
        WebDriver driver = browser("ru", 1280, 900);
        try {
            driver.get(page.toString());
            String seen = driver.getPageSource();
            assertFalse(seen.contains("tilda_form") || seen.contains("4501234") || seen.contains("PROCESSED"), seen);
            driver.get(signedIn("wrong-secret-0123456789"));
            assertFalse(driver.getPageSource().contains("4501234"), driver.getPageSource());
        } finally {
            driver.quit();
        }
    }

    @Test
    void everyAnswerCarriesTheBrowserHeadersAndThePageHasNoInlineCode() {
        String html = browserHeaders(given().auth().preemptive().basic("anyone", "relay-test-secret-B2").get("/admin/").then()
                .statusCode(200).contentType("text/html")).extract().asString();
        assertFalse(html.contains("<script") || html.contains("<style") || html.contains(" style=") || html.contains("onload"), html);
        java.util.regex.Matcher link = java.util.regex.Pattern.compile("(?:src|href)=\"([^\"]*)\"").matcher(html);
        while (link.find()) {
            assertTrue(link.group(1).matches("/admin/[a-z.]+|\\?lang=[a-z]+|#[a-z-]+"), "a link or resource elsewhere: " + link.group());
        }
        browserHeaders(given().get("/admin/page.css").then().statusCode(200).contentType("text/css"));
        browserHeaders(given().header("X-Relay-Secret", SECRET).get("/admin/doctor").then().statusCode(200));
        // the page is counted under its route (http/HttpMetricLabels), not as UNKNOWN
        given().get("/q/metrics").then().statusCode(200).body(containsString("uri=\"/admin\""),
                containsString("uri=\"/admin/page.css\""));
    }

    static ValidatableResponse browserHeaders(ValidatableResponse response) {
        return response.header("Content-Security-Policy", "default-src 'self'; frame-ancestors 'none'")
                .header("X-Frame-Options", "DENY").header("Referrer-Policy", "no-referrer")
                .header("Cache-Control", "no-store").header("X-Content-Type-Options", "nosniff");
    }

    @Test
    void metricaUnreachableIsANoteNotAFailedPage() {
        metrica.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(com.github.tomakehurst.wiremock.client.WireMock
                .urlPathMatching(".*uploadings")).atPriority(1).willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse()
                .withFault(com.github.tomakehurst.wiremock.http.Fault.CONNECTION_RESET_BY_PEER)));
        try {
            given().auth().preemptive().basic("op", SECRET).header("Accept-Language", "en-GB,en;q=0.9").get("/admin/").then()
                    .statusCode(200).body(containsString("uploads conversions"), containsString("lang=\"en\""));
        } finally {
            MetricaStandIn.reset(metrica);
            CircuitBreakerMaintenance.get().resetAll();
        }
    }
}
