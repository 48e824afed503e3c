package dev.vigil.server.api;

import dev.vigil.core.event.Event;
import dev.vigil.core.event.EventId;
import dev.vigil.server.web.ApiException;
import dev.vigil.server.web.Bodies;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.HttpHeaders;

/**
 * Reads CloudEvents 1.0 in the three HTTP modes Vigil accepts: structured (one JSON object),
 * batched (a JSON array of them) and binary (attributes in {@code ce-} headers, the data as the
 * body). A binary event is turned into the structured form the spec's JSON format gives it, and
 * that form is what is stored as the event's payload, so a run sees every accepted event the same
 * way and the stored payload always validates against the CloudEvents JSON Schema.
 */
final class CloudEventReader {
  static final String SPEC_VERSION = "1.0";
  private static final List<String> REQUIRED = List.of("id", "source", "specversion", "type");
  private static final List<String> OPTIONAL = List.of("subject", "time", "datacontenttype", "dataschema");
  private static final List<String> ATTRIBUTES = List.of("specversion", "id", "source", "type", "subject",
      "time", "datacontenttype", "dataschema", "data", "data_base64");
  // The spec's naming rule for extension attributes (lower-case letters and digits, at most 20).
  private static final String EXTENSION_NAME = "[a-z0-9]{1,20}";
  private static final String HEADER_PREFIX = "ce-";

  private CloudEventReader() {}

  /** Whether the request is a binary-mode CloudEvent: it carries the one header every event has. */
  static boolean isBinary(HttpHeaders headers) {
    return headers.containsHeader(HEADER_PREFIX + "specversion");
  }

  /**
   * The structured form of a binary-mode event. {@code Content-Type} is the datacontenttype; JSON
   * data stays JSON, text stays text, anything else is carried as {@code data_base64}, as the
   * spec's JSON format does.
   */
  static Map<String, Object> structuredFromBinary(HttpHeaders headers, byte[] body) {
    Map<String, Object> ce = new LinkedHashMap<>();
    for (Map.Entry<String, List<String>> header : headers.headerSet()) {
      String name = header.getKey().toLowerCase(Locale.ROOT);
      if (!name.startsWith(HEADER_PREFIX)) continue;
      String attribute = name.substring(HEADER_PREFIX.length());
      if (attribute.equals("datacontenttype") || attribute.equals("data") || attribute.equals("data_base64")) {
        throw ApiException.badRequest("header '" + header.getKey() + "' is not allowed in binary mode: the"
            + " Content-Type header is the datacontenttype and the body is the data");
      }
      if (!OPTIONAL.contains(attribute) && !REQUIRED.contains(attribute) && !attribute.matches(EXTENSION_NAME)) {
        throw ApiException.badRequest("header '" + header.getKey() + "': extension attribute names are lower-case"
            + " letters and digits, at most 20 characters");
      }
      if (header.getValue().size() != 1) {
        throw ApiException.badRequest("header '" + header.getKey() + "' is given " + header.getValue().size()
            + " times (expected once)");
      }
      ce.put(attribute, percentDecoded(header.getKey(), header.getValue().getFirst()));
    }
    String contentType = headers.getFirst(HttpHeaders.CONTENT_TYPE);
    if (contentType != null && !contentType.isBlank()) ce.put("datacontenttype", contentType.strip());
    if (body != null && body.length > 0) {
      if (contentType == null || isJson(contentType)) {
        ce.put("data", Bodies.parse(new String(body, StandardCharsets.UTF_8), "application/json"));
      } else if (isText(contentType)) {
        ce.put("data", new String(body, StandardCharsets.UTF_8));
      } else {
        ce.put("data_base64", Base64.getEncoder().encodeToString(body));
      }
    }
    return ce;
  }

  /**
   * The event of one structured CloudEvent; {@code where} prefixes every problem (e.g. {@code [3]}
   * for the fourth of a batch).
   */
  static Event toEvent(Map<String, Object> ce, String payloadJson, Instant receivedAt, String where) {
    String at = where.isEmpty() ? "" : where + ".";
    for (String key : ce.keySet()) {
      if (!ATTRIBUTES.contains(key) && !key.matches(EXTENSION_NAME)) {
        throw ApiException.badRequest(at + key + ": unknown attribute (expected: " + String.join(", ", ATTRIBUTES)
            + ", or an extension attribute of lower-case letters and digits, at most 20 characters)");
      }
    }
    for (String attribute : REQUIRED) {
      Object v = ce.get(attribute);
      if (!(v instanceof String s) || s.isEmpty()) {
        throw ApiException.badRequest(at + attribute + ": required" + (v == null ? "" : " and must be a non-empty string")
            + " (ce-" + attribute + " header in binary mode)");
      }
    }
    if (!SPEC_VERSION.equals(ce.get("specversion"))) {
      throw ApiException.badRequest(at + "specversion: '" + ce.get("specversion") + "' is not supported (expected: "
          + SPEC_VERSION + ")");
    }
    for (String attribute : OPTIONAL) {
      Object v = ce.get(attribute);
      if (v != null && (!(v instanceof String s) || s.isEmpty())) {
        throw ApiException.badRequest(at + attribute + ": must be a non-empty string when given");
      }
    }
    if (ce.containsKey("data") && ce.containsKey("data_base64")) {
      throw ApiException.badRequest(at + "data, data_base64: give one of them, not both");
    }
    if (ce.get("data_base64") != null) {
      try {
        Base64.getDecoder().decode(String.valueOf(ce.get("data_base64")));
      } catch (IllegalArgumentException e) {
        throw ApiException.badRequest(at + "data_base64: not base64 (RFC 4648): " + e.getMessage());
      }
    }
    String source = (String) ce.get("source");
    uri(source, at + "source", false);
    if (ce.get("dataschema") != null) uri((String) ce.get("dataschema"), at + "dataschema", true);
    Instant time = receivedAt;
    if (ce.get("time") != null) {
      try {
        time = Instant.parse((String) ce.get("time"));
      } catch (DateTimeParseException e) {
        throw ApiException.badRequest(at + "time: '" + ce.get("time") + "' is not an RFC 3339 timestamp");
      }
    }
    Map<String, String> labels = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : ce.entrySet()) {
      if (ATTRIBUTES.contains(e.getKey()) || e.getValue() == null) continue;
      // The spec's extension types are scalars (string, integer, boolean, binary and URIs as strings).
      if (e.getValue() instanceof Map || e.getValue() instanceof List) {
        throw ApiException.badRequest(at + e.getKey() + ": an extension attribute must be a string, number or boolean");
      }
      labels.put(e.getKey(), String.valueOf(e.getValue()));
    }
    String text = ce.get("data") instanceof Map<?, ?> data && data.get("text") instanceof String t ? t : "";
    return new Event(EventId.random(), source, (String) ce.get("type"), str(ce.get("subject")), time,
        (String) ce.get("id"), labels, text, payloadJson);
  }

  /** The events of a batch, each checked before any is accepted, so a bad one stores none. */
  static List<Event> batch(Object parsed, Instant receivedAt) {
    if (!(parsed instanceof List<?> items)) {
      throw ApiException.badRequest("a CloudEvents batch is a JSON array of events");
    }
    List<Event> out = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      if (!(items.get(i) instanceof Map<?, ?> m)) {
        throw ApiException.badRequest("[" + i + "]: expected a CloudEvent object");
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> ce = (Map<String, Object>) m;
      out.add(toEvent(ce, Bodies.JSON.writeValueAsString(ce), receivedAt, "[" + i + "]"));
    }
    return out;
  }

  static boolean isJson(String contentType) {
    String type = mediaType(contentType);
    return type.equals("application/json") || type.endsWith("+json") || type.equals("text/json");
  }

  private static boolean isText(String contentType) {
    String type = mediaType(contentType);
    return type.startsWith("text/") || type.equals("application/xml") || type.endsWith("+xml");
  }

  private static String mediaType(String contentType) {
    return contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
  }

  private static void uri(String value, String where, boolean absolute) {
    try {
      URI uri = new URI(value);
      if (absolute && !uri.isAbsolute()) {
        throw ApiException.badRequest(where + ": '" + value + "' must be an absolute URI");
      }
    } catch (URISyntaxException e) {
      throw ApiException.badRequest(where + ": '" + value + "' is not a URI reference (" + e.getReason() + ")");
    }
  }

  // The HTTP binding percent-encodes what a header cannot carry (non-ASCII, '%', '"' and the like).
  private static String percentDecoded(String header, String value) {
    if (value.indexOf('%') < 0) return value;
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c != '%') {
        bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
        continue;
      }
      if (i + 2 >= value.length() || Character.digit(value.charAt(i + 1), 16) < 0
          || Character.digit(value.charAt(i + 2), 16) < 0) {
        throw ApiException.badRequest("header '" + header + "': '%' must start a percent-encoded byte (%XX)");
      }
      bytes.write(Integer.parseInt(value.substring(i + 1, i + 3), 16));
      i += 2;
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  private static String str(Object o) {
    return o == null ? "" : (String) o;
  }
}
