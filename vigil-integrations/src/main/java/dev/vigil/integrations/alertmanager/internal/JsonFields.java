package dev.vigil.integrations.alertmanager.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;

/**
 * Reads required and optional fields of Alertmanager's JSON, turning every shape error into one
 * exception type (chosen by the caller) whose message names the field's path.
 */
public final class JsonFields {
  /** Go's zero time: Alertmanager's way of saying "no end yet". */
  private static final Instant GO_ZERO_TIME = Instant.parse("0001-01-01T00:00:00Z");

  private final Function<String, ? extends RuntimeException> error;

  public JsonFields(Function<String, ? extends RuntimeException> error) {
    this.error = error;
  }

  public String text(JsonNode node, String field, String path) {
    JsonNode value = node.path(field);
    if (!value.isString()) {
      throw error.apply(path + "." + field + " must be a string" + (value.isMissingNode() ? " and is missing" : ""));
    }
    return value.asString();
  }

  public String optionalText(JsonNode node, String field) {
    JsonNode value = node.path(field);
    return value.isString() ? value.asString() : "";
  }

  public Map<String, String> stringMap(JsonNode node, String field, String path) {
    JsonNode value = node.path(field);
    Map<String, String> map = new TreeMap<>();
    if (value.isMissingNode() || value.isNull()) {
      return map;
    }
    if (!value.isObject()) {
      throw error.apply(path + "." + field + " must be an object of strings");
    }
    for (Map.Entry<String, JsonNode> e : value.properties()) {
      if (!e.getValue().isString()) {
        throw error.apply(path + "." + field + "." + e.getKey() + " must be a string");
      }
      map.put(e.getKey(), e.getValue().asString());
    }
    return map;
  }

  public List<JsonNode> array(JsonNode node, String field, String path) {
    JsonNode value = node.path(field);
    if (!value.isArray()) {
      throw error.apply(path + "." + field + " must be an array");
    }
    return value.valueStream().toList();
  }

  public Instant time(JsonNode node, String field, String path) {
    return optionalTime(node, field, path)
        .orElseThrow(() -> error.apply(path + "." + field + " must be an RFC 3339 time, not the zero time"));
  }

  /** An RFC 3339 time; empty when missing, empty or Go's zero time. */
  public Optional<Instant> optionalTime(JsonNode node, String field, String path) {
    String text = optionalText(node, field);
    if (text.isEmpty()) {
      return Optional.empty();
    }
    try {
      Instant time = Instant.parse(text);
      return time.equals(GO_ZERO_TIME) ? Optional.empty() : Optional.of(time);
    } catch (DateTimeParseException e) {
      throw error.apply(path + "." + field + " '" + text + "' is not an RFC 3339 time");
    }
  }

  public Optional<URI> optionalUri(JsonNode node, String field, String path) {
    String text = optionalText(node, field);
    if (text.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(new URI(text));
    } catch (URISyntaxException e) {
      throw error.apply(path + "." + field + " '" + text + "' is not a URL");
    }
  }
}
