package dev.vigil.core.port;

import dev.vigil.core.audit.AuditEntry;
import java.util.List;

/** Append-only audit trail. Thread-safe; joins the caller's transaction. */
public interface AuditLog {
  void record(AuditEntry entry);

  /** Newest first; {@code actor} {@code null} for all. */
  List<AuditEntry> list(String actor, int limit);
}
