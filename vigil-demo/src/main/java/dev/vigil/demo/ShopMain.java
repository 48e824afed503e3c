package dev.vigil.demo;

import dev.vigil.demo.metrics.OpenMetricsHistory;
import dev.vigil.demo.repository.ShopRepository;
import dev.vigil.demo.shop.Scenario;
import dev.vigil.demo.shop.Shop;
import dev.vigil.demo.shop.ShopSimulator;
import dev.vigil.demo.shop.TimedEffect;
import dev.vigil.demo.shop.Traffic;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code vigil-demo shop}: simulates the week before now, writes it as OpenMetrics for promtool, then
 * serves the shop live for Prometheus to scrape while the chosen scenario plays out. Progress goes to
 * standard error; a state file, written once the endpoint answers, tells scripts where it is.
 */
public final class ShopMain {
  private ShopMain() {
  }

  /** Parsed command line. */
  record Options(long seed, String scenario, double timeScale, Duration history, Duration historyStep,
      Path openMetrics, int port, Path stateFile, ZoneId zone, double peakRps, Duration scenarioOffset,
      java.net.URI deployHook, Path repository, java.net.URI eventsHook) {
    static Options parse(String[] args) {
      long seed = 42;
      String scenario = "standard";
      double scale = 1;
      Duration history = Duration.ofDays(7);
      Duration step = Duration.ofMinutes(1);
      Path openMetrics = null;
      int port = 0;
      Path state = null;
      ZoneId zone = ZoneId.of("UTC");
      double peak = 120;
      Duration offset = Duration.ZERO;
      java.net.URI hook = null;
      Path repository = null;
      java.net.URI eventsHook = null;
      for (int i = 0; i < args.length; i++) {
        String a = args[i];
        if (a.equals("--help")) {
          throw new UsageException(null);
        }
        if (i + 1 >= args.length) {
          throw new UsageException(a + " needs a value");
        }
        String v = args[++i];
        try {
          switch (a) {
            case "--seed" -> seed = Long.parseLong(v);
            case "--scenario" -> scenario = v;
            case "--time-scale" -> scale = Double.parseDouble(v);
            case "--history" -> history = duration(v);
            case "--history-step" -> step = duration(v);
            case "--openmetrics" -> openMetrics = Path.of(v);
            case "--port" -> port = Integer.parseInt(v);
            case "--state-file" -> state = Path.of(v);
            case "--zone" -> zone = ZoneId.of(v);
            case "--peak-rps" -> peak = Double.parseDouble(v);
            case "--deploy-hook" -> hook = java.net.URI.create(v);
            case "--repository" -> repository = Path.of(v);
            case "--events-hook" -> eventsHook = java.net.URI.create(v);
            case "--scenario-offset" -> offset = v.startsWith("-") ? duration(v.substring(1)).negated() : duration(v);
            default -> throw new UsageException("unknown option " + a);
          }
        } catch (NumberFormatException | java.time.DateTimeException | java.nio.file.InvalidPathException e) {
          throw new UsageException(a + ": cannot read '" + v + "' (" + e.getMessage() + ")");
        }
      }
      if (!Scenario.all().containsKey(scenario)) {
        throw new UsageException("unknown scenario '" + scenario + "'; known: " + Scenario.all().keySet());
      }
      if (!(scale > 0) || history.isNegative() || step.compareTo(ShopSimulator.TICK) < 0
          || step.toSeconds() % ShopSimulator.TICK.toSeconds() != 0) {
        throw new UsageException("--time-scale must be > 0, --history >= 0 and --history-step a multiple of 15s");
      }
      if (offset.isNegative() && offset.negated().compareTo(history) >= 0) {
        throw new UsageException("--scenario-offset " + offset + " starts the scenario before the history does");
      }
      if (hook != null && System.getenv(HOOK_SECRET_ENV) == null) {
        throw new UsageException("--deploy-hook needs the webhook secret in the environment variable " + HOOK_SECRET_ENV);
      }
      if ((hook != null || eventsHook != null) && repository == null) {
        throw new UsageException("--deploy-hook and --events-hook need --repository: deploys carry its commits");
      }
      if (eventsHook != null && hook == null) {
        throw new UsageException("--events-hook goes with --deploy-hook (the GitHub webhook is the primary)");
      }
      if (eventsHook != null && System.getenv(EVENTS_SECRET_ENV) == null) {
        throw new UsageException("--events-hook needs the hook's secret in the environment variable "
            + EVENTS_SECRET_ENV);
      }
      return new Options(seed, scenario, scale, history, step, openMetrics, port, state, zone, peak, offset, hook,
          repository, eventsHook);
    }


    private static Duration duration(String v) {
      char unit = v.charAt(v.length() - 1);
      long n = Long.parseLong(v.substring(0, v.length() - 1));
      return switch (unit) {
        case 's' -> Duration.ofSeconds(n);
        case 'm' -> Duration.ofMinutes(n);
        case 'h' -> Duration.ofHours(n);
        case 'd' -> Duration.ofDays(n);
        default -> throw new UsageException("durations look like 15s, 5m, 2h or 7d, not " + v);
      };
    }
  }

  static final class UsageException extends RuntimeException {
    UsageException(String message) {
      super(message);
    }
  }

  /** Where the deploy webhooks' signing secret comes from: never the command line, which others can read. */
  static final String HOOK_SECRET_ENV = "VIGIL_DEMO_GITHUB_SECRET";
  /** The CloudEvents hook's signing secret, likewise. */
  static final String EVENTS_SECRET_ENV = "VIGIL_DEMO_EVENTS_SECRET";
  /** The shop's feature flags and whether each is on before any scenario switches one. */
  static final Map<String, Boolean> FLAGS = Map.of("express-checkout", true);

  static final String USAGE = """
      usage: vigil-demo shop [options]
        --seed N              the simulation's seed (default 42): the same seed gives the same series
        --scenario NAME       standard, bad-deploy, quiet or config-change (default standard)
        --time-scale X        play the scenario X times as long (0.25 plays twenty minutes in five)
        --history 7d          how much history to write before now (default 7d)
        --history-step 1m     one history sample per series per step (default 1m, a multiple of 15s)
        --openmetrics FILE    write the history here as OpenMetrics (default: no history)
        --port N              serve /metrics here on 127.0.0.1 (default: a free port)
        --state-file FILE     write SHOP_URL, SHOP_PORT and SHOP_START here once serving
        --zone ZONE           the shop's local time for its daily pattern (default UTC)
        --peak-rps N          storefront requests per second at the evening peak (default 120)
        --scenario-offset D   start the scenario D after now (default 0); -3h plays it inside the history,
                              for backtests and tests that need its minutes at once
        --deploy-hook URL     send each deploy as a signed GitHub deployment_status webhook to URL
                              (e.g. http://127.0.0.1:8080/hooks/github), secret from $VIGIL_DEMO_GITHUB_SECRET
        --repository DIR      write the shop's Git repository here (replacing what is there): its source,
                              catalog and one commit per deploy; deploys carry these commits' SHAs
        --events-hook URL     also send each deploy as a CloudEvent (structured JSON) to URL, e.g.
                              http://127.0.0.1:8080/hooks/deploys, signed with $VIGIL_DEMO_EVENTS_SECRET
      """;

  public static void main(String[] args) throws Exception {
    Options options;
    try {
      options = Options.parse(args);
    } catch (UsageException e) {
      System.err.print((e.getMessage() == null ? "" : "vigil-demo shop: " + e.getMessage() + "\n\n") + USAGE);
      System.exit(e.getMessage() == null ? 0 : 2);
      return;
    }
    ShopEndpoint endpoint = run(options, Clock.systemUTC(), System.err);
    Runtime.getRuntime().addShutdownHook(new Thread(endpoint::close));
    Thread.currentThread().join();
  }

  /** Writes the history (when asked), starts the endpoint and returns it, serving. */
  static ShopEndpoint run(Options o, Clock clock, PrintStream progress) throws IOException {
    Shop shop = Shop.standard();
    Traffic traffic = new Traffic(o.peakRps(), o.zone());
    Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS); // readable times in the timeline
    Instant historyStart = now.minus(o.history());
    Scenario scenario = Scenario.all().get(o.scenario());
    List<TimedEffect> effects = new ArrayList<>(Scenario.pastWeek(shop, now, o.zone()));
    effects.removeIf(e -> e.at().isBefore(historyStart));
    Instant scenarioStart = now.plus(o.scenarioOffset());
    effects.addAll(scenario.at(scenarioStart, o.timeScale()));
    ShopSimulator simulator = new ShopSimulator(shop, traffic, o.seed(), historyStart, effects, FLAGS);
    ShopRepository repository = null;
    if (o.repository() != null) {
      repository = ShopRepository.write(o.repository(), shop, o.seed(), historyStart, effects, FLAGS);
      progress.printf("shop: wrote its Git repository to %s (%d releases, url %s)%n", o.repository(),
          repository.releases().size(), o.repository().toAbsolutePath().toUri());
    }
    if (o.openMetrics() != null) {
      writeHistory(simulator, now, o, progress);
    } else {
      simulator.advanceTo(now);
    }
    if (o.deployHook() != null) {
      Optional<DeployNotifier.Target> events = Optional.ofNullable(o.eventsHook())
          .map(url -> new DeployNotifier.Target(url, System.getenv(EVENTS_SECRET_ENV)));
      new DeployNotifier(new DeployNotifier.Target(o.deployHook(), System.getenv(HOOK_SECRET_ENV)), events,
          repository, o.seed(), clock, progress).schedule(scenario.at(scenarioStart, o.timeScale()));
    }
    ShopEndpoint endpoint = new ShopEndpoint(simulator, clock, o.port());
    String url = "http://127.0.0.1:" + endpoint.port();
    progress.printf("shop: serving %s/metrics (seed %d, scenario %s: %s)%n", url, o.seed(), scenario.name(),
        scenario.summary());
    for (TimedEffect e : scenario.at(scenarioStart, o.timeScale())) {
      progress.printf("shop:   at %s (%+ds)  %s%n", e.at(), Duration.between(now, e.at()).toSeconds(),
          e.effect().describe());
    }
    if (o.stateFile() != null) {
      Path tmp = o.stateFile().resolveSibling(o.stateFile().getFileName() + ".tmp");
      Files.writeString(tmp, "SHOP_URL=" + url + "\nSHOP_PORT=" + endpoint.port() + "\nSHOP_START="
          + now.getEpochSecond() + "\nSHOP_SCENARIO_START=" + scenarioStart.getEpochSecond() + "\n", StandardCharsets.UTF_8);
      Files.move(tmp, o.stateFile(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
    return endpoint;
  }

  private static void writeHistory(ShopSimulator simulator, Instant now, Options o, PrintStream progress)
      throws IOException {
    long started = System.nanoTime();
    progress.printf("shop: simulating %d days of history (seed %d)...%n", o.history().toDays(), o.seed());
    // The last sample lies a scrape interval before now, so Prometheus' first live scrape follows it.
    OpenMetricsHistory history = simulate(simulator, now.minus(ShopSimulator.TICK), o.historyStep());
    simulator.advanceTo(now);
    Path target = o.openMetrics();
    if (target.getParent() != null) {
      Files.createDirectories(target.getParent());
    }
    try (BufferedWriter out = Files.newBufferedWriter(target, StandardCharsets.UTF_8)) {
      history.write(out);
    }
    progress.printf("shop: wrote %,d samples to %s in %.1f s%n", history.samples(), target,
        (System.nanoTime() - started) / 1e9);
  }

  /** Runs the simulator from its start to {@code last}, keeping one scrape per {@code step}. */
  static OpenMetricsHistory simulate(ShopSimulator simulator, Instant last, Duration step) {
    OpenMetricsHistory history = new OpenMetricsHistory();
    Instant t = simulator.start();
    while (!t.isAfter(last)) {
      simulator.advanceTo(t);
      if (t.getEpochSecond() % step.toSeconds() == 0) {
        history.add(t, simulator.scrape());
      }
      t = t.plus(ShopSimulator.TICK);
    }
    return history;
  }
}
