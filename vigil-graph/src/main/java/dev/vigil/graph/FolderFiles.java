package dev.vigil.graph;

import dev.vigil.core.graph.SourceFiles;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Files of a local folder, walked recursively without following links out of it. Hidden folders
 * other than {@code .github} are skipped ({@code .git} would otherwise be read file by file), and so
 * are files larger than {@link #MAX_FILE_BYTES}: catalog and CODEOWNERS files are small, a large file
 * in a catalog folder is a mistake, not something to load into memory.
 */
public final class FolderFiles implements SourceFiles {
  public static final long MAX_FILE_BYTES = 1 << 20;
  private final Path root;

  public FolderFiles(Path root) {
    if (root == null) {
      throw new IllegalArgumentException("folder is required");
    }
    this.root = root.toAbsolutePath().normalize();
  }

  @Override
  public String origin() {
    return root.toString();
  }

  @Override
  public List<SourceFile> read(Predicate<String> wanted) throws IOException {
    if (!Files.isDirectory(root)) {
      throw new IOException("folder " + root + " does not exist or is not a folder");
    }
    List<Path> paths;
    try (Stream<Path> walk = Files.walk(root)) {
      paths = walk.filter(Files::isRegularFile)
          .filter(p -> !hiddenFolderBetween(root.relativize(p)))
          .filter(p -> wanted.test(relative(p)))
          .sorted()
          .toList();
    }
    List<SourceFile> files = new ArrayList<>(paths.size());
    for (Path path : paths) {
      if (Files.size(path) > MAX_FILE_BYTES) {
        throw new IOException("file " + relative(path) + " in " + root + " is larger than " + MAX_FILE_BYTES + " bytes");
      }
      try {
        files.add(new SourceFile(relative(path), StandardCharsets.UTF_8.newDecoder()
            .decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(path))).toString()));
      } catch (CharacterCodingException e) {
        throw new IOException("file " + relative(path) + " in " + root + " is not UTF-8 text", e);
      }
    }
    return files;
  }

  private String relative(Path path) {
    return root.relativize(path).toString().replace('\\', '/');
  }

  private static boolean hiddenFolderBetween(Path relative) {
    for (int i = 0; i < relative.getNameCount() - 1; i++) {
      String name = relative.getName(i).toString();
      if (name.startsWith(".") && !name.equals(".github")) {
        return true;
      }
    }
    return false;
  }
}
