package dev.vigil.bench.loghub;

import dev.vigil.analysis.logs.MaskRule;
import dev.vigil.analysis.logs.MinerSettings;
import java.util.List;
import java.util.Map;

/**
 * Masking rules per log format: what a user would write once for each kind of log they ship. The miner's
 * parameters (depth, similarity) stay global.
 */
final class LogFormats {
  private static final Map<String, List<MaskRule>> EXTRA = Map.of();

  private LogFormats() {}

  /** The miner settings for a system: the defaults plus that format's masks, if any. */
  static MinerSettings settingsFor(String system) {
    return MinerSettings.DEFAULT.withExtraMasks(EXTRA.getOrDefault(system, List.of()));
  }
}
