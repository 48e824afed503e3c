package dev.vigil.core.port;

import dev.vigil.core.agent.AgentId;
import dev.vigil.core.finding.Finding;
import dev.vigil.core.finding.FindingDraft;
import dev.vigil.core.finding.FindingId;
import dev.vigil.core.finding.FindingStatus;
import dev.vigil.core.finding.Severity;
import dev.vigil.core.run.RunId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Durable findings. Thread-safe; joins the caller's transaction. */
public interface FindingStore {
  /**
   * Files {@code draft}, or, when a finding with its dedup key is open or acknowledged, counts one
   * more occurrence on it and refreshes its evidence.
   */
  Finding fileOrUpdate(FindingDraft draft, AgentId agent, RunId run, Instant now);

  Optional<Finding> find(FindingId id);

  /** Newest first; each filter is optional. */
  List<Finding> list(Filter filter, int limit);

  /**
   * Findings that changed at or after {@code from} (filed, counted again, or given a status), the most
   * recently changed first: what a digest of a shift reports, however long ago each was first filed.
   */
  List<Finding> changedSince(Instant from, int limit);

  Optional<Finding> setStatus(FindingId id, FindingStatus status, String reason, Instant now);

  /** Filters of {@link #list}; {@code null} means any. */
  record Filter(String service, Severity severity, FindingStatus status, AgentId agent) {
    public static Filter any() {
      return new Filter(null, null, null, null);
    }
  }
}
