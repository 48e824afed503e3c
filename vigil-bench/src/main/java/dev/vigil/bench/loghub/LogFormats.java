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
      // Proxifier: "host:port" (two variables), "lifetime <1 sec" / "lifetime 00:01:02", byte counts that carry
      // a rounded copy in parentheses only above 1 KB ("1190 bytes (1.16 KB) sent" but "451 bytes sent"): the
      // count is the variable and the copy, which says the same, is left out of the template ("<*> bytes sent"),
      // and the host a name could not be resolved for.
      "Proxifier", List.of(
          MaskRule.of("hostport", "[\\w.-]+:\\d+", "<*>:<*>"),
          MaskRule.of("lifetime", "<\\d+ sec|\\d{2}:\\d{2}(:\\d{2})?"),
          MaskRule.of("bytes", "\\d+ bytes( \\([^)]*\\))?", "<*> bytes"),
          MaskRule.of("unresolved", "(?<=resolve )\\S+")),
      // OpenSSH: user and host names are variables ("Invalid user test9", "Failed password for root",
      // "getaddrinfo for ns.example.com").
      "OpenSSH", List.of(
          MaskRule.of("user", "(?<=\\b[Ii]nvalid user )\\S+|(?<=password for )\\S+(?= from)"),
          MaskRule.of("host", "(?<=getaddrinfo for )\\S+")),
      // OpenStack: the request line of an API access log entry ("GET /v2/<tenant>/servers/detail HTTP/1.1").
      "OpenStack", List.of(
          MaskRule.of("request", "(?<=\"(GET|POST|PUT|DELETE|HEAD|PATCH) )[^\"]*")),
      // Mac: hardware and IPv6 addresses, whose hex groups need not hold a digit ("5c:50:15:36:bc:03").
      "Mac", List.of(
          MaskRule.of("hwaddr", "\\b([0-9a-fA-F]{1,2}:){5}[0-9a-fA-F]{1,2}\\b"),
          MaskRule.of("ipv6", "\\b[0-9a-fA-F]{1,4}(:[0-9a-fA-F]{0,4}){2,7}\\b")),
      // Linux syslog: dates written out in messages, host names in parentheses, remote hosts, user names.
      "Linux", List.of(
          MaskRule.of("date", "(Mon|Tue|Wed|Thu|Fri|Sat|Sun) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)"
              + " +\\d+ \\d{2}:\\d{2}:\\d{2} \\d{4}"),
          MaskRule.of("parenhost", "(?<=\\()[\\w.-]*(?=\\))"),
          MaskRule.of("rhost", "(?<=rhost=)\\S+"),
          MaskRule.of("fromhost", "(?<=from )\\S+"),
          MaskRule.of("user", "(?<=for user )\\S+")));

  private LogFormats() {}

  /** The miner settings for a system: the defaults plus that format's masks, if any. */
  static MinerSettings settingsFor(String system) {
    return MinerSettings.DEFAULT.withExtraMasks(EXTRA.getOrDefault(system, List.of()));
  }
}
