package dev.vigil.integrations.testing;

import dev.vigil.core.integration.IntegrationFailure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.vigil.core.metrics.Labels;
import dev.vigil.core.metrics.QueryResult;
import dev.vigil.core.metrics.Series;
import dev.vigil.core.metrics.TimeRange;
import dev.vigil.core.port.MetricSource;
import dev.vigil.integrations.promql.LabelScope;
import dev.vigil.integrations.promql.ScopedMetricSource;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * What every {@link MetricSource} must do, checked on the {@link MetricFixture} history: known
 * answers, NaN, ranges, series and labels, failure kinds, and label scopes through {@link
 * ScopedMetricSource}. An adapter's test subclasses this and provides a source loaded with the
 * fixture.
 */
public abstract class MetricSourceContract {

  /** A source holding {@link MetricFixture#openMetrics(Instant)} up to {@link #fixtureEnd()}. */
  protected abstract MetricSource source();

  /** The time of the fixture's last sample. */
  protected abstract Instant fixtureEnd();

  private MetricSource scoped(String... scope) {
    return new ScopedMetricSource(source(), LabelScope.fromGrantScope(List.of(scope)));
  }

  private static Map<String, Double> byLabel(QueryResult result, String label) {
    return ((QueryResult.Vector) result).series().stream().collect(Collectors.toMap(
        s -> s.labels().get(label).orElse(""), s -> s.last().value()));
  }

  private static double single(QueryResult result) {
    return ((QueryResult.Vector) result).series().getFirst().last().value();
  }

  @Test
  void instant_query_returns_the_known_rates() throws IntegrationFailure {
    QueryResult result = source().query("sum by (namespace) (rate(http_requests_total[5m]))", fixtureEnd());
    Map<String, Double> rates = byLabel(result, "namespace");
    assertThat(rates.keySet()).containsExactlyInAnyOrder("payments", "checkout");
    assertThat(rates.get("payments")).isCloseTo(1.1, within(1e-9));
    assertThat(rates.get("checkout")).isCloseTo(2.0, within(1e-9));
    assertThat(((QueryResult.Vector) result).series().getFirst().last().time()).isEqualTo(fixtureEnd());
  }

  @Test
  void histogram_quantile_over_summed_bucket_rates_is_interpolated_within_its_bucket() throws IntegrationFailure {
    // Bucket rates 0.5, 0.9, 1.0 per second: rank 0.7 falls halfway into (0.1, 0.5], so 0.3.
    assertThat(single(source().query(
        "histogram_quantile(0.7, sum by (le) (rate(request_duration_seconds_bucket{service=\"api\"}[5m])))",
        fixtureEnd()))).isCloseTo(0.3, within(1e-9));
  }

  @Test
  void nan_values_arrive_as_nan() throws IntegrationFailure {
    assertThat(single(source().query("cache_hit_ratio", fixtureEnd()))).isNaN();
    assertThat(((QueryResult.Scalar) source().query("0 / 0", fixtureEnd())).sample().value()).isNaN();
  }

  @Test
  void range_query_returns_one_point_per_step_across_the_range() throws IntegrationFailure {
    TimeRange range = TimeRange.ending(fixtureEnd(), Duration.ofMinutes(30));
    QueryResult result = source().queryRange("sum(rate(http_requests_total{namespace=\"checkout\"}[5m]))", range,
        Duration.ofMinutes(1));
    Series series = ((QueryResult.Matrix) result).series().getFirst();
    assertThat(series.samples()).hasSize(31);
    assertThat(series.samples()).allSatisfy(s -> assertThat(s.value()).isCloseTo(2.0, within(1e-9)));
    assertThat(series.samples().getFirst().time()).isEqualTo(range.start());
  }

  @Test
  void series_labels_and_label_values_list_the_fixture() throws IntegrationFailure {
    TimeRange range = TimeRange.ending(fixtureEnd(), Duration.ofHours(1));
    List<Labels> up = source().series(List.of("up"), range);
    assertThat(up).extracting(l -> l.get("instance").orElseThrow()).containsExactlyInAnyOrder("a", "b", "c");
    assertThat(source().labelNames(List.of(), range)).contains("__name__", "namespace", "service", "le", "code");
    assertThat(source().labelValues("namespace", List.of(), range)).containsExactly("checkout", "payments");
    assertThat(source().labelValues("code", List.of("http_requests_total{namespace=\"payments\"}"), range))
        .containsExactly("200", "500");
  }

  @Test
  void a_malformed_query_fails_as_invalid_and_not_retryable() {
    assertThatThrownBy(() -> source().query("sum(rate(x[5m])", fixtureEnd()))
        .isInstanceOfSatisfying(IntegrationFailure.class, f -> {
          assertThat(f.kind()).isEqualTo(IntegrationFailure.Kind.INVALID);
          assertThat(f.retryable()).isFalse();
        });
  }

  @Test
  void a_scoped_query_sees_only_its_namespace() throws IntegrationFailure {
    MetricSource payments = scoped("{namespace=\"payments\"}");
    assertThat(byLabel(payments.query("sum by (namespace) (rate(http_requests_total[5m]))", fixtureEnd()),
        "namespace")).containsOnlyKeys("payments");
    assertThat(single(payments.query("count(up) + on() group_left count(up offset 1h)", fixtureEnd())))
        .isEqualTo(4.0);
    assertThat(single(payments.query("count({__name__=~\".+\"})", fixtureEnd()))).isEqualTo(10.0);
  }

  @Test
  void a_scoped_query_naming_another_namespace_is_denied() {
    MetricSource payments = scoped("{namespace=\"payments\"}");
    assertThatThrownBy(() -> payments.query("sum(rate(http_requests_total{namespace=\"checkout\"}[5m]))",
        fixtureEnd())).isInstanceOfSatisfying(IntegrationFailure.class, f -> {
          assertThat(f.kind()).isEqualTo(IntegrationFailure.Kind.DENIED);
          assertThat(f.retryable()).isFalse();
        });
  }

  @Test
  void scoped_negations_and_regexes_cannot_widen_the_scope() throws IntegrationFailure {
    MetricSource payments = scoped("{namespace=\"payments\"}");
    QueryResult widened = payments.query("count(up{namespace!=\"payments\"}) or count(up{namespace=~\".*\"})",
        fixtureEnd());
    assertThat(((QueryResult.Vector) widened).series()).singleElement()
        .satisfies(s -> assertThat(s.last().value()).isEqualTo(2.0));
  }

  @Test
  void scoped_series_and_label_apis_list_only_the_namespace() throws IntegrationFailure {
    MetricSource checkout = scoped("{namespace=\"checkout\"}");
    TimeRange range = TimeRange.ending(fixtureEnd(), Duration.ofHours(1));
    assertThat(checkout.labelValues("namespace", List.of(), range)).containsExactly("checkout");
    assertThat(checkout.labelValues("__name__", List.of(), range)).containsExactly("http_requests_total", "up");
    assertThat(checkout.series(List.of("up"), range)).extracting(l -> l.get("instance").orElseThrow())
        .containsExactly("c");
    assertThat(checkout.labelNames(List.of(), range)).contains("code").doesNotContain("le");
    assertThatThrownBy(() -> checkout.series(List.of("up{namespace=\"payments\"}"), range))
        .isInstanceOfSatisfying(IntegrationFailure.class, f -> assertThat(f.kind()).isEqualTo(IntegrationFailure.Kind.DENIED));
  }

  @Test
  void a_scope_on_metric_names_reads_only_those_metrics() throws IntegrationFailure {
    MetricSource names = scoped("{__name__=~\"up|cache_hit_ratio\"}");
    assertThat(byLabel(names.query("count by (__name__) ({namespace=\"payments\"})", fixtureEnd()), "__name__"))
        .containsOnlyKeys("up", "cache_hit_ratio");
    assertThat(single(names.query("count(up{instance=\"a\"})", fixtureEnd()))).isEqualTo(1.0);
    assertThatThrownBy(() -> names.query("sum(rate(http_requests_total[5m]))", fixtureEnd()))
        .isInstanceOfSatisfying(IntegrationFailure.class, f -> assertThat(f.kind()).isEqualTo(IntegrationFailure.Kind.DENIED));
  }

  @Test
  void a_scope_of_two_namespaces_reads_both_and_nothing_else() throws IntegrationFailure {
    MetricSource both = scoped("{namespace=\"payments\"}", "{namespace=\"checkout\"}");
    assertThat(byLabel(both.query("count by (namespace) (up)", fixtureEnd()), "namespace"))
        .containsOnlyKeys("payments", "checkout");
  }
}
