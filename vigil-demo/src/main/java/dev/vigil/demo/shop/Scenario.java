package dev.vigil.demo.shop;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A scripted timeline of deploys and faults, given as offsets from the moment the demo starts, so
 * that it can be replayed at any time and, compressed, in a test.
 *
 * @param name what {@code ./vigil demo scenario NAME} calls it
 * @param summary one line for the demo's banner
 * @param steps the effects and when they happen after the start
 */
public record Scenario(String name, String summary, List<Step> steps) {
  public Scenario {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(summary, "summary");
    steps = List.copyOf(steps);
  }

  /** One effect of a scenario, {@code offset} after the start. */
  public record Step(Duration offset, Effect effect) {
    public Step {
      Objects.requireNonNull(offset, "offset");
      Objects.requireNonNull(effect, "effect");
      if (offset.isNegative()) {
        throw new IllegalArgumentException("a step cannot happen before the start: " + offset);
      }
    }
  }

  /**
   * The effects at real instants: {@code start} plus each offset times {@code scale} (below 1 the
   * timeline is compressed, e.g. 0.25 plays twenty minutes in five; leaks grow faster to match).
   */
  public List<TimedEffect> at(Instant start, double scale) {
    if (!(scale > 0)) {
      throw new IllegalArgumentException("time scale must be > 0, got " + scale);
    }
    return steps.stream().map(s -> new TimedEffect(start.plusMillis(Math.round(s.offset().toMillis() * scale)),
        compressed(s.effect(), scale))).toList();
  }

  /**
   * A leak grows as much per scenario minute whatever the scale: played four times faster, it grows four
   * times faster, so that it reaches the same size by the same point of the timeline.
   */
  private static Effect compressed(Effect effect, double scale) {
    return effect instanceof Effect.MemoryLeak leak && scale != 1
        ? new Effect.MemoryLeak(leak.service(), leak.mbPerHour() / scale) : effect;
  }

  /** When the first deploy of {@code service} happens, after the start. */
  public Duration deployOffset(String service) {
    return steps.stream().filter(s -> s.effect() instanceof Effect.Deploy d && d.service().equals(service))
        .map(Step::offset).findFirst()
        .orElseThrow(() -> new IllegalArgumentException(name + " deploys no " + service));
  }

  /** Every scenario the demo knows, by name. */
  public static Map<String, Scenario> all() {
    return Map.of("standard", standard(), "bad-deploy", badDeploy(), "quiet", quiet(), "config-change",
        configChange());
  }

  /** The full timeline: a good deploy, a bad one, a leak, a slow datastore, a flag flip, then the fix. */
  public static Scenario standard() {
    return new Scenario("standard", "a good deploy, a bad deploy, a memory leak, a slow migration, a flag flip",
        List.of(
            // The bad deploy comes first, 30 s in, so that the first finding lands within five minutes of
            // the start. The good deploy is on shipping, which nothing else in the timeline touches: a
            // catalog deploy would be judged on the minutes when the migration slows every caller of PostgreSQL.
            new Step(Duration.ofSeconds(30), new Effect.Deploy("checkout", "2.4.0", 3, 0.04, "new tax calculation"
                + " (calls the tax rules once per line item)")),
            new Step(Duration.ofMinutes(2), new Effect.Deploy("shipping", "3.1.0", 1, 0, "print labels in"
                + " batches")),
            new Step(Duration.ofMinutes(6), new Effect.MemoryLeak("recommendations", 900)),
            new Step(Duration.ofMinutes(9), new Effect.Slowdown("postgres", 10, "migration 0042 dropped the index"
                + " on orders(customer_id)")),
            new Step(Duration.ofMinutes(12), new Effect.FlagFlip("new-recommendations-model", true,
                "recommendations", 1.25, 1.4)),
            new Step(Duration.ofMinutes(20), new Effect.Deploy("checkout", "2.4.1", 1, 0, "revert the tax"
                + " calculation"))));
  }

  /** Only the bad deploy of checkout, for a quick look at a deploy watch. */
  public static Scenario badDeploy() {
    return new Scenario("bad-deploy", "checkout 2.4.0 triples its latency and fails 4% of requests",
        List.of(new Step(Duration.ofMinutes(1), new Effect.Deploy("checkout", "2.4.0", 3, 0.04, "new tax"
            + " calculation (calls the tax rules once per line item)"))));
  }

  /** Nothing goes wrong: a good deploy only. */
  public static Scenario quiet() {
    return new Scenario("quiet", "one good deploy; nothing should fail",
        List.of(new Step(Duration.ofMinutes(1), new Effect.Deploy("catalog", "1.8.1", 1, 0, "fix pagination"))));
  }

  /**
   * Two configuration changes: a healthy one of shipping, then one of cart whose new configuration puts the
   * metrics server on the application's port, so its new pod cannot start and crash-loops while the old pods
   * keep serving. Only restarts and readiness show the second; the golden signals stay calm.
   */
  public static Scenario configChange() {
    return new Scenario("config-change", "a healthy configuration change, then one that crash-loops",
        List.of(
            new Step(Duration.ofMinutes(1), new Effect.Deploy("shipping", "3.1.1", 1, 0, "raise the label printer"
                + " timeout")),
            new Step(Duration.ofMinutes(5), new Effect.Deploy("cart", "1.9.0", 1, 0, "serve metrics on the"
                + " application's port", true))));
  }

  /**
   * The week before the demo as a team would have lived it: good deploys on weekday mornings and
   * afternoons, one service after another, so that history holds restarts and new versions.
   */
  public static List<TimedEffect> pastWeek(Shop shop, Instant now, ZoneId zone) {
    List<ServiceSpec> deployable = shop.services().stream().filter(s -> s.kind() == ServiceKind.SERVICE).toList();
    List<TimedEffect> out = new ArrayList<>();
    ZonedDateTime day = now.atZone(zone).truncatedTo(ChronoUnit.DAYS).minusDays(7);
    int n = 0;
    for (int d = 0; d < 8; d++, day = day.plusDays(1)) {
      if (day.getDayOfWeek().getValue() >= 6) {
        continue; // nobody deploys at the weekend
      }
      for (int hour : new int[] {10, 15}) {
        Instant at = day.withHour(hour).withMinute(20).toInstant();
        if (at.isBefore(now)) {
          ServiceSpec s = deployable.get(n % deployable.size());
          out.add(new TimedEffect(at, new Effect.Deploy(s.name(), "1.0." + (1 + n / deployable.size()), 1, 0,
              "routine release")));
          n++;
        }
      }
    }
    return out;
  }
  /** Whether a deploy makes its service worse, so that a deploy watch should fail it. */
  public static boolean isRegression(Effect.Deploy deploy) {
    return deploy.latencyFactor() > 1 || deploy.addedErrorRatio() > 0;
  }

  /**
   * A deploy of the benchmark week and what a deploy watch should say about it.
   *
   * @param effect the deploy and when it takes hold
   * @param expectedFail whether it is a regression (fail) or a good deploy (pass)
   */
  public record BenchmarkDeploy(TimedEffect effect, boolean expectedFail) {
    public BenchmarkDeploy {
      Objects.requireNonNull(effect, "effect");
      if (!(effect.effect() instanceof Effect.Deploy)) {
        throw new IllegalArgumentException("a benchmark case is a deploy, not " + effect.effect().describe());
      }
    }

    public Effect.Deploy deploy() {
      return (Effect.Deploy) effect.effect();
    }
  }

  /** Regressions of the benchmark: latency factor and added 5xx ratio, from barely visible to severe. */
  private static final double[][] REGRESSIONS = {
      {1.5, 0}, {1.75, 0}, {2, 0}, {2.5, 0}, {3, 0}, {4, 0}, {1.5, 0}, {2, 0},
      {1, 0.01}, {1, 0.02}, {1, 0.03}, {1, 0.05}, {1, 0.08}, {1, 0.015},
      {2, 0.03}, {3, 0.05}, {1.5, 0.02}, {4, 0.08}};

  /**
   * Six deploys a day for the week from {@code start}: 42 cases, of which 18 are regressions (latency
   * x1.5..x4, 1..8% errors, or both, on every kind of service) and 24 good deploys: during the lunch and
   * evening peaks, during the nightly catalog batch, on the low-traffic email and shipping services, on
   * search (whose noisy alert flaps all day). Each regression is rolled back 45 minutes later by another
   * release, which is in the timeline ({@link #benchmarkTimeline}) but is not a case: its "before" is
   * the regression itself. Slots are hours apart, so one case's windows never hold another's effect.
   * The same seed gives the same cases.
   */
  public static List<BenchmarkDeploy> benchmarkWeek(Shop shop, long seed, Instant start) {
    return benchmark(shop, seed, start).cases();
  }

  /** Every deploy of the benchmark week, cases and rollbacks, in time order. */
  public static List<TimedEffect> benchmarkTimeline(Shop shop, long seed, Instant start) {
    return benchmark(shop, seed, start).timeline();
  }

  private record Benchmark(List<BenchmarkDeploy> cases, List<TimedEffect> timeline) {
  }

  private static Benchmark benchmark(Shop shop, long seed, Instant start) {
    List<String> services = shop.services().stream().filter(s -> s.kind() == ServiceKind.SERVICE)
        .map(ServiceSpec::name).toList();
    java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
    List<double[]> regressions = new ArrayList<>(List.of(REGRESSIONS));
    java.util.Collections.shuffle(regressions, new java.util.Random(random.nextLong()));
    List<String> regressed = new ArrayList<>();
    while (regressed.size() < regressions.size()) {
      List<String> round = new ArrayList<>(services);
      java.util.Collections.shuffle(round, new java.util.Random(random.nextLong()));
      regressed.addAll(round);
    }
    // Minutes after midnight (UTC) of each daily slot and what happens in it: B batch, P peak, D day.
    int[] minutes = {2 * 60 + 15, 6 * 60, 10 * 60, 12 * 60 + 30, 16 * 60, 20 * 60};
    char[] kinds = {'B', 'D', 'D', 'P', 'D', 'P'};
    // Which slots of the week hold a regression: 3 of 7 at night, 6 of 14 at peaks, 9 of 21 by day.
    java.util.Set<Integer> bad = new java.util.HashSet<>();
    for (char kind : new char[] {'B', 'P', 'D'}) {
      List<Integer> slots = new ArrayList<>();
      for (int day = 0; day < 7; day++) {
        for (int i = 0; i < minutes.length; i++) {
          if (kinds[i] == kind) {
            slots.add(day * minutes.length + i);
          }
        }
      }
      java.util.Collections.shuffle(slots, new java.util.Random(random.nextLong()));
      bad.addAll(slots.subList(0, slots.size() * 3 / 7));
    }
    Map<String, Integer> patch = new java.util.HashMap<>();
    List<BenchmarkDeploy> cases = new ArrayList<>();
    List<TimedEffect> timeline = new ArrayList<>();
    int nextRegression = 0;
    int good = 0;
    for (int day = 0; day < 7; day++) {
      for (int i = 0; i < minutes.length; i++) {
        Instant at = start.plus(Duration.ofMinutes(day * 1440L + minutes[i]));
        int slot = day * minutes.length + i;
        if (bad.contains(slot)) {
          double[] r = regressions.get(nextRegression);
          String service = regressed.get(nextRegression++);
          String version = release(patch, service);
          Effect.Deploy deploy = new Effect.Deploy(service, version, r[0], r[1], String.format(java.util.Locale.ROOT,
              "release %s (regression: latency x%.2f, +%.1f%% errors)", version, r[0], r[1] * 100));
          cases.add(new BenchmarkDeploy(new TimedEffect(at, deploy), isRegression(deploy)));
          timeline.add(new TimedEffect(at, deploy));
          String rollback = release(patch, service);
          timeline.add(new TimedEffect(at.plus(Duration.ofMinutes(45)), new Effect.Deploy(service, rollback, 1, 0,
              "revert " + version)));
        } else {
          String service = switch (kinds[i]) {
            case 'B' -> "catalog"; // its nightly batch is running
            default -> good % 4 == 0 ? (good % 8 == 0 ? "email" : "shipping") : good % 4 == 1 ? "search"
                : services.get(random.nextInt(services.size()));
          };
          if (kinds[i] != 'B') {
            good++;
          }
          String version = release(patch, service);
          Effect.Deploy deploy = new Effect.Deploy(service, version, 1, 0, "release " + version);
          cases.add(new BenchmarkDeploy(new TimedEffect(at, deploy), isRegression(deploy)));
          timeline.add(new TimedEffect(at, deploy));
        }
      }
    }
    return new Benchmark(cases, timeline);
  }

  private static String release(Map<String, Integer> patch, String service) {
    return "2.0." + patch.merge(service, 1, Integer::sum);
  }
}
