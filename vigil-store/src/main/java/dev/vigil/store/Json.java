package dev.vigil.store;

import java.util.List;
import java.util.Map;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The JSON form of documents kept in text columns. */
final class Json {
  private static final JsonMapper MAPPER = JsonMapper.builder().build();
  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};
  private static final TypeReference<List<Object>> LIST = new TypeReference<>() {};

  private Json() {}

  static String write(Object value) {
    return MAPPER.writeValueAsString(value);
  }

  static Map<String, Object> readMap(String json) {
    return MAPPER.readValue(json, MAP);
  }

  static List<Object> readList(String json) {
    return MAPPER.readValue(json, LIST);
  }
}
