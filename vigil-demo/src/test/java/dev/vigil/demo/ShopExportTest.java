package dev.vigil.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

class ShopExportTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path tmp;

  private Map<String, String> export(String name, long seed) throws Exception {
    Path out = tmp.resolve(name);
    // A five-minute step keeps the test's files small; the series and the cases are the same.
    ShopExport.export(ShopExport.parse(new String[] {"--out", out.toString(), "--seed", Long.toString(seed),
        "--step", "5m"}), new PrintStream(new ByteArrayOutputStream()));
    Map<String, String> digests = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(out)) {
      for (Path f : walk.filter(Files::isRegularFile).toList()) {
        digests.put(out.relativize(f).toString(), sha256(f));
      }
    }
    return digests;
  }

  @Test
  void the_same_seed_writes_the_same_files_and_another_seed_other_metrics_and_cases() throws Exception {
    Map<String, String> first = export("a", 42);
    Map<String, String> again = export("b", 42);
    Map<String, String> other = export("c", 7);

    assertThat(first).containsKeys("metrics/shop.om", "signals.yaml", "scenarios.jsonl", "catalog/CODEOWNERS",
        "catalog/catalog-info.yaml", "catalog/services/checkout/catalog-info.yaml").isEqualTo(again);
    assertThat(other.get("metrics/shop.om")).isNotEqualTo(first.get("metrics/shop.om"));
    assertThat(other.get("scenarios.jsonl")).isNotEqualTo(first.get("scenarios.jsonl"));
  }

  @Test
  void the_cases_cover_at_least_forty_deploys_of_the_second_week_with_samples_around_each() throws Exception {
    export("a", 42);
    Path out = tmp.resolve("a");
    List<JsonNode> cases = Files.readAllLines(out.resolve("scenarios.jsonl")).stream().map(JSON::readTree).toList();
    assertThat(cases).hasSizeGreaterThanOrEqualTo(40);
    assertThat(cases).extracting(c -> c.get("id").asString()).doesNotHaveDuplicates();
    assertThat(cases).extracting(c -> c.get("expected").asString()).containsOnly("pass", "fail")
        .filteredOn("fail"::equals).hasSizeBetween(15, 25);
    assertThat(cases).extracting(c -> c.get("service").asString())
        .contains("checkout", "email", "shipping", "search", "catalog");
    Instant week = ShopExport.DEFAULT_START.plusSeconds(7 * 86400);
    for (JsonNode c : cases) {
      Instant at = Instant.parse(c.get("deployedAt").asString());
      assertThat(at).isAfterOrEqualTo(week).isBefore(week.plusSeconds(7 * 86400 - 3600));
    }
    // The history reaches back a week before the first case and past the last case's +15 minutes.
    String first = firstLineWith(out.resolve("metrics/shop.om"), "http_server_requests_total{");
    assertThat(Long.parseLong(first.substring(first.lastIndexOf(' ') + 1)))
        .isEqualTo(ShopExport.DEFAULT_START.getEpochSecond());
    assertThat(Files.readString(out.resolve("signals.yaml"))).contains("$service", "$window", "latency_p99",
        "error_ratio", "higher-is-worse");
  }

  @Test
  void a_missing_out_or_a_bad_value_is_a_usage_error_that_names_it() {
    assertThatThrownBy(() -> ShopExport.parse(new String[] {"--seed", "1"})).hasMessageContaining("--out");
    assertThatThrownBy(() -> ShopExport.parse(new String[] {"--out", "x", "--start", "yesterday"}))
        .hasMessageContaining("--start").hasMessageContaining("yesterday");
    assertThatThrownBy(() -> ShopExport.parse(new String[] {"--out", "x", "--step", "7m"}))
        .hasMessageContaining("--step");
  }

  private static String firstLineWith(Path file, String prefix) throws IOException {
    try (Stream<String> lines = Files.lines(file)) {
      return lines.filter(l -> l.startsWith(prefix)).findFirst().orElseThrow();
    }
  }

  private static String sha256(Path f) throws Exception {
    MessageDigest digest = MessageDigest.getInstance("SHA-256");
    try (InputStream in = new DigestInputStream(Files.newInputStream(f), digest)) {
      in.transferTo(java.io.OutputStream.nullOutputStream());
    }
    return HexFormat.of().formatHex(digest.digest());
  }
}
