package dev.vigil.core.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.core.graph.LearnedBaseline;
import dev.vigil.core.graph.NodeId;
import dev.vigil.core.port.BaselineStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/**
 * What every {@link BaselineStore} must do: give back each baseline exactly (hours without enough
 * history included, and the recent values with their NaNs), and keep one per service and signal. A subclass returns a fresh, empty store.
 */
public abstract class BaselineStoreContract {
  protected static final Instant T = Instant.parse("2031-03-04T05:06:07.123456Z");

  protected abstract BaselineStore newStore();

  protected static LearnedBaseline baseline(String service, String signal, double scale) {
    List<LearnedBaseline.Hour> hours = new ArrayList<>();
    for (int h = 0; h < LearnedBaseline.HOURS_PER_WEEK; h++) {
      hours.add(h % 24 == 3
          ? new LearnedBaseline.Hour(h, OptionalDouble.empty(), Double.NaN, 2, LearnedBaseline.Basis.INSUFFICIENT)
          : new LearnedBaseline.Hour(h, OptionalDouble.of(scale * (100 + h) / 7.0), 0.25 + h / 1000.0, 12,
              h < 100 ? LearnedBaseline.Basis.HOUR_OF_WEEK : LearnedBaseline.Basis.HOUR_OF_DAY));
    }
    // One signal with the whole history's range, one without (as stored before ranges were kept).
    Optional<LearnedBaseline.Range> range = signal.equals("p99")
        ? Optional.of(new LearnedBaseline.Range(10_080, 0.5 * scale, 9.25 * scale, scale, 2.125 * scale, 4 * scale))
        : Optional.empty();
    // The p99 signal also keeps its week's values, a gap and 0/0 (NaN) among them.
    Optional<LearnedBaseline.Values> recent = Optional.empty();
    if (signal.equals("p99")) {
      double[] week = new double[10_081];
      for (int i = 0; i < week.length; i++) {
        week[i] = i % 997 == 0 ? Double.NaN : scale * (i % 1440) / 3.0;
      }
      recent = Optional.of(new LearnedBaseline.Values(T.minus(Duration.ofDays(7)), Duration.ofMinutes(1), week));
    }
    return new LearnedBaseline(NodeId.service(service), signal, "sum(rate(x{service=\"" + service + "\"}[2m]))",
        T.minus(Duration.ofDays(7)), T, 10_080, hours, Duration.ofMinutes(1), range, recent);
  }

  @Test
  void a_baseline_comes_back_exactly_and_a_new_one_replaces_it() {
    BaselineStore store = newStore();
    assertThat(store.list()).isEmpty();
    store.save(baseline("checkout", "error_ratio", 1));
    store.save(baseline("checkout", "p99", 1));
    store.save(baseline("cart", "p99", 1));
    assertThat(store.list()).containsExactly(baseline("cart", "p99", 1), baseline("checkout", "error_ratio", 1),
        baseline("checkout", "p99", 1));
    store.save(baseline("checkout", "p99", 2));
    assertThat(store.list()).hasSize(3).contains(baseline("checkout", "p99", 2));
  }
}
