package dev.vigil.demo.metrics;

/** Renders label sets in the order given, escaping values as the exposition formats require. */
public final class Labels {
  private Labels() {
  }

  /** {@code of("service", "cart", "code", "200")} gives {@code {service="cart",code="200"}}. */
  public static String of(String... namesAndValues) {
    if (namesAndValues.length % 2 != 0) {
      throw new IllegalArgumentException("labels come in name, value pairs");
    }
    StringBuilder out = new StringBuilder("{");
    for (int i = 0; i < namesAndValues.length; i += 2) {
      if (i > 0) {
        out.append(',');
      }
      out.append(namesAndValues[i]).append("=\"");
      String v = namesAndValues[i + 1];
      for (int c = 0; c < v.length(); c++) {
        char ch = v.charAt(c);
        switch (ch) {
          case '\\' -> out.append("\\\\");
          case '"' -> out.append("\\\"");
          case '\n' -> out.append("\\n");
          default -> out.append(ch);
        }
      }
      out.append('"');
    }
    return out.append('}').toString();
  }

  /** {@code base} with one more label added at the end. */
  public static String with(String base, String name, String value) {
    String extra = of(name, value);
    return base.equals("{}") ? extra : base.substring(0, base.length() - 1) + "," + extra.substring(1);
  }
}
