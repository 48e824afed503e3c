package dev.vigil.server.web;

import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Parses request bodies ourselves, so that a malformed body is answered with where it broke, and
 * unknown fields are judged by the domain's strict readers rather than silently dropped.
 */
public final class Bodies {
  public static final JsonMapper JSON = JsonMapper.builder().build();
  public static final YAMLMapper YAML = YAMLMapper.builder().build();
  private static final TypeReference<Object> ANY = new TypeReference<>() {};

  private Bodies() {}

  public static Object parse(String body, String contentType) {
    if (body == null || body.isBlank()) {
      throw ApiException.badRequest("the request body is empty");
    }
    boolean yaml = contentType != null && (contentType.contains("yaml") || contentType.contains("yml"));
    try {
      return yaml ? YAML.readValue(body, ANY) : JSON.readValue(body, ANY);
    } catch (JacksonException e) {
      TokenStreamLocation at = e.getLocation();
      String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
      throw new ApiException(HttpStatus.BAD_REQUEST, "malformed " + (yaml ? "YAML" : "JSON") + where + ": "
          + e.getOriginalMessage());
    }
  }

  @SuppressWarnings("unchecked")
  public static Map<String, Object> object(String body, String contentType) {
    Object parsed = parse(body, contentType);
    if (parsed instanceof Map<?, ?> m) return (Map<String, Object>) m;
    throw ApiException.badRequest("expected a JSON object as the request body");
  }

  /** Rejects fields outside {@code allowed}, naming them. */
  public static void onlyFields(Map<String, Object> body, List<String> allowed) {
    for (String key : body.keySet()) {
      if (!allowed.contains(key)) {
        throw ApiException.badRequest("unknown field '" + key + "' (expected: " + String.join(", ", allowed) + ")");
      }
    }
  }
}
