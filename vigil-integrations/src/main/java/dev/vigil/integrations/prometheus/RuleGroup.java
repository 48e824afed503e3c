package dev.vigil.integrations.prometheus;

import java.time.Duration;
import java.util.List;

/**
 * A group of rules from one rule file, evaluated together at one interval.
 *
 * @param file the rule file it came from, as Prometheus reports it
 */
public record RuleGroup(String name, String file, Duration interval, List<Rule> rules) {
  public RuleGroup {
    if (name == null) {
      throw new IllegalArgumentException("rule group needs a name");
    }
    file = file == null ? "" : file;
    interval = interval == null ? Duration.ZERO : interval;
    rules = List.copyOf(rules);
  }
}
