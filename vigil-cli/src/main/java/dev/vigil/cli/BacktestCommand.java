package dev.vigil.cli;

import dev.vigil.analysis.judge.Verdict;
import dev.vigil.core.Durations;
import dev.vigil.core.integration.IntegrationFailure;
import dev.vigil.core.metrics.TimeRange;
import dev.vigil.core.port.MetricSource;
import dev.vigil.integrations.prometheus.PrometheusClient;
import dev.vigil.integrations.prometheus.PrometheusConfig;
import dev.vigil.integrations.prometheus.PrometheusMetricSource;
import dev.vigil.tasks.deploywatch.DeployBacktest;
import dev.vigil.tasks.deploywatch.DeployNotice;
import dev.vigil.tasks.deploywatch.DeployReport;
import dev.vigil.tasks.deploywatch.SignalSets;
import dev.vigil.tasks.deploywatch.SignalTemplate;
import dev.vigil.tasks.deploywatch.SignalTemplates;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code vigil backtest deploys}: what a deploy watch would have said about a service's past deploys,
 * each check evaluated as of its time against the history in Prometheus, so that a team can tune the
 * signals on its own history before the agent posts anything.
 *
 * <p>Exit status: 0 no deploy would have failed, 1 at least one would have; 64 usage error, 65 malformed
 * deploys or signals file, 66 unreadable file, 69 Prometheus unavailable (BSD sysexits, as {@code judge}).
 */
public final class BacktestCommand {
  static final int USAGE = 64;
  static final int DATA_ERROR = 65;
  static final int NO_INPUT = 66;
  static final int UNAVAILABLE = 69;

  static final String USAGE_TEXT = """
      usage: vigil backtest deploys --prometheus URL --service S [--since 7d] [--until TIME]
                                    [--signals SET | --signals-file FILE] [--early 5m --late 15m]
                                    [--before 30m] [--rate-window 2m] [--step 15s] [--deploys FILE] [--json]
             vigil backtest deploys --agent A [--task T] --service S [--since 7d] [--until TIME] [--url URL] [--json]
        --agent       run it on the Vigil server (VIGIL_URL, token VIGIL_TOKEN) with agent A's deploy-watch task:
                      its signals, delays and windows, through its own metrics grants
        --prometheus  the Prometheus-compatible API (Prometheus, Thanos, Mimir, VictoriaMetrics)
        --service     the service whose deploys are judged (its label value in the signal templates)
        --since       how far back to look for deploys (default 7d), up to --until (RFC 3339, default now)
        --signals     a built-in signal set: %s (default prometheus-http)
        --signals-file signal templates in YAML ('signals:' list, see docs/deploy-watch.md)
        --deploys     a JSON-lines file of {"service": ..., "deployedAt": "RFC 3339"} instead of finding the
                      deploys from changes of process_start_time_seconds{service="S"}
        --deploy-query the PromQL whose value is the process start time (default %s)
      exit: 0 none would have failed, 1 some would have, 64 usage, 65 bad file, 66 unreadable file,
            69 Prometheus unavailable""".formatted(String.join(", ", SignalSets.names()),
      DeployBacktest.DEFAULT_DEPLOY_QUERY);

  private BacktestCommand() {}

  /** Runs the command and exits with its status. */
  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err, Clock.systemUTC()));
  }

  /** Parsed options. */
  record Options(URI prometheus, String service, TimeRange range, List<SignalTemplate> signals,
      String signalsName, Duration early, Duration late, Duration before, Duration rateWindow, Duration step,
      Path deploys, List<DeployBacktest.PastDeploy> givenDeploys, String deployQuery, boolean json) {
  }

  /** Runs the command, printing to {@code out} and {@code err}; returns the exit status. */
  static int run(String[] args, PrintStream out, PrintStream err, Clock clock) {
    return run(args, out, err, clock, System.getenv());
  }

  /** The same, reading {@code VIGIL_URL} and {@code VIGIL_TOKEN} (the server mode's) from {@code env}. */
  public static int run(String[] args, PrintStream out, PrintStream err, Clock clock, Map<String, String> env) {
    Map<String, String> given = new LinkedHashMap<>();
    boolean json = false;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.equals("-h") || a.equals("--help")) {
        out.println(USAGE_TEXT);
        return 0;
      }
      if (a.equals("--json")) {
        json = true;
        continue;
      }
      String name = a.contains("=") ? a.substring(0, a.indexOf('=')) : a;
      String value = a.contains("=") ? a.substring(a.indexOf('=') + 1) : null;
      if (!OPTIONS.contains(name) && !ServerBacktest.OPTIONS.contains(name)) {
        return usage(err, "unknown argument '" + a + "'");
      }
      if (value == null) {
        if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
          return usage(err, name + " needs a value");
        }
        value = args[++i];
      }
      given.put(name, value);
    }
    if (given.containsKey("--agent")) {
      return ServerBacktest.run(given, json, out, err, env);
    }
    for (String serverOnly : List.of("--task", "--url")) {
      if (given.containsKey(serverOnly)) {
        return usage(err, serverOnly + " goes with --agent (the backtest on a server)");
      }
    }
    Options o;
    try {
      o = options(given, json, clock);
    } catch (IllegalArgumentException e) {
      return usage(err, e.getMessage());
    } catch (IOException e) {
      err.println("vigil backtest: " + e.getMessage());
      return NO_INPUT;
    } catch (BadFile e) {
      err.println("vigil backtest: " + e.getMessage());
      return DATA_ERROR;
    }
    MetricSource source = new PrometheusMetricSource("backtest",
        PrometheusClient.create(PrometheusConfig.of(o.prometheus())));
    try {
      TimeRange range = o.range();
      List<DeployBacktest.PastDeploy> deploys = o.givenDeploys() != null ? o.givenDeploys()
          : DeployBacktest.findDeploys(source, o.service(), o.deployQuery(), range);
      DeployBacktest.Settings settings = new DeployBacktest.Settings(o.signals(), List.of(o.early(), o.late()),
          o.before(), o.rateWindow(), o.step());
      DeployBacktest backtest = new DeployBacktest();
      List<DeployBacktest.Outcome> outcomes = new ArrayList<>();
      for (DeployBacktest.PastDeploy d : deploys) {
        outcomes.add(backtest.evaluate(source, d, settings, range.end()));
      }
      if (o.json()) {
        out.println(toJson(o, range, outcomes));
      } else {
        printText(out, o, range, outcomes);
      }
      return outcomes.stream().anyMatch(r -> r.verdict().orElse(Verdict.PASS) == Verdict.FAIL) ? 1 : 0;
    } catch (IntegrationFailure f) {
      err.println("vigil backtest: Prometheus at " + withoutCredentials(o.prometheus()) + " did not answer: "
          + f.getMessage().replace(o.prometheus().toString(), withoutCredentials(o.prometheus())));
      return UNAVAILABLE;
    }
  }

  /** The address as it may be printed: a password in {@code user:password@host} never is. */
  static String withoutCredentials(URI url) {
    return url.getRawUserInfo() == null ? url.toString() : url.toString().replace(url.getRawUserInfo() + "@", "***@");
  }

  private static final List<String> OPTIONS = List.of("--prometheus", "--service", "--since", "--until", "--signals",
      "--signals-file", "--early", "--late", "--before", "--rate-window", "--step", "--deploys", "--deploy-query");

  private static Options options(Map<String, String> g, boolean json, Clock clock) throws IOException, BadFile {
    if (!g.containsKey("--prometheus")) {
      throw new IllegalArgumentException("--prometheus URL is required");
    }
    URI prometheus;
    try {
      prometheus = URI.create(g.get("--prometheus"));
      PrometheusConfig.of(prometheus);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--prometheus: " + e.getMessage(), e);
    }
    String service = g.get("--service");
    if (service == null && !g.containsKey("--deploys")) {
      throw new IllegalArgumentException("--service S is required (or --deploys FILE naming the services)");
    }
    if (g.containsKey("--signals") && g.containsKey("--signals-file")) {
      throw new IllegalArgumentException("give --signals SET or --signals-file FILE, not both");
    }
    List<SignalTemplate> signals;
    String signalsName;
    if (g.containsKey("--signals-file")) {
      Path file = Path.of(g.get("--signals-file"));
      if (!Files.isReadable(file)) {
        throw new IOException("--signals-file " + file + ": file does not exist or cannot be read");
      }
      try {
        signals = SignalTemplates.parse(Files.readString(file, StandardCharsets.UTF_8));
      } catch (IllegalArgumentException e) {
        throw new BadFile(file + ": " + e.getMessage());
      }
      signalsName = file.getFileName().toString();
    } else {
      signalsName = g.getOrDefault("--signals", "prometheus-http");
      signals = SignalSets.named(signalsName).orElseThrow(() -> new IllegalArgumentException("--signals: unknown set '"
          + signalsName + "' (known: " + String.join(", ", SignalSets.names()) + ")"));
    }
    Instant until;
    try {
      until = g.containsKey("--until") ? Instant.parse(g.get("--until")) : clock.instant();
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("--until: '" + g.get("--until") + "' is not an RFC 3339 time"
          + " (e.g. 2026-11-25T21:00:00Z)", e);
    }
    Duration early = duration(g, "--early", "5m");
    Duration late = duration(g, "--late", "15m");
    if (late.compareTo(early) <= 0) {
      throw new IllegalArgumentException("--late (" + g.getOrDefault("--late", "15m") + ") must come after --early ("
          + g.getOrDefault("--early", "5m") + ")");
    }
    Duration rateWindow = duration(g, "--rate-window", "2m");
    if (early.compareTo(rateWindow) <= 0) {
      throw new IllegalArgumentException("--early must be longer than --rate-window: the after-window starts one"
          + " rate window after the deploy");
    }
    Duration since = duration(g, "--since", "7d");
    Duration step = duration(g, "--step", "15s");
    if (since.isZero() || step.isZero()) {
      throw new IllegalArgumentException("--since and --step must be longer than zero");
    }
    String deployQuery = g.getOrDefault("--deploy-query", DeployBacktest.DEFAULT_DEPLOY_QUERY);
    if (!deployQuery.contains("$service")) {
      throw new IllegalArgumentException("--deploy-query must contain $service");
    }
    TimeRange range = new TimeRange(until.minus(since), until);
    Path deploys = g.containsKey("--deploys") ? Path.of(g.get("--deploys")) : null;
    return new Options(prometheus, service, range, signals, signalsName, early, late, duration(g, "--before", "30m"),
        rateWindow, step, deploys, deploys == null ? null : readDeploys(deploys, service, range), deployQuery, json);
  }

  private static Duration duration(Map<String, String> g, String option, String otherwise) {
    return Durations.parse(g.getOrDefault(option, otherwise), option);
  }

  /** A file that was read but holds something else than expected (exit 65). */
  static final class BadFile extends Exception {
    BadFile(String message) {
      super(message);
    }
  }

  private static final ObjectMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  /**
   * The deploys of {@code service} (all services when null) in {@code range}, from JSON lines
   * {@code {"service": ..., "deployedAt": ...}}; other fields (e.g. a bench's {@code expected}) are ignored.
   */
  static List<DeployBacktest.PastDeploy> readDeploys(Path file, String service, TimeRange range)
      throws IOException, BadFile {
    if (!Files.isReadable(file)) {
      throw new IOException("--deploys " + file + ": file does not exist or cannot be read");
    }
    List<DeployBacktest.PastDeploy> out = new ArrayList<>();
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty()) {
        continue;
      }
      String where = file + " line " + (i + 1);
      try {
        JsonNode n = JSON.readTree(line);
        if (!n.isObject() || !n.path("service").isString() || !n.path("deployedAt").isString()) {
          throw new BadFile(where + ": expected {\"service\": \"...\", \"deployedAt\": \"RFC 3339\"}");
        }
        Instant at = Instant.parse(n.get("deployedAt").asString());
        String s = n.get("service").asString();
        if ((service == null || service.equals(s)) && range.start().compareTo(at) <= 0 && at.isBefore(range.end())) {
          out.add(new DeployBacktest.PastDeploy(s, at, "file"));
        }
      } catch (JacksonException e) {
        throw new BadFile(where + ": not JSON (" + e.getOriginalMessage() + ")");
      } catch (DateTimeParseException e) {
        throw new BadFile(where + ": deployedAt is not an RFC 3339 time (e.g. 2026-11-25T21:00:00Z)");
      }
    }
    return out;
  }

  private static void printText(PrintStream out, Options o, TimeRange range, List<DeployBacktest.Outcome> outcomes) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    outcomes.forEach(r -> counts.merge(r.verdict().map(BacktestCommand::word).orElse("not due yet"), 1, Integer::sum));
    out.printf(Locale.ROOT, "backtest of %s: %d deploys from %s to %s, signals %s, checks at +%s and +%s%s%n",
        o.service() == null ? "the deploys in " + o.deploys() : o.service(), outcomes.size(), range.start(),
        range.end(), o.signalsName(), minutes(o.early()), minutes(o.late()),
        counts.isEmpty() ? "" : ": " + counts);
    for (DeployBacktest.Outcome r : outcomes) {
      out.println();
      DeployNotice notice = DeployBacktest.notice(r.deploy());
      if (r.checks().isEmpty()) {
        out.println("deploy-watch " + notice.title() + ": no check due yet");
      }
      for (DeployBacktest.CheckOutcome c : r.checks()) {
        out.println(DeployReport.post(notice, c.result(), c.delay(), c.delay().equals(o.late()), ""));
      }
    }
  }


  private static String minutes(Duration d) {
    return d.toSeconds() % 60 == 0 ? d.toMinutes() + "m" : d.toSeconds() + "s";
  }

  private static String word(Verdict v) {
    return v.name().toLowerCase(Locale.ROOT).replace('_', ' ');
  }

  static String toJson(Options o, TimeRange range, List<DeployBacktest.Outcome> outcomes) {
    return JSON.writeValueAsString(DeployBacktest.report(o.service(), range, o.signalsName(), outcomes));
  }

  private static int usage(PrintStream err, String message) {
    err.println("vigil backtest: " + message);
    err.println(USAGE_TEXT);
    return USAGE;
  }
}
