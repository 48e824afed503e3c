package dev.vigil.core.security;

/** A credential. Prints as {@code ***} so that it cannot reach a log or a response by accident. */
public final class Secret {
  private final String value;

  public Secret(String value) {
    if (value == null || value.isEmpty()) {
      throw new IllegalArgumentException("secret must not be empty");
    }
    this.value = value;
  }

  /** The actual value; call only where it is sent to its destination. */
  public String reveal() {
    return value;
  }

  @Override
  public String toString() {
    return "***";
  }
}
