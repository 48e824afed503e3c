package dev.vigil.core.task;

import java.util.List;

/**
 * Input that cannot be accepted as given: the caller must fix it, retrying does not help. Carries
 * one message per problem so that a user sees all of them at once.
 */
public class InvalidInputException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final List<String> problems;

  public InvalidInputException(List<String> problems) {
    super(String.join("; ", problems));
    this.problems = List.copyOf(problems);
  }

  public InvalidInputException(String problem) {
    this(List.of(problem));
  }

  public List<String> problems() {
    return problems;
  }
}
