package dev.vigil.core.task;

import dev.vigil.core.Durations;
import java.math.BigDecimal;
import java.net.URI;
import java.util.List;
import java.util.Locale;

/** The types a task parameter may have, each with its check and normal form. */
public enum ParameterType {
  STRING,
  INTEGER,
  NUMBER,
  BOOLEAN,
  /** Written as {@code 30s}, {@code 5m}, {@code PT15M}; normalised to the short text form. */
  DURATION,
  /** An absolute http or https URL. */
  URL,
  /** A list of strings. */
  STRING_LIST;

  /**
   * Checks {@code value} and returns its normal form.
   *
   * @throws IllegalArgumentException saying what is expected
   */
  public Object normalise(Object value) {
    return switch (this) {
      case STRING -> {
        if (value instanceof String s) yield s;
        if (value instanceof Number || value instanceof Boolean) yield value.toString();
        throw expected("a string", value);
      }
      case INTEGER -> {
        if (value instanceof Integer || value instanceof Long || value instanceof Short
            || value instanceof Byte) yield ((Number) value).longValue();
        if (value instanceof Number n) yield integral(n, value);
        if (value instanceof String s && s.trim().matches("-?\\d+")) {
          yield integral(s, value);
        }
        throw expected("an integer", value);
      }
      case NUMBER -> {
        if (value instanceof Number n) yield n.doubleValue();
        if (value instanceof String s) {
          try {
            yield Double.parseDouble(s.trim());
          } catch (NumberFormatException e) {
            throw expected("a number", value);
          }
        }
        throw expected("a number", value);
      }
      case BOOLEAN -> {
        if (value instanceof Boolean b) yield b;
        if (value instanceof String s && (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false")))
          yield Boolean.parseBoolean(s);
        throw expected("true or false", value);
      }
      case DURATION -> {
        if (!(value instanceof String s)) throw expected("a duration such as 30s, 5m or PT15M", value);
        yield dev.vigil.core.Durations.format(Durations.parse(s, "value"));
      }
      case URL -> {
        if (!(value instanceof String s)) throw expected("an http(s) URL", value);
        try {
          URI uri = URI.create(s.trim());
          String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
          if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
            throw expected("an absolute http(s) URL", value);
          }
          yield uri.toString();
        } catch (IllegalArgumentException e) {
          throw expected("an absolute http(s) URL", value);
        }
      }
      case STRING_LIST -> {
        if (value instanceof String s) yield List.of(s);
        if (value instanceof List<?> list) {
          for (Object item : list) {
            if (!(item instanceof String)) throw expected("a list of strings", value);
          }
          yield List.copyOf(list);
        }
        throw expected("a list of strings", value);
      }
    };
  }

  /**
   * {@code number} as a long, refusing fractions, NaN, infinities and values outside the range of a
   * long: longValue() would clamp 1e30 or YAML's {@code .inf} to Long.MAX_VALUE and hide the mistake.
   */
  private static long integral(Object number, Object value) {
    BigDecimal exact;
    try {
      exact = new BigDecimal(number.toString().trim());
    } catch (NumberFormatException e) { // NaN, Infinity
      throw expected("an integer", value);
    }
    if (exact.stripTrailingZeros().scale() > 0) {
      throw expected("an integer", value);
    }
    try {
      return exact.longValueExact();
    } catch (ArithmeticException e) {
      throw expected("an integer between " + Long.MIN_VALUE + " and " + Long.MAX_VALUE, value);
    }
  }

  private static IllegalArgumentException expected(String what, Object value) {
    String got = value == null ? "null" : value.getClass().getSimpleName() + " '" + value + "'";
    return new IllegalArgumentException("expected " + what + ", got " + got);
  }

  /** The JSON Schema type name, for the published schema. */
  public String jsonType() {
    return switch (this) {
      case STRING, DURATION, URL -> "string";
      case INTEGER -> "integer";
      case NUMBER -> "number";
      case BOOLEAN -> "boolean";
      case STRING_LIST -> "array";
    };
  }
}
