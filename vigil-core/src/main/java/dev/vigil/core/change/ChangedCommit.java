package dev.vigil.core.change;

import java.time.Instant;

/**
 * One commit of a changeset.
 *
 * @param author the author's name as recorded in the commit (not an account)
 * @param authorEmail the author's e-mail as recorded; empty when absent
 * @param time when it was authored
 * @param message the full message, first line being the subject
 */
public record ChangedCommit(
    CommitSha sha, String author, String authorEmail, Instant time, String message) {
  public ChangedCommit {
    if (sha == null || time == null) {
      throw new IllegalArgumentException("commit sha and time are required");
    }
    author = author == null ? "" : author;
    authorEmail = authorEmail == null ? "" : authorEmail;
    message = message == null ? "" : message;
  }

  /** The first line of the message. */
  public String subject() {
    int end = message.indexOf('\n');
    return (end < 0 ? message : message.substring(0, end)).strip();
  }
}
