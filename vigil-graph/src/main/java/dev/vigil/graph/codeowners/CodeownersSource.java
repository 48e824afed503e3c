package dev.vigil.graph.codeowners;

import dev.vigil.core.graph.GraphContribution;
import dev.vigil.core.graph.GraphSource;
import dev.vigil.core.graph.Node;
import dev.vigil.core.graph.NodeId;
import dev.vigil.core.graph.NodeKind;
import dev.vigil.core.graph.OwnershipRule;
import dev.vigil.core.graph.Provenance;
import dev.vigil.core.graph.SourceFiles;
import dev.vigil.core.graph.SourceProblem;
import dev.vigil.graph.PathPattern;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the CODEOWNERS file where GitHub looks for it ({@code .github/CODEOWNERS}, then {@code
 * CODEOWNERS}, then {@code docs/CODEOWNERS}; the first found is the only one used). Owners are
 * {@code @org/team} (a team node {@code team:org/team}), {@code @user} (a person) or an e-mail address
 * (a person). A line that cannot be read is reported with its line number and skipped, as GitHub
 * skips it.
 */
public final class CodeownersSource implements GraphSource {
  static final List<String> LOCATIONS = List.of(".github/CODEOWNERS", "CODEOWNERS", "docs/CODEOWNERS");

  private final String name;
  private final SourceFiles files;

  public CodeownersSource(String name, SourceFiles files) {
    if (name == null || name.isBlank() || files == null) {
      throw new IllegalArgumentException("a CODEOWNERS source needs a name and where to read files");
    }
    this.name = name;
    this.files = files;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public GraphContribution read(Instant now) throws Unavailable {
    List<SourceFiles.SourceFile> found;
    try {
      found = files.read(LOCATIONS::contains);
    } catch (IOException e) {
      throw new Unavailable("cannot read CODEOWNERS from " + files.origin() + ": " + e.getMessage(), e);
    }
    Optional<SourceFiles.SourceFile> file = LOCATIONS.stream()
        .flatMap(location -> found.stream().filter(f -> f.path().equals(location)))
        .findFirst();
    if (file.isEmpty()) {
      return new GraphContribution(name, now, List.of(), List.of(), List.of(), List.of(), List.of(),
          List.of(new SourceProblem(name, files.origin(), "no CODEOWNERS file (looked for " + LOCATIONS + ")")));
    }
    return parse(name, file.get(), now);
  }

  /** Parses one CODEOWNERS text; public so other sources (the GitHub API) can reuse it. */
  public static GraphContribution parse(String source, SourceFiles.SourceFile file, Instant now) {
    List<OwnershipRule> rules = new ArrayList<>();
    Map<NodeId, Node> owners = new LinkedHashMap<>();
    List<SourceProblem> problems = new ArrayList<>();
    String[] lines = file.text().split("\r?\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String location = file.path() + ":" + (i + 1);
      List<String> tokens = tokens(lines[i]);
      if (tokens.isEmpty()) {
        continue;
      }
      String pattern = tokens.get(0);
      if (pattern.startsWith("[") && pattern.endsWith("]") || pattern.startsWith("^[")) {
        problems.add(new SourceProblem(source, location, "sections (" + pattern + ") are GitLab syntax; GitHub ignores them"));
        continue;
      }
      try {
        PathPattern.compile(pattern);
      } catch (IllegalArgumentException e) {
        problems.add(new SourceProblem(source, location, e.getMessage() + "; line skipped"));
        continue;
      }
      Provenance provenance = Provenance.declared(source, now, location);
      List<NodeId> lineOwners = new ArrayList<>();
      boolean bad = false;
      for (String token : tokens.subList(1, tokens.size())) {
        Optional<NodeId> owner = owner(token);
        if (owner.isEmpty()) {
          problems.add(new SourceProblem(source, location, "owner '" + token
              + "' is not @user, @org/team or an e-mail address; line skipped"));
          bad = true;
          break;
        }
        lineOwners.add(owner.get());
      }
      if (bad) {
        continue;
      }
      rules.add(new OwnershipRule(pattern, lineOwners, i + 1, provenance));
      for (NodeId owner : lineOwners) {
        // A team's slug is how a catalog names it: the graph makes the two names one team.
        Map<String, String> attributes = owner.kind() == NodeKind.TEAM
            ? Map.of("github.team", owner.name().substring(owner.name().indexOf('/') + 1)) : Map.of();
        owners.putIfAbsent(owner, Node.of(owner, attributes, provenance));
      }
    }
    return new GraphContribution(source, now, List.copyOf(owners.values()), List.of(), List.of(), List.of(),
        rules, problems);
  }

  static Optional<NodeId> owner(String token) {
    if (token.startsWith("@") && token.length() > 1) {
      String handle = token.substring(1);
      int slash = handle.indexOf('/');
      if (slash > 0 && slash < handle.length() - 1 && handle.indexOf('/', slash + 1) < 0) {
        return Optional.of(NodeId.of(NodeKind.TEAM, handle.toLowerCase(java.util.Locale.ROOT)));
      }
      if (slash < 0) {
        return Optional.of(NodeId.of(NodeKind.PERSON, handle.toLowerCase(java.util.Locale.ROOT)));
      }
      return Optional.empty();
    }
    int at = token.indexOf('@');
    if (at > 0 && token.indexOf('.', at) > at + 1) {
      return Optional.of(NodeId.of(NodeKind.PERSON, token.toLowerCase(java.util.Locale.ROOT)));
    }
    return Optional.empty();
  }

  /** Whitespace-separated tokens up to a comment; {@code \#} and {@code \ } are escapes in a pattern. */
  static List<String> tokens(String line) {
    List<String> tokens = new ArrayList<>();
    StringBuilder token = new StringBuilder();
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '\\' && i + 1 < line.length() && (line.charAt(i + 1) == '#' || line.charAt(i + 1) == ' ')) {
        token.append(line.charAt(++i));
      } else if (c == '#' && token.isEmpty()) {
        break;
      } else if (Character.isWhitespace(c)) {
        if (!token.isEmpty()) {
          tokens.add(token.toString());
          token.setLength(0);
        }
      } else {
        token.append(c);
      }
    }
    if (!token.isEmpty()) {
      tokens.add(token.toString());
    }
    return tokens;
  }
}
