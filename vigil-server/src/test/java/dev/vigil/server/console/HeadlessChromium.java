package dev.vigil.server.console;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's Chromium driven through its chromedriver, headless, with a fresh profile that is removed
 * afterwards. {@code scripts/chromium.sh ensure} installs both; without them the browser tests are
 * skipped with a message saying so, except under {@code CI=true}, where that is a failure.
 */
final class HeadlessChromium implements AutoCloseable {
  static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("VIGIL_CHROMIUM_BIN", "/usr/bin/chromium"));
  static final Path DRIVER = Path.of(System.getenv().getOrDefault("VIGIL_CHROMEDRIVER_BIN", "/usr/bin/chromedriver"));
  private final Path profile;
  final ChromeDriver driver;

  private HeadlessChromium(Path profile, ChromeDriver driver) {
    this.profile = profile;
    this.driver = driver;
  }

  /** Fails under CI when Chromium is missing; elsewhere skips the calling test, saying why. */
  static void requireInstalled() {
    if (Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER)) return;
    String why = "browser tests need " + CHROMIUM + " and " + DRIVER + ": run scripts/chromium.sh ensure"
        + " (installs Debian's chromium and chromium-driver)";
    if ("true".equals(System.getenv("CI"))) Assertions.fail(why);
    System.err.println("[console browser test] SKIPPED: " + why);
    Assumptions.abort("SKIPPED: " + why);
  }

  static HeadlessChromium start() throws IOException {
    requireInstalled();
    Path profile = Files.createTempDirectory("vigil-chromium-profile-");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-quic",
        "--disable-dev-shm-usage", "--window-size=1280,900", "--user-data-dir=" + profile);
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
        .usingAnyFreePort().build();
    ChromeDriver driver = new ChromeDriver(service, options);
    driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    return new HeadlessChromium(profile, driver);
  }

  /** Saves what the browser shows as {@code target/screenshots/<name>.png}. */
  Path screenshot(String name) throws IOException {
    Path dir = Path.of("target", "screenshots");
    Files.createDirectories(dir);
    Path file = dir.resolve(name + ".png");
    Files.write(file, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
    return file;
  }

  @Override
  public void close() {
    try {
      driver.quit();
    } finally {
      try (Stream<Path> files = Files.walk(profile)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
