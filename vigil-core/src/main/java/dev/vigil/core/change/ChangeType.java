package dev.vigil.core.change;

/** How a file changed between the base and the head of a changeset. */
public enum ChangeType {
  ADDED,
  MODIFIED,
  DELETED,
  /** Moved, possibly with edits; {@link FileChange#previousPath()} says from where. */
  RENAMED,
  /** Copied from {@link FileChange#previousPath()}, possibly with edits. */
  COPIED
}
