package dev.vigil.core.change;

/**
 * A pull request that brought a commit, as far as the source knows it.
 *
 * @param url the page a person opens; empty when unknown
 * @param author the account that opened it; empty when unknown
 * @param state e.g. {@code open}, {@code closed}; {@code merged} is reported as such when known
 */
public record PullRequestRef(int number, String title, String url, String author, String state) {
  public PullRequestRef {
    if (number <= 0) {
      throw new IllegalArgumentException("pull request number must be positive, was " + number);
    }
    title = title == null ? "" : title;
    url = url == null ? "" : url;
    author = author == null ? "" : author;
    state = state == null ? "" : state;
  }
}
