package dev.vigil.core.port;

import dev.vigil.core.event.HookRules;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The rules of generic webhook sources (the {@code hooks:} section of agents.yaml). Holds the
 * secret's reference only, never its value. Thread-safe; joins the caller's transaction.
 */
public interface HookStore {
  /** Creates or replaces the rules of that source. */
  void save(HookRules rules, Instant now);

  Optional<HookRules> find(String source);

  /** All hook rules, by source. */
  List<HookRules> list();
}
