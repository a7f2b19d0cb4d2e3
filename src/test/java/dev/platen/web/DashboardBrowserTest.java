package dev.platen.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.platen.testing.Pdfs;
import dev.platen.testing.TestServer;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;

/**
 * The dashboard in a real browser: Debian's chromium, headless, driven through {@code /usr/bin/chromedriver} (never
 * a downloaded driver), against a started server with workers. {@code -Ddashboard.screenshots=true} also writes the
 * README's screenshots to docs/img/.
 */
@Tag("slow")
class DashboardBrowserTest {
  static final File CHROMEDRIVER = new File("/usr/bin/chromedriver");
  static final File CHROMIUM = new File("/usr/bin/chromium");

  @TempDir static Path dir;
  static TestServer server;
  static WebDriver browser;

  @BeforeAll
  static void start() {
    Assumptions.assumeTrue(CHROMEDRIVER.canExecute() && CHROMIUM.canExecute() || System.getenv("CI") != null,
        "chromium and chromium-driver are not installed (.ci/run installs them)");
    server = TestServer.start(dir);
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM);
    options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
        "--window-size=1280,1200");
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER)
        .usingAnyFreePort().build();
    browser = new ChromeDriver(service, options);
    browser.manage().window().setSize(new Dimension(1280, 1200));
  }

  @AfterAll
  static void stop() {
    if (browser != null) browser.quit();
    if (server != null) server.close();
  }

  /** Signs in afresh with {@code key} (the tests share one browser) and waits for the page it lands on. */
  private static void signIn(String key, String landsOn) {
    browser.manage().deleteAllCookies();
    browser.get(server.baseUrl + "/");
    browser.findElement(By.id("key")).sendKeys(key);
    browser.findElement(By.cssSelector("form button[type=submit]")).click();
    waitUpTo(10).until(ExpectedConditions.urlContains(landsOn));
  }

  private static WebDriverWait waitUpTo(int seconds) {
    return new WebDriverWait(browser, Duration.ofSeconds(seconds));
  }

  private static void screenshot(String name) throws Exception {
    if (!Boolean.getBoolean("dashboard.screenshots")) return;
    Path target = Path.of("docs/img", name + ".png");
    Files.createDirectories(target.getParent());
    Files.write(target, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
  }

  @Test
  void signInWatchARenderSucceedOpenItsPdfAndShareIt() throws Exception {
    String invoice = Files.readString(Path.of("examples/invoice.json"));
    JsonNode data = TestServer.JSON.readTree(Files.readString(Path.of("examples/invoice.data.json")));
    var published = server.put("/v1/templates/invoice", server.liveKey, TestServer.JSON.readTree(invoice));
    assertThat(published.status()).as(published.text()).isIn(200, 201);
    String hostile = "<img src=x onerror=alert(1)>";
    assertThat(server.post("/v1/templates", server.liveKey, Map.of("name", hostile, "slug", "hostile",
        "manifest", Map.of("variables", List.of()))).status()).isEqualTo(201);

    signIn(server.liveKey, "/app/renders");

    browser.get(server.baseUrl + "/app/templates");
    List<String> names = browser.findElements(By.cssSelector("a.template-name")).stream().map(WebElement::getText)
        .toList();
    assertThat(names).contains("Invoice", hostile);
    assertThat(browser.findElements(By.cssSelector("main img"))).as("the hostile name is text, not an element")
        .isEmpty();
    screenshot("dashboard-templates");
    browser.findElement(By.linkText("Invoice")).click();
    waitUpTo(10).until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("h1"), "Invoice"));
    assertThat(browser.findElement(By.cssSelector("pre.code")).getText()).contains("invoice.number");

    // the list is open before the render exists: it must appear and finish without a reload
    browser.get(server.baseUrl + "/app/renders");
    waitUpTo(10).until(d -> ((org.openqa.selenium.JavascriptExecutor) d)
        .executeScript("return window.htmx !== undefined && document.readyState === 'complete'"));
    Object marker = ((org.openqa.selenium.JavascriptExecutor) browser).executeScript(
        "window.__sameDocument = 'yes'; return window.__sameDocument;");
    assertThat(marker).isEqualTo("yes");
    Thread.sleep(1_500); // the event stream has taken its first look at the list
    var accepted = server.post("/v1/templates/invoice/render", server.liveKey, Map.of("data", data));
    assertThat(accepted.status()).as(accepted.text()).isEqualTo(202);
    String id = accepted.json().path("id").asString();
    By status = By.cssSelector("#render-" + id + " .status");
    waitUpTo(20).until(ExpectedConditions.presenceOfElementLocated(status));
    waitUpTo(60).until(ExpectedConditions.textToBe(status, "succeeded"));
    assertThat(((org.openqa.selenium.JavascriptExecutor) browser).executeScript("return window.__sameDocument"))
        .as("no reload happened").isEqualTo("yes");
    screenshot("dashboard-renders");

    browser.findElement(By.cssSelector("#render-" + id + " a")).click();
    waitUpTo(10).until(ExpectedConditions.textToBe(By.id("render-status"), "succeeded"));
    String pdfUrl = browser.findElement(By.id("open-pdf")).getAttribute("href");
    String cookie = browser.manage().getCookieNamed(Dashboard.COOKIE).getValue();
    assertThat(browser.manage().getCookieNamed(Dashboard.COOKIE).isHttpOnly()).isTrue();
    HttpResponse<byte[]> pdf = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(pdfUrl))
        .header("Cookie", Dashboard.COOKIE + "=" + cookie).build(), HttpResponse.BodyHandlers.ofByteArray());
    assertThat(pdf.statusCode()).isEqualTo(200);
    assertThat(pdf.headers().firstValue("Content-Type")).contains("application/pdf");
    assertThat(Pdfs.text(pdf.body())).contains("INV-2026-0042");
    // and the browser opens it too (its built-in viewer, in a new tab)
    String dashboardTab = browser.getWindowHandle();
    browser.findElement(By.id("open-pdf")).click();
    waitUpTo(10).until(d -> d.getWindowHandles().size() == 2);
    for (String h : browser.getWindowHandles()) {
      if (!h.equals(dashboardTab)) {
        browser.switchTo().window(h);
        waitUpTo(10).until(ExpectedConditions.urlContains("/pdf"));
        browser.close();
      }
    }
    browser.switchTo().window(dashboardTab);

    browser.findElement(By.id("create-share")).click();
    WebElement link = waitUpTo(10).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("a.share-url")));
    String shareUrl = link.getAttribute("href");
    assertThat(shareUrl).contains("/share/cks_");
    HttpResponse<String> shared = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(shareUrl))
        .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(shared.statusCode()).isEqualTo(200);
    browser.get(server.baseUrl + "/app/renders/" + id);
    screenshot("dashboard-render");

    // render again from the page: the new render's page follows it to succeeded by itself
    browser.findElement(By.id("render-again")).click();
    waitUpTo(10).until(d -> d.getCurrentUrl().matches(".*/app/renders/[0-9a-f-]{36}$")
        && !d.getCurrentUrl().contains(id));
    String againId = browser.getCurrentUrl().replaceAll(".*/app/renders/", "");
    assertThat(againId).isNotEqualTo(id);
    waitUpTo(60).until(ExpectedConditions.presenceOfElementLocated(By.id("open-pdf")));
    assertThat(browser.findElement(By.id("render-status")).getText()).isEqualTo("succeeded");
    assertThat(server.get("/v1/renders/" + againId, server.liveKey).json().path("status").asString())
        .isEqualTo("succeeded");
    browser.get(server.baseUrl + "/app/renders/" + id);
    waitUpTo(10).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("button.revoke-share")));

    browser.findElement(By.cssSelector("button.revoke-share")).click();
    waitUpTo(10).until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("button.revoke-share"), 0));
    assertThat(HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(shareUrl)).build(),
        HttpResponse.BodyHandlers.ofString()).statusCode()).as("revoked").isNotEqualTo(200);
  }

  /** The preview's current PDF, read from the frame's blob URL inside the page. */
  private static String previewText() {
    Object b64 = ((org.openqa.selenium.JavascriptExecutor) browser).executeAsyncScript(
        "const done = arguments[arguments.length - 1];"
            + "document.getElementById('preview-frame').pdf.arrayBuffer().then(b => {"
            + "  let s = ''; new Uint8Array(b).forEach(x => s += String.fromCharCode(x)); done(btoa(s)); },"
            + "  e => done(null));");
    assertThat(b64).as("the frame holds a PDF").isNotNull();
    return Pdfs.text(java.util.Base64.getDecoder().decode((String) b64));
  }

  private static int previewUpdates() {
    String n = browser.findElement(By.id("preview-status")).getDomAttribute("data-updates");
    return n == null ? 0 : Integer.parseInt(n);
  }

  @Test
  void typeIntoTheLayoutAndSeeThePreviewChange() throws Exception {
    var published = server.put("/v1/templates/greeting", server.liveKey, Map.of("name", "Greeting",
        "manifest", Map.of("variables", List.of(Map.of("key", "name", "label", "Name", "dataType", "text",
            "previewData", "Ada"))),
        "layout", Map.of("html", "<h1>Hello {{name}}</h1>")));
    assertThat(published.status()).as(published.text()).isIn(200, 201);
    signIn(server.liveKey, "/app/renders");

    browser.get(server.baseUrl + "/app/templates/greeting/edit");
    waitUpTo(60).until(d -> previewUpdates() >= 1);
    assertThat(previewText()).contains("Hello Ada");

    WebElement layout = browser.findElement(By.id("layout"));
    layout.clear();
    layout.sendKeys("{\"html\": \"<h1>Goodbye {{name}}</h1>\"}");
    int before = previewUpdates();
    waitUpTo(30).until(d -> previewUpdates() > before);
    waitUpTo(10).until(d -> previewText().contains("Goodbye Ada"));
    // the highlighting beneath the layout follows the typing: the same text, {{name}} as a Handlebars token
    WebElement shown = browser.findElement(By.cssSelector(".code-input:has(#layout) pre code"));
    assertThat(shown.getDomProperty("textContent")).startsWith(layout.getDomProperty("value"));
    assertThat(shown.findElements(By.cssSelector("span.tok-hbs")).stream().map(e -> e.getDomProperty("textContent"))
        .toList()).contains("{{name}}");
    assertThat(shown.findElements(By.cssSelector("span.tok-key")).stream().map(e -> e.getDomProperty("textContent"))
        .toList()).contains("\"html\"");
    screenshot("dashboard-editor");

    layout.sendKeys(" trailing");
    waitUpTo(30).until(ExpectedConditions.textToBePresentInElementLocated(By.id("preview-errors"),
        "layout: not valid JSON"));
    assertThat(browser.findElement(By.id("preview-errors")).isDisplayed()).isTrue();
  }

  @Test
  void theAccountKeyMakesAProjectAndAKeyThenRevokesIt() {
    signIn(server.accountKey, "/app/projects");
    browser.findElement(By.id("name")).sendKeys("Browser project");
    browser.findElement(By.cssSelector("form[action='/app/projects'] button")).click();
    waitUpTo(10).until(ExpectedConditions.textToBe(By.cssSelector("h1.project-name"), "Browser project"));
    String projectPage = browser.getCurrentUrl();
    browser.findElement(By.id("key-name")).sendKeys("from the browser");
    browser.findElement(By.cssSelector("input[name=mode][value=test]")).click();
    browser.findElement(By.cssSelector("form[action$='/keys'] button")).click();
    String secret = waitUpTo(10).until(ExpectedConditions.presenceOfElementLocated(By.id("new-key"))).getText();
    assertThat(secret).startsWith("ck_test_");
    assertThat(server.get("/v1/templates", secret).status()).isEqualTo(200);

    browser.get(projectPage); // the project page again: the secret is gone for good
    assertThat(browser.getPageSource()).doesNotContain(secret);
    browser.findElement(By.cssSelector("tr.key button.danger")).click();
    waitUpTo(10).until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("tr.key"), "revoked"));
    assertThat(server.get("/v1/templates", secret).status()).as("the next API call").isEqualTo(401);
  }

  /**
   * A template from the invoice example, edited with the preview following, published as version 2, the two
   * versions compared, version 1 rendered from its page, the overview, and the template deleted behind its
   * confirmation.
   */
  @Test
  void aTemplateFromTheInvoiceExampleFromEditToDiffToRenderToDelete() throws Exception {
    signIn(server.liveKey, "/app/renders");

    browser.get(server.baseUrl + "/app/templates");
    browser.findElement(By.id("new-template")).click();
    waitUpTo(10).until(ExpectedConditions.urlContains("/app/templates/new"));
    browser.findElement(By.cssSelector("input[name=example][value=invoice]")).click();
    browser.findElement(By.id("name")).sendKeys("Browser invoice");
    screenshot("dashboard-new-template");
    browser.findElement(By.id("create-template")).click();
    waitUpTo(10).until(ExpectedConditions.urlContains("/app/templates/browser-invoice/edit"));
    waitUpTo(60).until(d -> previewUpdates() >= 1);
    assertThat(previewText()).contains("Northwind Studio Ltd");

    // an edit of the layout's text: the preview follows, then it is published as version 2
    WebElement layout = browser.findElement(By.id("layout"));
    String text = layout.getDomProperty("value");
    assertThat(text).contains("Northwind Studio Ltd");
    ((org.openqa.selenium.JavascriptExecutor) browser).executeScript(
        "const l = document.getElementById('layout'); l.value = arguments[0];"
            + "l.dispatchEvent(new Event('input', {bubbles: true}));", text.replace("Northwind Studio Ltd",
            "Southwind Works"));
    int before = previewUpdates();
    waitUpTo(30).until(d -> previewUpdates() > before);
    waitUpTo(10).until(d -> previewText().contains("Southwind Works"));
    browser.findElement(By.cssSelector("#editor button[type=submit]")).click();
    waitUpTo(10).until(ExpectedConditions.urlContains("/app/templates/browser-invoice?version=2"));

    browser.findElement(By.cssSelector("#compare button[type=submit]")).click();
    waitUpTo(10).until(ExpectedConditions.urlContains("/diff"));
    List<WebElement> changed = browser.findElements(By.cssSelector("tr.diff-changed"));
    assertThat(changed).isNotEmpty();
    assertThat(changed.stream().map(WebElement::getText).toList())
        .anySatisfy(t -> assertThat(t).contains("Northwind Studio Ltd").contains("Southwind Works"));
    screenshot("dashboard-template-diff");

    // version 1, rendered from the dashboard with the invoice's data
    browser.get(server.baseUrl + "/app/templates/browser-invoice/versions/1/render");
    WebElement data = browser.findElement(By.id("data"));
    ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("arguments[0].value = arguments[1];", data,
        Files.readString(Path.of("examples/invoice.data.json")));
    browser.findElement(By.id("queue-render")).click();
    waitUpTo(10).until(d -> d.getCurrentUrl().matches(".*/app/renders/[0-9a-f-]{36}$"));
    waitUpTo(60).until(ExpectedConditions.presenceOfElementLocated(By.id("open-pdf")));
    assertThat(browser.findElement(By.cssSelector("dl.record")).getText()).contains("Browser invoice (version 1)");
    waitUpTo(10).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#attempts tr.attempt")));
    assertThat(browser.findElement(By.cssSelector("#attempts td.outcome")).getText()).isEqualTo("succeeded");
    String pdfUrl = browser.findElement(By.id("open-pdf")).getAttribute("href");
    String cookie = browser.manage().getCookieNamed(Dashboard.COOKIE).getValue();
    HttpResponse<byte[]> pdf = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(pdfUrl))
        .header("Cookie", Dashboard.COOKIE + "=" + cookie).build(), HttpResponse.BodyHandlers.ofByteArray());
    assertThat(Pdfs.text(pdf.body())).contains("Northwind Studio Ltd").doesNotContain("Southwind Works");

    browser.get(server.baseUrl + "/app/overview");
    assertThat(browser.findElements(By.cssSelector("#renders-chart path.bar"))).isNotEmpty();
    assertThat(browser.findElement(By.id("p50")).getText()).endsWith("ms");
    screenshot("dashboard-overview");

    browser.get(server.baseUrl + "/app/templates/browser-invoice");
    browser.findElement(By.id("delete-template")).click();
    waitUpTo(10).until(ExpectedConditions.presenceOfElementLocated(By.id("confirm-delete")));
    assertThat(server.get("/v1/templates/browser-invoice", server.liveKey).status()).as("asks first")
        .isEqualTo(200);
    browser.findElement(By.id("confirm-delete")).click();
    waitUpTo(10).until(ExpectedConditions.presenceOfElementLocated(By.id("deleted-notice")));
    assertThat(server.get("/v1/templates/browser-invoice", server.liveKey).status()).isEqualTo(404);
  }

  /**
   * Accessibility on every main page, at 200 % zoom (a 1280-pixel window zoomed twice is 640 CSS pixels wide): each
   * form control has a label, each button a name, nothing scrolls sideways, and the Tab key reaches controls with a
   * visible focus ring.
   */
  @Test
  void everyPageIsLabelledFitsAt200PercentZoomAndShowsKeyboardFocus() throws Exception {
    String invoice = Files.readString(Path.of("examples/invoice.json"));
    assertThat(server.put("/v1/templates/a11y-invoice", server.liveKey, TestServer.JSON.readTree(invoice)).status())
        .isIn(200, 201);
    JsonNode data = TestServer.JSON.readTree(Files.readString(Path.of("examples/invoice.data.json")));
    String render = server.post("/v1/templates/a11y-invoice/render", server.liveKey, Map.of("data", data)).json()
        .path("id").asString();
    String hook = server.post("/v1/webhooks", server.liveKey, Map.of("url", "https://hooks.example.com/a11y"))
        .json().path("id").asString();

    browser.manage().deleteAllCookies(); // the tests share one browser: each signs in afresh
    browser.manage().window().setSize(new Dimension(640, 1000));
    try {
      browser.get(server.baseUrl + "/");
      checkPage("sign-in");
      browser.findElement(By.id("key")).sendKeys(server.liveKey);
      browser.findElement(By.cssSelector("form button[type=submit]")).click();
      waitUpTo(10).until(ExpectedConditions.urlContains("/app/renders"));
      for (String page : List.of("/app/renders", "/app/renders/" + render, "/app/overview", "/app/templates",
          "/app/templates/new", "/app/templates/a11y-invoice", "/app/templates/a11y-invoice/edit",
          "/app/templates/a11y-invoice/versions/1/render", "/app/webhooks", "/app/webhooks/" + hook)) {
        browser.get(server.baseUrl + page);
        checkPage(page);
      }
    } finally {
      browser.manage().window().setSize(new Dimension(1280, 1200));
    }
  }

  private static void checkPage(String page) {
    var js = (org.openqa.selenium.JavascriptExecutor) browser;
    waitUpTo(10).until(d -> js.executeScript("return document.readyState").equals("complete"));
    Object unlabelled = js.executeScript("""
        return [...document.querySelectorAll('input, select, textarea')]
          .filter(e => e.type !== 'hidden' && e.type !== 'submit' && e.offsetParent !== null)
          .filter(e => !(e.labels && e.labels.length) && !e.getAttribute('aria-label')
            && !e.getAttribute('aria-labelledby') && !e.title)
          .map(e => e.outerHTML.slice(0, 120));""");
    assertThat((List<?>) unlabelled).as("controls without a label on %s", page).isEmpty();
    Object nameless = js.executeScript("""
        return [...document.querySelectorAll('button, a[href]')]
          .filter(e => e.offsetParent !== null && !e.textContent.trim() && !e.getAttribute('aria-label')
            && !e.title)
          .map(e => e.outerHTML.slice(0, 120));""");
    assertThat((List<?>) nameless).as("buttons and links without a name on %s", page).isEmpty();
    Object overflow = js.executeScript(
        "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
    assertThat(((Number) overflow).intValue()).as("sideways scroll at 200 %% zoom on %s", page).isLessThanOrEqualTo(1);
    js.executeScript("document.activeElement && document.activeElement.blur(); window.focus();");
    var body = browser.findElement(By.tagName("body"));
    long focusable = (Long) js.executeScript("return [...document.querySelectorAll('a[href], button, input, "
        + "select, textarea')].filter(e => e.type !== 'hidden' && e.offsetParent !== null && !e.disabled).length;");
    assertThat(focusable).as("something to reach on %s", page).isPositive();
    for (int i = 0; i < Math.min(3, focusable); i++) {
      body.sendKeys(org.openqa.selenium.Keys.TAB);
      Object ring = js.executeScript("""
          const e = document.activeElement;
          if (!e || e === document.body) return 'nothing focused';
          const s = getComputedStyle(e);
          return s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0 ? 'ok' : e.outerHTML.slice(0, 120);""");
      assertThat(ring).as("visible keyboard focus on %s, Tab %d", page, i + 1).isEqualTo("ok");
    }
  }
}
