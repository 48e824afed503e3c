package dev.vigil.integrations.prometheus.internal;

import dev.vigil.core.metrics.Labels;
import dev.vigil.core.metrics.QueryResult;
import dev.vigil.core.metrics.Sample;
import dev.vigil.core.metrics.Series;
import dev.vigil.integrations.prometheus.ActiveAlert;
import dev.vigil.integrations.prometheus.MetricMetadata;
import dev.vigil.integrations.prometheus.Rule;
import dev.vigil.integrations.prometheus.RuleGroup;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;

/**
 * Turns the {@code data} of Prometheus API answers into Vigil's values. Throws {@link
 * MalformedAnswerException} on anything that does not have the documented shape, naming the
 * field, so a misbehaving proxy is told apart from an empty result.
 */
public final class PrometheusJson {
  private PrometheusJson() {}

  /** The answer did not have the shape the Prometheus API documents. */
  public static final class MalformedAnswerException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public MalformedAnswerException(String message) {
      super(message);
    }
  }

  /**
   * A query result. Native-histogram samples have no place in a float series yet: they are left out
   * and said so in a warning rather than dropped silently.
   */
  public static QueryResult queryResult(JsonNode data, List<String> warnings) {
    String type = data.path("resultType").asString("");
    JsonNode result = data.path("result");
    List<String> allWarnings = new ArrayList<>(warnings);
    return switch (type) {
      case "vector" -> {
        List<Series> series = new ArrayList<>();
        int histograms = 0;
        for (JsonNode element : array(result, "result")) {
          if (element.has("histogram")) {
            histograms++;
            continue;
          }
          series.add(new Series(labels(element.path("metric")), List.of(sample(element.path("value"), "value"))));
        }
        noteHistograms(allWarnings, histograms);
        yield new QueryResult.Vector(series, allWarnings);
      }
      case "matrix" -> {
        List<Series> series = new ArrayList<>();
        int histograms = 0;
        for (JsonNode element : array(result, "result")) {
          if (element.has("histograms")) {
            histograms++;
          }
          List<Sample> samples = new ArrayList<>();
          for (JsonNode pair : array(element.path("values"), "values")) {
            samples.add(sample(pair, "values"));
          }
          if (!samples.isEmpty() || !element.has("histograms")) {
            series.add(new Series(labels(element.path("metric")), samples));
          }
        }
        noteHistograms(allWarnings, histograms);
        yield new QueryResult.Matrix(series, allWarnings);
      }
      case "scalar" -> new QueryResult.Scalar(sample(result, "result"), allWarnings);
      case "string" -> new QueryResult.Text(time(result.path(0), "result"), result.path(1).asString(""), allWarnings);
      default -> throw new MalformedAnswerException("unknown resultType '" + type + "'");
    };
  }

  private static void noteHistograms(List<String> warnings, int histograms) {
    if (histograms > 0) {
      warnings.add(histograms + " series with native histogram samples left out: Vigil reads float samples only");
    }
  }

  /** The number of series in a result, for the series limit. */
  public static int seriesCount(QueryResult result) {
    return switch (result) {
      case QueryResult.Vector v -> v.series().size();
      case QueryResult.Matrix m -> m.series().size();
      case QueryResult.Scalar ignored -> 0;
      case QueryResult.Text ignored -> 0;
    };
  }

  public static List<Labels> labelSets(JsonNode data) {
    List<Labels> sets = new ArrayList<>();
    for (JsonNode element : array(data, "data")) {
      sets.add(labels(element));
    }
    return sets;
  }

  public static List<String> strings(JsonNode data) {
    List<String> values = new ArrayList<>();
    for (JsonNode element : array(data, "data")) {
      values.add(element.asString(""));
    }
    return values;
  }

  public static List<MetricMetadata> metadata(JsonNode data) {
    if (!data.isObject()) {
      throw new MalformedAnswerException("metadata 'data' is not an object");
    }
    List<MetricMetadata> all = new ArrayList<>();
    for (Map.Entry<String, JsonNode> family : data.properties()) {
      for (JsonNode entry : array(family.getValue(), "data." + family.getKey())) {
        all.add(new MetricMetadata(family.getKey(), entry.path("type").asString("unknown"),
            entry.path("help").asString(""), entry.path("unit").asString("")));
      }
    }
    return all;
  }

  public static List<RuleGroup> ruleGroups(JsonNode data) {
    List<RuleGroup> groups = new ArrayList<>();
    for (JsonNode group : array(data.path("groups"), "groups")) {
      List<Rule> rules = new ArrayList<>();
      for (JsonNode rule : array(group.path("rules"), "rules")) {
        rules.add(rule(rule));
      }
      groups.add(new RuleGroup(group.path("name").asString(""), group.path("file").asString(""),
          seconds(group.path("interval")), rules));
    }
    return groups;
  }

  private static Rule rule(JsonNode rule) {
    boolean alerting = "alerting".equals(rule.path("type").asString(""));
    List<ActiveAlert> alerts = new ArrayList<>();
    if (rule.has("alerts")) {
      for (JsonNode alert : array(rule.path("alerts"), "alerts")) {
        alerts.add(alert(alert));
      }
    }
    String lastError = rule.path("lastError").asString("");
    return new Rule(alerting ? Rule.Type.ALERTING : Rule.Type.RECORDING, rule.path("name").asString(""),
        rule.path("query").asString(""), labels(rule.path("labels")), stringMap(rule.path("annotations")),
        seconds(rule.path("duration")), rule.path("health").asString("unknown"),
        lastError.isEmpty() ? Optional.empty() : Optional.of(lastError),
        alerting ? Optional.of(rule.path("state").asString("inactive")) : Optional.empty(), alerts);
  }

  public static List<ActiveAlert> alerts(JsonNode data) {
    List<ActiveAlert> alerts = new ArrayList<>();
    for (JsonNode alert : array(data.path("alerts"), "alerts")) {
      alerts.add(alert(alert));
    }
    return alerts;
  }

  private static ActiveAlert alert(JsonNode alert) {
    Optional<Instant> activeAt = Optional.empty();
    String text = alert.path("activeAt").asString("");
    if (!text.isEmpty()) {
      try {
        activeAt = Optional.of(Instant.parse(text));
      } catch (DateTimeParseException e) {
        throw new MalformedAnswerException("alert activeAt '" + text + "' is not an RFC 3339 time");
      }
    }
    return new ActiveAlert(labels(alert.path("labels")), stringMap(alert.path("annotations")),
        alert.path("state").asString(""), activeAt, value(alert.path("value").asString("NaN"), "alert value"));
  }

  private static Labels labels(JsonNode object) {
    return new Labels(new TreeMap<>(stringMap(object)));
  }

  private static Map<String, String> stringMap(JsonNode object) {
    Map<String, String> map = new TreeMap<>();
    if (object.isObject()) {
      for (Map.Entry<String, JsonNode> e : object.properties()) {
        map.put(e.getKey(), e.getValue().asString(""));
      }
    }
    return map;
  }

  private static Sample sample(JsonNode pair, String field) {
    if (!pair.isArray() || pair.size() != 2) {
      throw new MalformedAnswerException("'" + field + "' is not a [time, \"value\"] pair: " + pair);
    }
    return new Sample(time(pair.get(0), field), value(pair.get(1).asString(""), field));
  }

  /** Unix seconds with a fraction, kept exact (no float rounding of milliseconds). */
  private static Instant time(JsonNode node, String field) {
    if (!node.isNumber()) {
      throw new MalformedAnswerException("'" + field + "' time is not a number: " + node);
    }
    BigDecimal seconds = node.decimalValue();
    long whole = seconds.longValue();
    long nanos = seconds.subtract(BigDecimal.valueOf(whole)).movePointRight(9).longValue();
    return Instant.ofEpochSecond(whole, nanos);
  }

  /** Prometheus sends values as strings so that NaN and the infinities survive JSON. */
  static double value(String text, String field) {
    return switch (text) {
      case "NaN" -> Double.NaN;
      case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
      case "-Inf" -> Double.NEGATIVE_INFINITY;
      default -> {
        try {
          yield Double.parseDouble(text);
        } catch (NumberFormatException e) {
          throw new MalformedAnswerException("'" + field + "' value '" + text + "' is not a number");
        }
      }
    };
  }

  private static Duration seconds(JsonNode node) {
    return node.isNumber() ? Duration.ofMillis(Math.round(node.asDouble() * 1000)) : Duration.ZERO;
  }

  private static Iterable<JsonNode> array(JsonNode node, String field) {
    if (node.isNull() || node.isMissingNode()) {
      return List.of();
    }
    if (!node.isArray()) {
      throw new MalformedAnswerException("'" + field + "' is not an array");
    }
    return node.valueStream().toList();
  }
}
