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
   * timeline is compressed, e.g. 0.25 plays twenty minutes in five).
   */
  public List<TimedEffect> at(Instant start, double scale) {
    if (!(scale > 0)) {
      throw new IllegalArgumentException("time scale must be > 0, got " + scale);
    }
    return steps.stream().map(s -> new TimedEffect(start.plusMillis(Math.round(s.offset().toMillis() * scale)),
        s.effect())).toList();
  }

  /** Every scenario the demo knows, by name. */
  public static Map<String, Scenario> all() {
    return Map.of("standard", standard(), "bad-deploy", badDeploy(), "quiet", quiet());
  }

  /** The full timeline: a good deploy, a bad one, a leak, a slow datastore, a flag flip, then the fix. */
  public static Scenario standard() {
    return new Scenario("standard", "a good deploy, a bad deploy, a memory leak, a slow migration, a flag flip",
        List.of(
            new Step(Duration.ofMinutes(1), new Effect.Deploy("catalog", "1.8.1", 1, 0, "fix pagination of the"
                + " category pages")),
            new Step(Duration.ofMinutes(3), new Effect.Deploy("checkout", "2.4.0", 3, 0.04, "new tax calculation"
                + " (calls the tax rules once per line item)")),
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
}
