package dev.vigil.core.graph;

import java.time.Instant;
import java.util.Optional;

/**
 * Something a person told the agents about production, kept as part of the graph: either a relation
 * ("checkout depends on fraud-check", "the payments-team is on call for ledger") or a note on a node
 * ("search is being decommissioned"). The graph shows it with source {@code people} and a provenance
 * naming who said it and when.
 *
 * @param id unique, assigned when the fact is recorded
 * @param relation with {@code object}: the edge the fact states; both empty for a note on {@code subject}
 * @param note why, or the note itself; empty only for a relation
 * @param author who told it (a person, or the API token that recorded it)
 * @param toldAt when it was recorded
 */
public record GraphFact(String id, NodeId subject, Optional<EdgeKind> relation, Optional<NodeId> object, String note,
    String author, Instant toldAt) {
  public static final int MAX_NOTE = 2000;
  public static final int MAX_AUTHOR = 200;

  public GraphFact {
    if (id == null || id.isBlank()) {
      throw new IllegalArgumentException("a fact needs an id");
    }
    if (subject == null) {
      throw new IllegalArgumentException("a fact needs a subject, e.g. service:checkout");
    }
    relation = relation == null ? Optional.empty() : relation;
    object = object == null ? Optional.empty() : object;
    if (relation.isPresent() != object.isPresent()) {
      throw new IllegalArgumentException("a fact names a relation and an object together (e.g. relation depends-on,"
          + " object service:payments), or neither for a note");
    }
    note = note == null ? "" : note.strip();
    if (relation.isEmpty() && note.isEmpty()) {
      throw new IllegalArgumentException("a fact without a relation needs a note");
    }
    if (note.length() > MAX_NOTE) {
      throw new IllegalArgumentException("a fact's note is at most " + MAX_NOTE + " characters, was " + note.length());
    }
    if (author == null || author.isBlank() || author.length() > MAX_AUTHOR) {
      throw new IllegalArgumentException("a fact needs an author of 1 to " + MAX_AUTHOR + " characters");
    }
    author = author.strip();
    if (toldAt == null) {
      throw new IllegalArgumentException("a fact needs the time it was told");
    }
  }

  /** The edge the fact states, if it states one. */
  public Optional<Edge.Key> edge() {
    return relation.map(r -> new Edge.Key(subject, r, object.orElseThrow()));
  }
}
