package dev.vigil.core.graph;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What a node of the context graph stands for. The wire name is used in ids, the API and storage. */
public enum NodeKind {
  /** A deployable service or component (Backstage Component). */
  SERVICE("service"),
  /** An interface a service provides or consumes (Backstage API). */
  API("api"),
  /** A datastore or other resource (Backstage Resource: database, bucket, cache). */
  RESOURCE("resource"),
  /** A message queue or topic. */
  QUEUE("queue"),
  /** A group of services that form one product (Backstage System). */
  SYSTEM("system"),
  /** A team or other group of people (Backstage Group). */
  TEAM("team"),
  /** A person (Backstage User, a CODEOWNERS user, an on-call engineer). */
  PERSON("person"),
  /** A path prefix inside a repository, written {@code owner/repo:path/} or {@code path/}. */
  REPOSITORY_PATH("path"),
  /** A runbook, named by its URL. */
  RUNBOOK("runbook"),
  /** A dashboard, named by its URL. */
  DASHBOARD("dashboard"),
  /** An alerting rule, named by its alert name. */
  ALERT_RULE("alert"),
  /** A deploy, when a source records deploys as nodes; deploy history itself is {@link Deploy}. */
  DEPLOY("deploy"),
  /** A feature flag. */
  FEATURE_FLAG("flag");

  private final String wire;

  NodeKind(String wire) {
    this.wire = wire;
  }

  public String wire() {
    return wire;
  }

  /** The kind for a wire name, case-insensitive; names the accepted ones when unknown. */
  public static NodeKind fromWire(String text) {
    String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
    for (NodeKind kind : values()) {
      if (kind.wire.equals(t)) {
        return kind;
      }
    }
    throw new IllegalArgumentException("unknown node kind '" + text + "' (expected one of: "
        + Arrays.stream(values()).map(NodeKind::wire).collect(Collectors.joining(", ")) + ")");
  }
}
