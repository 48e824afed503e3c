package dev.vigil.analysis.logs;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;

/**
 * Streaming log template miner with a fixed-depth parse tree.
 *
 * <p>A line is masked (see {@link MaskRule}), split on whitespace and routed through the tree: first by its
 * number of tokens, then by its first {@code depth − 2} tokens (a token holding a digit or a wildcard goes to
 * the wildcard child, since such tokens are usually variables). In the leaf it joins the most similar
 * template (share of equal positions ≥ {@code similarity}; ties go to the template with more wildcards),
 * whose differing positions become {@code <*>}, or founds a new template. Each line costs one walk down a
 * short tree and one pass over a leaf's templates, independent of how many lines came before.
 *
 * <p>{@link #state()} and {@link #restore} serialise the templates together with their tree paths, so a
 * restored miner routes and numbers lines exactly like the one that was saved: template ids stay stable
 * across restarts, and a template seen before a restart is not reported as new after it.
 *
 * <p>Not thread-safe.
 */
public final class LogTemplateMiner {
  static final String WILDCARD = "<*>";
  private static final String STATE_HEADER = "vigil-log-templates v2";

  private final MinerSettings settings;
  private final Map<Integer, Node> byLength = new HashMap<>();
  private final List<Cluster> clusters = new ArrayList<>();

  private static final class Node {
    final Map<String, Node> children = new HashMap<>();
    final List<Cluster> clusters = new ArrayList<>(2);
  }

  private static final class Cluster {
    final int id;
    final String[] tokens;
    // What each token shows to a person: the text shared by every line so far, or a wildcard.
    final String[] text;
    final String[] path;
    long count;

    Cluster(int id, String[] tokens, String[] text, String[] path, long count) {
      this.id = id;
      this.tokens = tokens;
      this.text = text;
      this.path = path;
      this.count = count;
    }

    String template() {
      return String.join(" ", text);
    }

    LogTemplate snapshot() {
      return new LogTemplate(id, template(), count, String.join(" ", tokens));
    }
  }

  /** An empty miner. */
  public LogTemplateMiner(MinerSettings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  /** Mines one line (without its timestamp/level header: the message part). */
  public TemplateMatch add(String line) {
    Objects.requireNonNull(line, "line");
    VariableShapes.Shaped shaped = VariableShapes.shaped(mask(line));
    String[] tokens = shaped.shape();
    String[] path = routeKeys(tokens);
    Node leaf = leaf(tokens.length, path, true);
    Cluster best = null;
    double bestSim = -1;
    int bestWildcards = -1;
    for (Cluster c : leaf.clusters) {
      int matched = 0;
      int wild = 0;
      int wildOverConstant = 0;
      for (int i = 0; i < tokens.length; i++) {
        if (c.tokens[i].equals(WILDCARD)) {
          wild++;
          if (tokens[i].equals(WILDCARD)) {
            matched++;
          } else {
            wildOverConstant++;
          }
        } else if (c.tokens[i].equals(tokens[i])) {
          matched++;
        }
      }
      // A masked variable meeting a template wildcard is a full match; a word meeting a wildcard counts half: the
      // position has varied before, but a word there may also be what tells two events apart.
      double sim = tokens.length == 0 ? 1 : (matched + 0.5 * wildOverConstant) / tokens.length;
      if (sim > bestSim || (sim == bestSim && wild > bestWildcards)) {
        best = c;
        bestSim = sim;
        bestWildcards = wild;
      }
    }
    if (best != null && bestSim >= settings.similarity()) {
      boolean changed = false;
      for (int i = 0; i < tokens.length; i++) {
        if (!best.tokens[i].equals(tokens[i]) && !best.tokens[i].equals(WILDCARD)) {
          best.tokens[i] = WILDCARD;
          changed = true;
        }
        if (!best.text[i].equals(shaped.text()[i]) && !best.text[i].equals(WILDCARD)) {
          best.text[i] = VariableShapes.generalise(best.text[i], shaped.text()[i]);
          changed = true;
        }
      }
      best.count++;
      return new TemplateMatch(best.id, best.template(), false, changed);
    }
    Cluster c = new Cluster(clusters.size() + 1, tokens.clone(), shaped.text().clone(), path, 1);
    clusters.add(c);
    leaf.clusters.add(c);
    return new TemplateMatch(c.id, c.template(), true, false);
  }

  /** The template with the given id, or null when there is none. */
  public LogTemplate template(int id) {
    if (id < 1 || id > clusters.size()) {
      return null;
    }
    return clusters.get(id - 1).snapshot();
  }

  /** All templates, by id. */
  public List<LogTemplate> templates() {
    List<LogTemplate> out = new ArrayList<>(clusters.size());
    for (Cluster c : clusters) {
      out.add(c.snapshot());
    }
    return out;
  }

  /**
   * The miner's state as text: a header, the settings' fingerprint, then one line per template
   * ({@code id TAB count TAB path TAB shape TAB text}; path keys and text tokens are separated by the unit
   * separator U+001F, since a text token may hold spaces).
   */
  public String state() {
    StringBuilder b = new StringBuilder(STATE_HEADER).append('\n').append(settings.fingerprint()).append('\n');
    for (Cluster c : clusters) {
      b.append(c.id).append('\t').append(c.count).append('\t').append(String.join("\u001f", c.path)).append('\t')
          .append(String.join(" ", c.tokens)).append('\t').append(String.join("\u001f", c.text)).append('\n');
    }
    return b.toString();
  }

  /**
   * Rebuilds a miner from {@link #state()}.
   *
   * @throws IllegalArgumentException when the state is malformed (naming the line) or was saved under other
   *     settings, since routing with other masks or depth would silently renumber templates
   */
  public static LogTemplateMiner restore(String state, MinerSettings settings) {
    Objects.requireNonNull(state, "state");
    String[] lines = state.split("\n", -1);
    if (lines.length < 2 || !lines[0].equals(STATE_HEADER)) {
      throw new IllegalArgumentException("state line 1: expected '" + STATE_HEADER + "'");
    }
    if (!lines[1].equals(settings.fingerprint())) {
      throw new IllegalArgumentException("state line 2: saved with settings '" + lines[1]
          + "', restoring with '" + settings.fingerprint() + "'");
    }
    LogTemplateMiner m = new LogTemplateMiner(settings);
    for (int i = 2; i < lines.length; i++) {
      if (lines[i].isEmpty()) {
        continue;
      }
      String[] f = lines[i].split("\t", -1);
      if (f.length != 5) {
        throw new IllegalArgumentException("state line " + (i + 1) + ": expected 5 tab-separated fields, got "
            + f.length);
      }
      int id;
      long count;
      try {
        id = Integer.parseInt(f[0]);
        count = Long.parseLong(f[1]);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("state line " + (i + 1) + ": id and count must be numbers", e);
      }
      if (id != m.clusters.size() + 1) {
        throw new IllegalArgumentException("state line " + (i + 1) + ": expected template id "
            + (m.clusters.size() + 1) + ", got " + id);
      }
      String[] tokens = tokenize(f[3]);
      String[] text = tokens.length == 0 ? new String[0] : f[4].split("\u001f", -1);
      if (text.length != tokens.length) {
        throw new IllegalArgumentException("state line " + (i + 1) + ": " + tokens.length + " shape tokens but "
            + text.length + " text tokens");
      }
      String[] path = f[2].isEmpty() ? new String[0] : f[2].split("\u001f", -1);
      Cluster c = new Cluster(id, tokens, text, path, count);
      m.clusters.add(c);
      m.leaf(tokens.length, path, true).clusters.add(c);
    }
    return m;
  }

  /** The line after the format's masks (before the built-in generalisation). */
  String mask(String line) {
    String s = line;
    for (MaskRule r : settings.masks()) {
      Matcher matcher = r.pattern().matcher(s);
      if (matcher.find()) {
        s = matcher.replaceAll(r.quotedReplacement());
      }
    }
    return s;
  }

  private static String[] tokenize(String s) {
    String t = s.strip();
    return t.isEmpty() ? new String[0] : t.split("\\s+");
  }

  private String[] routeKeys(String[] tokens) {
    int n = Math.min(settings.depth() - 2, tokens.length);
    String[] keys = new String[n];
    for (int i = 0; i < n; i++) {
      keys[i] = hasDigit(tokens[i]) || tokens[i].contains(WILDCARD) ? WILDCARD : tokens[i];
    }
    return keys;
  }

  private Node leaf(int length, String[] path, boolean create) {
    Node node = byLength.computeIfAbsent(length, k -> new Node());
    for (int i = 0; i < path.length; i++) {
      String key = path[i];
      Node next = node.children.get(key);
      if (next == null) {
        if (node.children.size() >= settings.maxChildren() && !key.equals(WILDCARD)) {
          // A full node sends new keys to its wildcard child; the path records it so restore agrees.
          key = WILDCARD;
          path[i] = WILDCARD;
          next = node.children.get(key);
        }
        if (next == null && create) {
          next = new Node();
          node.children.put(key, next);
        }
      }
      node = next;
    }
    return node;
  }

  private static boolean hasDigit(String s) {
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      if (ch >= '0' && ch <= '9') {
        return true;
      }
    }
    return false;
  }
}
