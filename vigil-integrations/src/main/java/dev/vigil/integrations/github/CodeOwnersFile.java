package dev.vigil.integrations.github;

/**
 * A repository's CODEOWNERS file as stored, unparsed.
 *
 * @param path where it was found: {@code .github/CODEOWNERS}, {@code CODEOWNERS} or {@code docs/CODEOWNERS}
 */
public record CodeOwnersFile(String repository, String path, String text) {
  public CodeOwnersFile {
    if (repository == null || path == null || text == null) {
      throw new IllegalArgumentException("repository, path and text are required");
    }
  }
}
