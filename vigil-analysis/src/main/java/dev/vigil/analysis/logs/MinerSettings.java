package dev.vigil.analysis.logs;

import java.util.List;
import java.util.Objects;

/**
 * Parameters of {@link LogTemplateMiner}.
 *
 * @param depth depth of the parse tree: the root, the length layer, then {@code depth − 2} leading tokens;
 *     ≥ 3. Deeper trees separate more events by their first words but split events whose first words vary.
 * @param similarity fraction of positions that must agree for a line to join a template, in (0, 1]
 * @param maxChildren most children per tree node before further tokens are routed to the wildcard child, ≥ 2
 *     (bounds memory when a leading token is a variable the masks missed)
 * @param masks the log format's masking rules, applied in order before the built-in generalisation of
 *     {@link VariableShapes} (which needs no rules: words holding digits are variables); for variables whose
 *     shape does not give them away, such as user or host names
 */
public record MinerSettings(int depth, double similarity, int maxChildren, List<MaskRule> masks) {
  /**
   * Depth 4, similarity 0.9, 100 children, no format masks. The similarity was chosen on the Loghub tuning half
   * (see docs/analysis.md): with variables recognised by their shape ({@link VariableShapes}), most lines
   * of one event already agree on every word, and a high bar keeps apart events that differ in one word
   * ("VM Started" / "VM Paused").
   */
  public static final MinerSettings DEFAULT = new MinerSettings(4, 0.9, 100, List.of());

  public MinerSettings {
    if (depth < 3) {
      throw new IllegalArgumentException("depth must be >= 3, got " + depth);
    }
    if (!(similarity > 0 && similarity <= 1)) {
      throw new IllegalArgumentException("similarity must be in (0, 1], got " + similarity);
    }
    if (maxChildren < 2) {
      throw new IllegalArgumentException("maxChildren must be >= 2, got " + maxChildren);
    }
    masks = List.copyOf(Objects.requireNonNull(masks, "masks"));
  }

  /** These settings with extra masks (e.g. the rules of one log format) applied before their own masks. */
  public MinerSettings withExtraMasks(List<MaskRule> extra) {
    List<MaskRule> all = new java.util.ArrayList<>(extra);
    all.addAll(masks);
    return new MinerSettings(depth, similarity, maxChildren, all);
  }

  /** A stable text naming the settings, stored with miner state so it is not restored under other rules. */
  public String fingerprint() {
    StringBuilder b = new StringBuilder(VariableShapes.VERSION).append(" depth=").append(depth).append(" similarity=").append(similarity)
        .append(" maxChildren=").append(maxChildren).append(" masks=");
    for (MaskRule m : masks) {
      b.append(m.name()).append(':').append(Integer.toHexString(m.pattern().pattern().hashCode()));
      if (!m.replacement().equals(LogTemplateMiner.WILDCARD)) {
        b.append('>').append(Integer.toHexString(m.replacement().hashCode()));
      }
      b.append(',');
    }
    return b.toString();
  }
}
