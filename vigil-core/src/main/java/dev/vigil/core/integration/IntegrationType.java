package dev.vigil.core.integration;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The kinds of integration Vigil knows, each with the fields its configuration may hold. Field
 * paths are dotted ({@code auth.basic.password}); the document nests them as objects.
 */
public enum IntegrationType {
  PROMETHEUS(Set.of("url"), fields(Map.of("url", Field.URL, "tenant", Field.TEXT, "timeout", Field.DURATION),
      httpAuth())),
  /** {@code webhookToken}: the bearer token Alertmanager's {@code http_config} sends to Vigil's receiver. */
  ALERTMANAGER(Set.of("url"), fields(Map.of("url", Field.URL, "tenant", Field.TEXT, "timeout", Field.DURATION,
      "webhookToken", Field.SECRET), httpAuth())),
  GITHUB(Set.of(), fields(Map.of("url", Field.URL, "token", Field.SECRET, "webhookSecret", Field.SECRET,
      "timeout", Field.DURATION))),
  SLACK(Set.of(), fields(Map.of("url", Field.URL, "botToken", Field.SECRET, "signingSecret", Field.SECRET,
      "timeout", Field.DURATION))),
  TEAMS(Set.of("webhookUrl"), fields(Map.of("webhookUrl", Field.SECRET, "timeout", Field.DURATION))),
  PAGERDUTY(Set.of(), fields(Map.of("url", Field.URL, "routingKey", Field.SECRET, "webhookSecret", Field.SECRET,
      "timeout", Field.DURATION))),
  KUBERNETES(Set.of("url"), fields(Map.of("url", Field.URL, "namespace", Field.TEXT, "caFile", Field.TEXT,
      "timeout", Field.DURATION), Map.of("auth.bearerToken", Field.SECRET))),
  /**
   * {@code auth.sshKey}: a private key for ssh URLs, with {@code ssh.hostKeyFingerprint} (SHA-256,
   * several separated by commas) or {@code ssh.knownHosts} (a known_hosts file) pinning the server.
   */
  GIT(Set.of("url"), fields(Map.of("url", Field.TEXT, "branch", Field.TEXT, "timeout", Field.DURATION),
      httpAuth(), Map.of("auth.sshKey", Field.SECRET, "auth.sshKeyPassphrase", Field.SECRET,
          "ssh.hostKeyFingerprint", Field.TEXT, "ssh.knownHosts", Field.TEXT))),
  WEBHOOK(Set.of("url"), fields(Map.of("url", Field.URL, "signingSecret", Field.SECRET,
      "timeout", Field.DURATION), httpAuth()));

  /** What a field holds, and so how it is read and shown. */
  public enum Field {
    /** Free text. */
    TEXT,
    /** An absolute http(s) URL. */
    URL,
    /** A duration such as {@code 30s} or {@code PT1M}. */
    DURATION,
    /** A credential: only a {@code ${env:NAME}} or {@code ${file:/path}} reference is accepted. */
    SECRET
  }

  private final Set<String> required;
  private final Map<String, Field> fields;

  IntegrationType(Set<String> required, Map<String, Field> fields) {
    this.required = Set.copyOf(required);
    this.fields = fields;
  }

  // A method rather than a constant: enum constants cannot refer to static fields of their enum.
  private static Map<String, Field> httpAuth() {
    return Map.of("auth.bearerToken", Field.SECRET, "auth.basic.username", Field.TEXT,
        "auth.basic.password", Field.SECRET);
  }

  @SafeVarargs
  private static Map<String, Field> fields(Map<String, Field>... parts) {
    Map<String, Field> all = new LinkedHashMap<>();
    for (Map<String, Field> part : parts) {
      part.keySet().stream().sorted().forEach(k -> all.put(k, part.get(k)));
    }
    return java.util.Collections.unmodifiableMap(all);
  }

  /** The name used in {@code agents.yaml}, e.g. {@code prometheus}. */
  public String text() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Every field path this type accepts, with what it holds. */
  public Map<String, Field> fields() {
    return fields;
  }

  /** Field paths that must be given. */
  public Set<String> required() {
    return required;
  }

  public static Optional<IntegrationType> parse(String text) {
    return Arrays.stream(values()).filter(t -> t.text().equals(text)).findFirst();
  }

  /** All type names, for messages and the schema. */
  public static List<String> names() {
    return Arrays.stream(values()).map(IntegrationType::text).toList();
  }

  /** The immediate children allowed under {@code prefix} ({@code ""} for the top level). */
  public Set<String> childrenOf(String prefix) {
    String start = prefix.isEmpty() ? "" : prefix + ".";
    return fields.keySet().stream().filter(p -> p.startsWith(start))
        .map(p -> p.substring(start.length()).split("\\.", 2)[0])
        .collect(Collectors.toCollection(java.util.TreeSet::new));
  }
}
