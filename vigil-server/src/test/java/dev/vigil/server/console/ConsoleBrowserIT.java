package dev.vigil.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.core.agent.AgentId;
import dev.vigil.core.finding.Evidence;
import dev.vigil.core.finding.Finding;
import dev.vigil.core.finding.FindingDraft;
import dev.vigil.core.finding.Severity;
import dev.vigil.core.outbox.ChatAttachment;
import dev.vigil.core.outbox.FindingCard;
import dev.vigil.core.outbox.OutboxEntry;
import dev.vigil.core.outbox.OutboxStatus;
import dev.vigil.core.port.FindingStore;
import dev.vigil.core.port.OutboxStore;
import dev.vigil.core.port.RunStore;
import dev.vigil.core.run.Run;
import dev.vigil.core.run.RunId;
import dev.vigil.core.run.WakeReason;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import dev.vigil.integrations.testing.ScriptedServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The web console in a real headless Chromium against a real server on H2 with the demo agents, an
 * agent whose run waits a few seconds (to watch it live), a shop catalog for the graph, and a
 * finding with evidence and a chart as the deploy watch files them. Screenshots of the main pages
 * go to {@code target/screenshots/}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserIT {
  static final String TOKEN = "console-it-token-" + UUID.randomUUID();
  static final Duration WAIT = Duration.ofSeconds(20);
  private static HeadlessChromium browser;
  private static Finding finding;
  private static ScriptedServer prometheus;
  /** When the seeded finding's deploy happened: its evidence range starts here. */
  private static Instant deployedAt;
  static final String LATENCY = "checkout_latency_p99_seconds{service=\"checkout\"}";

  @LocalServerPort
  int port;
  @Autowired
  FindingStore findings;
  @Autowired
  RunStore runs;
  @Autowired
  OutboxStore outbox;
  @Autowired
  Clock clock;

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  static final String AGENTS = """
      apiVersion: vigil.dev/v1
      integrations:
        - name: prom-main
          type: prometheus
          url: %s
        - name: alerts
          type: alertmanager
          url: http://127.0.0.1:9/
          auth: {bearerToken: "${env:PATH}"}
      agents:
        - name: checkout-watch
          purpose: Watches checkout deploys and says when one makes latency or errors worse.
          owner: team-checkout
          channels: ["#deploys"]
          grants:
            - {integration: chat, permission: "chat:post", scope: ["#deploys"]}
            - {integration: prom-main, permission: "metrics:read", scope: ['{service="checkout"}']}
          memory: ["the nightly batch job raises p99 between 02:00 and 02:30"]
          tasks:
            - name: by-hand
              kind: heartbeat
              parameters: {channel: "#deploys"}
        - name: console-live
          purpose: Waits four seconds, then posts, so a run can be watched live.
          owner: team-platform
          channels: ["#demo"]
          grants:
            - {integration: chat, permission: "chat:post", scope: ["#demo"]}
          tasks:
            - name: slow
              kind: heartbeat
              parameters: {channel: "#demo", message: "{agent} finished ({reason})", delay: 4s}
      """;

  static final String CATALOG = """
      apiVersion: backstage.io/v1alpha1
      kind: Component
      metadata: {name: checkout}
      spec: {owner: team-checkout, dependsOn: [component:payments, resource:orders-db]}
      ---
      apiVersion: backstage.io/v1alpha1
      kind: Component
      metadata: {name: payments}
      spec: {owner: team-payments, dependsOn: [resource:payments-db]}
      ---
      apiVersion: backstage.io/v1alpha1
      kind: Component
      metadata: {name: web}
      spec: {owner: team-web, dependsOn: [component:checkout]}
      """;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) throws IOException {
    Path data = Files.createTempDirectory("vigil-console-it-");
    Path config = Files.createDirectories(data.resolve("config"));
    // A real Prometheus holding the checkout latency around the deploy and a week before it.
    deployedAt = Instant.now().minus(Duration.ofHours(2)).truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
    Path history = data.resolve("latency.om");
    Files.writeString(history, latencyHistory(deployedAt));
    prometheus = ScriptedServer.start("prometheus", "--openmetrics", history.toString());
    Files.writeString(config.resolve("agents.yaml"), AGENTS.formatted(prometheus.get("VIGIL_PROM_URL")));
    Path shop = Files.createDirectories(data.resolve("shop"));
    Files.writeString(shop.resolve("catalog-info.yaml"), CATALOG);
    registry.add("VIGIL_DATA_DIR", data::toString);
    registry.add("VIGIL_CONFIG_DIR", config::toString);
    registry.add("VIGIL_DEMO", () -> "true");
    registry.add("VIGIL_ADMIN_TOKEN", () -> TOKEN);
    registry.add("VIGIL_ENGINE_THREADS", () -> "2");
    registry.add("VIGIL_BIND_ADDRESS", () -> "127.0.0.1");
    registry.add("VIGIL_GRAPH_SOURCES", () -> "shop=backstage:" + shop);
  }

  @AfterAll
  static void closeBrowserAndPrometheus() {
    if (browser != null) browser.close();
    if (prometheus != null) prometheus.close();
  }

  /** Every 30 s over 40 minutes before and 40 after the deploy, now and a week earlier (OpenMetrics). */
  static String latencyHistory(Instant deploy) {
    StringBuilder om = new StringBuilder("# TYPE checkout_latency_p99_seconds gauge\n");
    for (Instant base : List.of(deploy.minus(Duration.ofDays(7)), deploy)) {
      boolean lastWeek = base.isBefore(deploy);
      for (int s = -40 * 60; s <= 40 * 60; s += 30) {
        double v = (s < 0 || lastWeek) ? 0.40 + 0.02 * Math.sin(s / 300.0) : 2.1 + 0.1 * Math.cos(s / 200.0);
        om.append("checkout_latency_p99_seconds{service=\"checkout\"} ")
            .append(String.format(java.util.Locale.ROOT, "%.4f", v)).append(' ').append(base.getEpochSecond() + s).append('\n');
      }
    }
    return om.append("# EOF\n").toString();
  }

  // ---------------------------------------------------------------- without a browser

  @Test
  @Order(1)
  void pages_redirect_to_the_login_without_a_session_and_the_api_still_wants_its_bearer_token() throws Exception {
    HttpResponse<String> page = get("/findings?status=open", null);
    assertThat(page.statusCode()).isEqualTo(302);
    assertThat(page.headers().firstValue("Location").orElseThrow()).endsWith("/login?next=%2Ffindings%3Fstatus%3Dopen");
    HttpResponse<String> action = send("POST", "/agents/demo-heartbeat/pause", null, "_csrf=x", Map.of());
    assertThat(action.statusCode()).isEqualTo(302);
    assertThat(action.headers().firstValue("Location").orElseThrow()).endsWith("/login");
    HttpResponse<String> htmx = send("GET", "/agents/demo-heartbeat/plan", null, null, Map.of("HX-Request", "true"));
    assertThat(htmx.statusCode()).isEqualTo(401);
    assertThat(htmx.headers().firstValue("HX-Redirect")).contains("/login?next=%2Fagents%2Fdemo-heartbeat%2Fplan");
    HttpResponse<String> wrong = send("POST", "/login", null, "token=not-a-token&next=%2F", Map.of());
    assertThat(wrong.statusCode()).isEqualTo(200);
    assertThat(wrong.body()).contains("That token is not valid or was revoked.");
    assertThat(wrong.headers().allValues("Set-Cookie")).isEmpty();

    String cookie = login();
    assertThat(get("/", cookie).statusCode()).isEqualTo(200);
    // A session cookie is no API credential: the API answers 401 without the bearer token.
    HttpResponse<String> api = get("/api/v1/agents", cookie);
    assertThat(api.statusCode()).isEqualTo(401);
    assertThat(api.headers().firstValue("WWW-Authenticate")).contains("Bearer realm=\"vigil\"");
  }

  @Test
  @Order(2)
  void a_post_without_the_session_csrf_token_or_from_another_origin_is_refused() throws Exception {
    String cookie = login();
    assertThat(send("POST", "/agents/demo-heartbeat/pause", cookie, "", Map.of()).statusCode()).isEqualTo(403);
    assertThat(send("POST", "/agents/demo-heartbeat/pause", cookie, "_csrf=guessed", Map.of()).statusCode()).isEqualTo(403);
    String csrf = csrfOf(get("/", cookie).body());
    assertThat(send("POST", "/agents/demo-heartbeat/pause", cookie, "_csrf=" + csrf,
        Map.of("Origin", "http://evil.example")).statusCode()).isEqualTo(403);
    HttpResponse<String> paused = send("POST", "/agents/demo-heartbeat/pause", cookie, "_csrf=" + csrf, Map.of());
    assertThat(paused.statusCode()).isEqualTo(302);
    assertThat(get("/agents/demo-heartbeat", cookie).body()).contains(">paused<", ">Resume<");
    HttpResponse<String> resumed = send("POST", "/agents/demo-heartbeat/resume", cookie, "",
        Map.of(ConsoleSession.CSRF_HEADER, csrf));
    assertThat(resumed.statusCode()).isEqualTo(302);
    assertThat(get("/agents/demo-heartbeat", cookie).body()).contains(">Pause<");
    assertThat(get("/audit", cookie).body()).contains("agent:pause", "agent:resume", "console:admin");
    // Logging out ends the session: the cookie opens nothing afterwards.
    assertThat(send("POST", "/logout", cookie, "_csrf=" + csrf, Map.of()).statusCode()).isEqualTo(302);
    assertThat(get("/", cookie).statusCode()).isEqualTo(302);
  }

  // ---------------------------------------------------------------- in the browser

  @Test
  @Order(10)
  void refused_without_a_token_then_logged_in_it_shows_the_agents() throws Exception {
    var driver = browser().driver;
    driver.get(url("/findings"));
    assertThat(driver.getCurrentUrl()).contains("/login?next=");
    browser.screenshot("login");
    driver.findElement(By.id("token")).sendKeys("vgl_wrong");
    driver.findElement(By.cssSelector("button[type=submit]")).click();
    until(ExpectedConditions.textToBePresentInElementLocated(By.id("login-error"), "not valid"));

    driver.findElement(By.id("token")).sendKeys(TOKEN);
    driver.findElement(By.cssSelector("button[type=submit]")).click();
    until(ExpectedConditions.urlContains("/findings"));
    Cookie session = driver.manage().getCookieNamed("vigil_session");
    assertThat(session.isHttpOnly()).isTrue();
    assertThat(session.getSameSite()).isEqualToIgnoringCase("Strict");

    driver.get(url("/"));
    String agents = driver.findElement(By.id("agents")).getText();
    assertThat(agents).contains("demo-heartbeat", "demo-self-check", "demo-deploy-greeter", "demo-responder",
        "checkout-watch", "console-live");
    WebElement heartbeat = driver.findElement(By.cssSelector("tr[data-agent='demo-heartbeat']"));
    assertThat(heartbeat.findElement(By.cssSelector(".state")).getText()).isIn("standby", "running");
    // Its next wake-up (a minute at most away), read for the whole page at once.
    assertThat(heartbeat.findElement(By.cssSelector("td:nth-child(5) time")).getAttribute("datetime")).isNotBlank();
    assertThat(driver.findElement(By.cssSelector("tr[data-agent='demo-responder'] td:nth-child(5)")).getText())
        .isEqualTo("on event or message");
    browser.screenshot("agents");

    // Keyboard first: the first Tab reaches the link that skips the navigation.
    driver.findElement(By.tagName("body")).sendKeys(org.openqa.selenium.Keys.TAB);
    assertThat(driver.switchTo().activeElement().getText()).isEqualTo("Skip to content");
    // The theme toggle switches between light and dark and the browser remembers the choice.
    JavascriptExecutor js = (JavascriptExecutor) driver;
    String before = (String) js.executeScript("return getComputedStyle(document.body).backgroundColor");
    driver.findElement(By.id("theme-toggle")).click();
    String chosen = driver.findElement(By.tagName("html")).getAttribute("data-theme");
    assertThat(chosen).isIn("dark", "light");
    assertThat((String) js.executeScript("return getComputedStyle(document.body).backgroundColor")).isNotEqualTo(before);
    driver.navigate().refresh();
    assertThat(driver.findElement(By.tagName("html")).getAttribute("data-theme")).isEqualTo(chosen);
    browser.screenshot("agents-" + chosen);
    driver.findElement(By.id("theme-toggle")).click();
    assertThat((String) js.executeScript("return getComputedStyle(document.body).backgroundColor")).isEqualTo(before);

    driver.findElement(By.linkText("demo-heartbeat")).click();
    assertThat(driver.findElement(By.tagName("h1")).getText()).contains("demo-heartbeat");
    assertThat(driver.getPageSource()).contains("schedule * * * * * (Europe/Berlin)", "CET");
    driver.findElement(By.id("show-plan")).click();
    until(ExpectedConditions.textToBePresentInElementLocated(By.id("plan"), "Steps"));
    browser.screenshot("agent");
  }

  @Test
  @Order(20)
  void a_finding_shows_its_evidence_and_chart_and_a_false_positive_needs_a_reason() throws Exception {
    Finding f = seededFinding();
    var driver = browser().driver;
    driver.get(url("/findings"));
    driver.findElement(By.linkText(f.summary())).click();
    until(ExpectedConditions.urlContains("/findings/" + f.id().value()));
    assertThat(driver.findElement(By.id("finding-status")).getText()).isEqualTo("open");
    String evidence = driver.findElement(By.cssSelector(".evidence")).getText();
    assertThat(evidence).contains("checkout_latency_p99_seconds", "2.11 s", "410 ms");
    WebElement chart = driver.findElement(By.cssSelector("figure.chart img"));
    until(d -> ((Number) ((JavascriptExecutor) d).executeScript(
        "return arguments[0].complete ? arguments[0].naturalWidth : 0", chart)).intValue() > 0);
    assertThat(chart.getAttribute("alt")).contains("p99 latency");
    // The interactive chart: the evidence's query read from the real Prometheus with the agent's grants.
    until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".uplot-chart[data-ready='true'] canvas")));
    assertThat(driver.findElement(By.cssSelector(".uplot-chart .u-legend")).getText()).contains("now", "same hours last week");
    driver.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 1900));
    browser.screenshot("finding");
    driver.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 900));
    HttpResponse<String> series = get("/findings/" + f.id().value() + "/evidence/0/series", login());
    assertThat(series.statusCode()).as(series.body()).isEqualTo(200);
    assertThat(series.body()).contains("\"marker\":" + deployedAt.getEpochSecond(), "\"low\":", "\"high\":");

    driver.findElement(By.id("false-positive")).click();
    until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".decide [role=alert]"), "Say why"));
    assertThat(driver.findElement(By.id("finding-status")).getText()).isEqualTo("open");
    driver.findElement(By.id("reason")).sendKeys("expected: the nightly batch job");
    driver.findElement(By.id("false-positive")).click();
    until(ExpectedConditions.textToBe(By.id("finding-status"), "false-positive"));
    assertThat(driver.findElement(By.id("status-reason")).getText()).isEqualTo("expected: the nightly batch job");
    assertThat(findings.find(f.id()).orElseThrow().statusReason()).isEqualTo("expected: the nightly batch job");

    driver.get(url("/findings?status=false-positive"));
    assertThat(driver.findElement(By.id("findings")).getText()).contains(f.summary());
    driver.get(url("/findings?status=open&service=checkout"));
    assertThat(driver.findElement(By.id("findings")).getText()).doesNotContain(f.summary());
    browser.screenshot("findings");
  }

  @Test
  @Order(30)
  void a_run_started_from_the_console_updates_live_until_it_ends() throws Exception {
    var driver = browser().driver;
    driver.get(url("/agents/console-live"));
    driver.findElement(By.cssSelector("button[aria-label='Run slow now']")).click();
    until(ExpectedConditions.urlMatches(".*/runs/[0-9a-f-]{36}$"));
    assertThat(driver.findElement(By.id("wake")).getText()).contains("started by console:admin");
    // A mark in the page's script state: it survives only if the page is never reloaded.
    ((JavascriptExecutor) driver).executeScript("window.vigilNoReload = true");
    assertThat(liveText(By.id("run-status"))).isIn("queued", "running", "waiting");
    browser.screenshot("run-live");
    new WebDriverWait(driver, Duration.ofSeconds(30))
        .until(ExpectedConditions.textToBe(By.id("run-status"), "succeeded"));
    assertThat((Boolean) ((JavascriptExecutor) driver).executeScript("return window.vigilNoReload === true")).isTrue();
    assertThat(liveText(By.cssSelector(".posts"))).contains("console-live finished");
    browser.screenshot("run");
    driver.get(url("/runs?agent=console-live"));
    assertThat(driver.findElement(By.cssSelector("table.runs")).getText()).contains("console-live", "succeeded");
    // The timeline refreshes itself from this fragment every few seconds.
    HttpResponse<String> rows = get("/runs/timeline?agent=console-live&limit=20", login());
    assertThat(rows.statusCode()).isEqualTo(200);
    assertThat(rows.body()).contains("console-live", "succeeded").doesNotContain("<html");
  }

  @Test
  @Order(40)
  void settings_show_credentials_only_as_set_or_unset_and_a_new_token_once() throws Exception {
    var driver = browser().driver;
    driver.get(url("/settings"));
    String integrations = driver.findElement(By.cssSelector("[data-integration='alerts']")).getText();
    assertThat(integrations).contains("auth.bearerToken", "set");
    assertThat(driver.getPageSource()).doesNotContain(System.getenv("PATH"));
    driver.findElement(By.id("token-name")).sendKeys("ci-deploys");
    driver.findElement(By.id("token-name")).submit();
    until(ExpectedConditions.presenceOfElementLocated(By.id("new-token")));
    String token = driver.findElement(By.id("new-token")).getText();
    assertThat(token).startsWith("vgl_");
    assertThat(driver.findElement(By.id("tokens")).getText()).contains("ci-deploys");
    browser.screenshot("settings");
    driver.get(url("/settings"));
    assertThat(driver.getPageSource()).doesNotContain(token);
    // The new token logs in like any other.
    HttpResponse<String> r = send("POST", "/login", null, "token=" + token, Map.of());
    assertThat(r.statusCode()).isEqualTo(302);
    driver.get(url("/audit"));
    assertThat(driver.findElement(By.id("audit")).getText()).contains("token:create", "ci-deploys", "finding:false-positive",
        "metrics:query_range", "prom-main");
    browser.screenshot("audit");
  }

  @Test
  @Order(50)
  void the_graph_shows_a_service_with_its_neighbours_owners_and_open_findings() throws Exception {
    var driver = browser().driver;
    driver.get(url("/graph?service=checkout&hops=1"));
    until(ExpectedConditions.presenceOfElementLocated(By.id("graph")));
    String nodes = driver.findElement(By.id("graph-nodes")).getText();
    assertThat(nodes).contains("checkout", "payments", "web", "resource:orders-db", "team-checkout")
        .doesNotContain("resource:payments-db");
    browser.screenshot("graph");
    // One more hop reaches what payments needs; a node links to the view centred on it.
    driver.get(url("/graph?service=checkout&hops=2"));
    assertThat(driver.findElement(By.id("graph-nodes")).getText()).contains("resource:payments-db");
    driver.findElement(By.cssSelector("#graph-nodes a[href*='service=web']")).click();
    until(ExpectedConditions.urlContains("service=web"));
    assertThat(driver.findElement(By.cssSelector("svg.graph .node.center")).getText()).contains("web");
  }

  @Test
  @Order(60)
  void the_chat_answers_help_and_status_in_the_thread_and_wakes_a_mentioned_agent() throws Exception {
    var driver = browser().driver;
    driver.get(url("/chat?channel=%23ops"));
    driver.findElement(By.id("text")).sendKeys("help");
    driver.findElement(By.cssSelector("#chat-form button[type=submit]")).click();
    until(ExpectedConditions.textToBePresentInElementLocated(By.id("conversation"), "Commands I answer here"));
    WebElement thread = driver.findElement(By.xpath("//li[contains(@class,'person')][.//div[@class='body' and text()='help']]"));
    assertThat(thread.findElement(By.cssSelector(".replies")).getText()).contains("@vigil", "status", "@demo-responder");

    driver.findElement(By.id("text")).sendKeys("status");
    driver.findElement(By.cssSelector("#chat-form button[type=submit]")).click();
    until(ExpectedConditions.textToBePresentInElementLocated(By.id("conversation"), "Open findings:"));

    // A mention goes through the same path as POST /api/v1/messages: the responder wakes and answers.
    driver.findElement(By.id("text")).sendKeys("@demo-responder are you there?");
    driver.findElement(By.cssSelector("#chat-form button[type=submit]")).click();
    new WebDriverWait(driver, Duration.ofSeconds(30)).until(ExpectedConditions.textToBePresentInElementLocated(
        By.id("conversation"), "demo-responder here"));
    browser.screenshot("chat");
    driver.get(url("/demo/chat"));
    assertThat(driver.findElement(By.id("inbox")).getText()).contains("#ops", "Commands I answer here");
    browser.screenshot("chat-inbox");
  }

  // ---------------------------------------------------------------- helpers

  private HeadlessChromium browser() throws IOException {
    if (browser == null) browser = HeadlessChromium.start();
    return browser;
  }

  /**
   * The text of a part of the page that swaps itself in place while a run moves on: found and read in one go,
   * again if it was replaced between the two.
   */
  private String liveText(By locator) {
    return new WebDriverWait(browser.driver, WAIT).ignoring(StaleElementReferenceException.class)
        .until(d -> d.findElement(locator).getText());
  }

  private <T> void until(java.util.function.Function<org.openqa.selenium.WebDriver, T> condition) {
    new WebDriverWait(browser.driver, WAIT).until(condition);
  }

  /** A finding as the deploy watch files it: a run, its verdict post with a card and a PNG chart, the finding. */
  private synchronized Finding seededFinding() throws IOException {
    if (finding != null) return finding;
    AgentId agent = new AgentId("checkout-watch");
    Instant now = clock.instant();
    RunId run = new RunId(UUID.randomUUID().toString());
    runs.create(Run.queued(run, agent, "by-hand", "heartbeat", Map.of(), new WakeReason.Manual("deploy-bot"),
        List.of(), now.minusSeconds(60)).succeeded(now));
    FindingCard card = FindingCard.of("checkout 2.4.0: FAIL", Severity.CRITICAL, "p99 latency 5x after the deploy")
        .withEvidence("latency_p99", "2.11 s", "410 ms").withNextStep("roll checkout back to 2.3.9")
        .withOwner("team-checkout");
    outbox.add(new OutboxEntry(UUID.randomUUID().toString(), run, agent, "#deploys", "checkout 2.4.0: FAIL",
        run.value() + ":0:0", OutboxStatus.DELIVERED, 1, now, Optional.of(now), "", Optional.of(card),
        Optional.empty(), Optional.of("deploy:checkout"), Optional.empty()));
    outbox.add(new OutboxEntry(UUID.randomUUID().toString(), run, agent, "#deploys", "chart",
        run.value() + ":0:0:file:0", OutboxStatus.DELIVERED, 1, now, Optional.of(now), "", Optional.empty(),
        Optional.of(new ChatAttachment("checkout-latency.png", "checkout p99 latency before and after 2.4.0",
            chartPng())), Optional.of("deploy:checkout"), Optional.empty()));
    finding = findings.fileOrUpdate(new FindingDraft(Severity.CRITICAL, "checkout",
        "checkout 2.4.0 made p99 latency 5x worse", List.of(new Evidence(
            LATENCY, deployedAt, deployedAt.plus(Duration.ofMinutes(20)), "2.11 s", "410 ms (before), 402 ms (last week)",
            Optional.of("http://127.0.0.1:9090/graph?g0.expr=checkout"))),
        List.of("roll checkout back to 2.3.9", "look at the slow query added in 2.4.0"), "console-it:checkout:2.4.0"),
        agent, run, now);
    return finding;
  }

  /** A latency chart like the deploy watch's: before and after a deploy at minute 0. */
  private static byte[] chartPng() throws IOException {
    XYChart chart = new XYChartBuilder().width(800).height(320).title("checkout p99 latency (s)")
        .xAxisTitle("minutes from deploy").build();
    double[] x = new double[40];
    double[] y = new double[40];
    for (int i = 0; i < 40; i++) {
      x[i] = i - 20;
      y[i] = i < 20 ? 0.41 + 0.02 * Math.sin(i) : 2.1 + 0.1 * Math.cos(i);
    }
    chart.addSeries("p99", x, y);
    return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
  }

  private String url(String path) {
    return "http://127.0.0.1:" + port + path;
  }

  private String login() throws Exception {
    HttpResponse<String> r = send("POST", "/login", null, "token=" + TOKEN + "&next=%2F", Map.of());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(302);
    String setCookie = r.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("vigil_session="))
        .findFirst().orElseThrow();
    assertThat(setCookie).contains("HttpOnly").containsIgnoringCase("SameSite=Strict");
    return setCookie.substring(0, setCookie.indexOf(';'));
  }

  private static String csrfOf(String html) {
    int at = html.indexOf("name=\"_csrf\" value=\"");
    assertThat(at).as("a CSRF field in the page").isPositive();
    int start = at + "name=\"_csrf\" value=\"".length();
    return html.substring(start, html.indexOf('"', start));
  }

  private HttpResponse<String> get(String path, String cookie) throws Exception {
    return send("GET", path, cookie, null, Map.of());
  }

  private HttpResponse<String> send(String method, String path, String cookie, String form, Map<String, String> headers)
      throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(10))
        .method(method, form == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(form));
    if (form != null) b.header("Content-Type", "application/x-www-form-urlencoded");
    if (cookie != null) b.header("Cookie", cookie);
    headers.forEach(b::header);
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }
}
