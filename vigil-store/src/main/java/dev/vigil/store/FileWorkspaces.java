package dev.vigil.store;

import dev.vigil.core.agent.AgentId;
import dev.vigil.core.port.Workspaces;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Workspaces as folders {@code <root>/<agent name>}. Agent names are lowercase slugs, so a name
 * can never point outside the root. Folders are private to the server's user (0700): a workspace
 * may hold clones of private repositories.
 */
public final class FileWorkspaces implements Workspaces {
  private final Path root;

  public FileWorkspaces(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  public Path root() {
    return root;
  }

  /** The agent's folder if it was created (by a step that used it), without creating it. */
  public java.util.Optional<Path> existing(AgentId agent) {
    Path dir = root.resolve(agent.value()).normalize();
    return dir.getParent().equals(root) && Files.isDirectory(dir) ? java.util.Optional.of(dir) : java.util.Optional.empty();
  }

  @Override
  public Path of(AgentId agent) {
    Path dir = root.resolve(agent.value()).normalize();
    if (!dir.getParent().equals(root)) {
      throw new IllegalArgumentException("agent name '" + agent + "' does not name a folder under " + root);
    }
    if (Files.isDirectory(dir)) return dir;
    try {
      Files.createDirectories(root);
      if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
        Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      } else {
        Files.createDirectories(dir);
      }
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the workspace of agent '" + agent + "' at " + dir + ": " + e.getMessage(), e);
    }
  }
}
