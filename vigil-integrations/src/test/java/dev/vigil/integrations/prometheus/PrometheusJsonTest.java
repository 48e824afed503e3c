package dev.vigil.integrations.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.core.metrics.Labels;
import dev.vigil.core.metrics.QueryResult;
import dev.vigil.integrations.prometheus.internal.PrometheusJson;
import dev.vigil.integrations.prometheus.internal.PrometheusJson.MalformedAnswerException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Decoding of answers shaped as the Prometheus HTTP API documents them; live answers are in PrometheusIT. */
class PrometheusJsonTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private static JsonNode data(String json) {
    return JSON.readTree(json);
  }

  @Test
  void vector_values_keep_nan_and_infinities_and_exact_millisecond_times() {
    QueryResult result = PrometheusJson.queryResult(data("""
        {"resultType":"vector","result":[
          {"metric":{"__name__":"up","job":"a"},"value":[1700000000.123,"NaN"]},
          {"metric":{"job":"b"},"value":[1700000000.123,"+Inf"]},
          {"metric":{"job":"c"},"value":[1700000000.123,"-Inf"]},
          {"metric":{"job":"d"},"value":[1700000000.123,"1e-3"]}]}"""), List.of("partial response"));
    QueryResult.Vector vector = (QueryResult.Vector) result;
    assertThat(vector.series()).hasSize(4);
    assertThat(vector.series().get(0).labels()).isEqualTo(Labels.of("__name__", "up", "job", "a"));
    assertThat(vector.series().get(0).last().value()).isNaN();
    assertThat(vector.series().get(0).last().time()).isEqualTo(Instant.ofEpochMilli(1_700_000_000_123L));
    assertThat(vector.series().get(1).last().value()).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(vector.series().get(2).last().value()).isEqualTo(Double.NEGATIVE_INFINITY);
    assertThat(vector.series().get(3).last().value()).isEqualTo(0.001);
    assertThat(vector.warnings()).containsExactly("partial response");
  }

  @Test
  void matrix_series_hold_their_samples_in_order() {
    QueryResult.Matrix matrix = (QueryResult.Matrix) PrometheusJson.queryResult(data("""
        {"resultType":"matrix","result":[{"metric":{"job":"a"},"values":[[10,"1"],[25,"2"],[40,"NaN"]]}]}"""),
        List.of());
    assertThat(matrix.series().getFirst().samples()).extracting(s -> s.time().getEpochSecond())
        .containsExactly(10L, 25L, 40L);
    assertThat(matrix.series().getFirst().samples().get(2).value()).isNaN();
  }

  @Test
  void scalar_and_string_results_are_their_own_cases() {
    assertThat(PrometheusJson.queryResult(data("{\"resultType\":\"scalar\",\"result\":[5,\"2.5\"]}"), List.of()))
        .isInstanceOfSatisfying(QueryResult.Scalar.class, s -> assertThat(s.sample().value()).isEqualTo(2.5));
    assertThat(PrometheusJson.queryResult(data("{\"resultType\":\"string\",\"result\":[5,\"hi\"]}"), List.of()))
        .isInstanceOfSatisfying(QueryResult.Text.class, t -> assertThat(t.value()).isEqualTo("hi"));
  }

  @Test
  void native_histogram_samples_are_left_out_with_a_warning_not_silently() {
    QueryResult.Vector vector = (QueryResult.Vector) PrometheusJson.queryResult(data("""
        {"resultType":"vector","result":[
          {"metric":{"job":"h"},"histogram":[5,{"count":"3","sum":"1","buckets":[]}]},
          {"metric":{"job":"f"},"value":[5,"1"]}]}"""), List.of());
    assertThat(vector.series()).hasSize(1);
    assertThat(vector.warnings()).singleElement().asString().contains("1 series with native histogram samples");
  }

  @Test
  void answers_of_the_wrong_shape_name_the_field() {
    assertThatThrownBy(() -> PrometheusJson.queryResult(data("{\"resultType\":\"vector\",\"result\":{}}"),
        List.of())).isInstanceOf(MalformedAnswerException.class).hasMessageContaining("'result' is not an array");
    assertThatThrownBy(() -> PrometheusJson.queryResult(data("""
        {"resultType":"vector","result":[{"metric":{},"value":[5,"abc"]}]}"""), List.of()))
        .hasMessageContaining("value 'abc' is not a number");
    assertThatThrownBy(() -> PrometheusJson.queryResult(data("{\"resultType\":\"table\"}"), List.of()))
        .hasMessageContaining("unknown resultType 'table'");
  }

  @Test
  void rules_and_alerts_are_decoded_with_durations_and_states() {
    List<RuleGroup> groups = PrometheusJson.ruleGroups(data("""
        {"groups":[{"name":"g","file":"/etc/rules.yml","interval":15,"rules":[
          {"type":"alerting","name":"Down","query":"up == 0","duration":300,"labels":{"severity":"page"},
           "annotations":{"summary":"down"},"health":"ok","state":"firing","alerts":[
             {"labels":{"alertname":"Down"},"annotations":{},"state":"firing",
              "activeAt":"2026-11-24T21:32:20.5Z","value":"0e+00"}]},
          {"type":"recording","name":"job:up:sum","query":"sum by (job) (up)","labels":{},"health":"err",
           "lastError":"boom"}]}]}"""));
    RuleGroup group = groups.getFirst();
    assertThat(group.interval()).isEqualTo(Duration.ofSeconds(15));
    Rule alerting = group.rules().get(0);
    assertThat(alerting.type()).isEqualTo(Rule.Type.ALERTING);
    assertThat(alerting.holdFor()).isEqualTo(Duration.ofMinutes(5));
    assertThat(alerting.state()).contains("firing");
    assertThat(alerting.alerts().getFirst().activeAt()).contains(Instant.parse("2026-11-24T21:32:20.5Z"));
    Rule recording = group.rules().get(1);
    assertThat(recording.type()).isEqualTo(Rule.Type.RECORDING);
    assertThat(recording.lastError()).contains("boom");
    assertThat(recording.state()).isEmpty();
  }

  @Test
  void metadata_lists_one_entry_per_family_and_help() {
    List<MetricMetadata> metadata = PrometheusJson.metadata(data("""
        {"up":[{"type":"gauge","help":"Target up","unit":""}],
         "http_requests_total":[{"type":"counter","help":"Requests","unit":""}]}"""));
    assertThat(metadata).contains(new MetricMetadata("up", "gauge", "Target up", ""));
  }

  @Test
  void backoff_doubles_up_to_its_cap() {
    PrometheusConfig.Retry retry = new PrometheusConfig.Retry(5, Duration.ofMillis(100), Duration.ofMillis(350));
    assertThat(List.of(retry.backoffAfter(1), retry.backoffAfter(2), retry.backoffAfter(3), retry.backoffAfter(4)))
        .containsExactly(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(350),
            Duration.ofMillis(350));
  }

  @Test
  void credentials_never_print() {
    var basic = new PrometheusConfig.Authentication.Basic("vigil", new dev.vigil.core.security.Secret("s3cret"));
    assertThat(basic.toString()).doesNotContain("s3cret");
    assertThat(basic.header()).isEqualTo("Basic dmlnaWw6czNjcmV0");
    var config = PrometheusConfig.of(java.net.URI.create("http://p:9090/")).withAuthentication(basic);
    assertThat(config.toString()).doesNotContain("s3cret");
    assertThat(config.baseUrl().toString()).isEqualTo("http://p:9090");
  }
}
