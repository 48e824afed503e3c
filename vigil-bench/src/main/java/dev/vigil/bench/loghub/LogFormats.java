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
  private static final Map<String, List<MaskRule>> EXTRA = Map.of(
      // Proxifier: "host:port", "lifetime <1 sec" / "lifetime 00:01:02", "1.23 KB" (sizes also in parentheses).
      "Proxifier", List.of(
          MaskRule.of("hostport", "[\\w.-]+:\\d+"),
          MaskRule.of("lifetime", "<\\d+ sec|\\d{2}:\\d{2}(:\\d{2})?"),
          MaskRule.of("size", "\\d+(\\.\\d+)? [KMG]?B")),
      // Linux syslog: dates written out in messages, host names in parentheses, remote hosts.
      "Linux", List.of(
          MaskRule.of("date", "(Mon|Tue|Wed|Thu|Fri|Sat|Sun) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)"
              + " +\\d+ \\d{2}:\\d{2}:\\d{2} \\d{4}"),
          MaskRule.of("parenhost", "(?<=\\()[\\w.-]*(?=\\))"),
          MaskRule.of("rhost", "(?<=rhost=)\\S+"),
          MaskRule.of("fromhost", "(?<=from )\\S+")));

  private LogFormats() {}

  /** The miner settings for a system: the defaults plus that format's masks, if any. */
  static MinerSettings settingsFor(String system) {
    return MinerSettings.DEFAULT.withExtraMasks(EXTRA.getOrDefault(system, List.of()));
  }
}
