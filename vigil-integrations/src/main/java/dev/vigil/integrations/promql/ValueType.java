package dev.vigil.integrations.promql;

/** The four PromQL value types, as the parser checks them. */
public enum ValueType {
  SCALAR("scalar"),
  INSTANT_VECTOR("instant vector"),
  RANGE_VECTOR("range vector"),
  STRING("string");

  private final String description;

  ValueType(String description) {
    this.description = description;
  }

  /** How Prometheus names the type in its messages. */
  public String description() {
    return description;
  }
}
