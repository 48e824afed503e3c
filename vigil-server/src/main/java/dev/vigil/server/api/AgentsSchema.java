package dev.vigil.server.api;

import dev.vigil.core.integration.IntegrationType;
import dev.vigil.core.task.ParameterSpec;
import dev.vigil.core.task.TaskKind;
import dev.vigil.core.task.TaskKindRegistry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON Schema (draft 2020-12) of agents.yaml, generated from the installed task kinds. */
final class AgentsSchema {
  private AgentsSchema() {}

  static Map<String, Object> build(TaskKindRegistry kinds) {
    Map<String, Object> slug = Map.of("type", "string", "pattern", "^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$");
    Map<String, Object> strings = Map.of("type", "array", "items", Map.of("type", "string"));
    Map<String, Object> grant = object(Map.of(
        "integration", Map.of("type", "string"),
        "permission", Map.of("type", "string", "pattern", "^[a-z0-9-]+:[a-z0-9-]+$"),
        "scope", strings), List.of("integration", "permission"));
    Map<String, Object> trigger = new LinkedHashMap<>();
    trigger.put("type", "object");
    trigger.put("minProperties", 1);
    trigger.put("maxProperties", 1);
    trigger.put("additionalProperties", false);
    trigger.put("properties", Map.of(
        "schedule", object(Map.of("cron", Map.of("type", "string", "description", "5 fields or @daily etc."),
            "timeZone", Map.of("type", "string", "description", "IANA zone, default UTC"),
            "catchUp", Map.of("enum", List.of("run-once", "skip", "run-all"))), List.of("cron")),
        "event", object(Map.of("source", Map.of("type", "string"), "type", Map.of("type", "string"),
            "labels", Map.of("type", "object", "additionalProperties", Map.of("type", "string")), "keywords", strings), List.of()),
        "message", object(Map.of("channel", Map.of("type", "string"), "mentionOnly", Map.of("type", "boolean"),
            "directMessage", Map.of("type", "boolean")), List.of())));
    List<Object> taskVariants = new ArrayList<>();
    for (TaskKind kind : kinds.all()) {
      Map<String, Object> params = new LinkedHashMap<>();
      List<String> required = new ArrayList<>();
      for (ParameterSpec p : kind.parameters().parameters()) {
        Map<String, Object> ps = new LinkedHashMap<>();
        ps.put("type", p.type().jsonType());
        if (p.type().jsonType().equals("array")) ps.put("items", Map.of("type", "string"));
        ps.put("description", p.description());
        if (p.defaultValue() != null) ps.put("default", p.defaultValue());
        params.put(p.name(), ps);
        if (p.required()) required.add(p.name());
      }
      Map<String, Object> props = new LinkedHashMap<>();
      props.put("name", slug);
      props.put("kind", Map.of("const", kind.name()));
      props.put("enabled", Map.of("type", "boolean"));
      props.put("parameters", object(params, required));
      props.put("trigger", trigger);
      Map<String, Object> variant = object(props, List.of("name", "kind"));
      variant.put("description", kind.description());
      taskVariants.add(variant);
    }
    Map<String, Object> agentProps = new LinkedHashMap<>();
    agentProps.put("name", slug);
    agentProps.put("purpose", Map.of("type", "string"));
    agentProps.put("owner", Map.of("type", "string"));
    agentProps.put("channels", strings);
    agentProps.put("grants", Map.of("type", "array", "items", grant));
    agentProps.put("skills", strings);
    agentProps.put("memory", strings);
    agentProps.put("paused", Map.of("type", "boolean"));
    agentProps.put("tasks", Map.of("type", "array", "items", Map.of("oneOf", taskVariants)));
    Map<String, Object> schema = new LinkedHashMap<>();
    Map<String, Object> topLevel = new LinkedHashMap<>();
    topLevel.put("apiVersion", Map.of("const", "vigil.dev/v1"));
    topLevel.put("integrations", Map.of("type", "array", "items", Map.of("oneOf", integrationVariants(slug, strings))));
    topLevel.put("hooks", Map.of("type", "array", "items", hook()));
    topLevel.put("agents", Map.of("type", "array", "items", object(agentProps, List.of("name"))));
    schema.put("$schema", "https://json-schema.org/draft/2020-12/schema");
    schema.put("$id", "https://vigil.dev/schemas/agents-v1.json");
    schema.put("title", "Vigil agents.yaml");
    schema.putAll(object(topLevel, List.of()));
    schema.put("anyOf", List.of(Map.of("required", List.of("agents")), Map.of("required", List.of("integrations")),
        Map.of("required", List.of("hooks"))));
    return schema;
  }

  /** The rules of one generic webhook source ({@code HookRules}). */
  private static Map<String, Object> hook() {
    Map<String, Object> template = Map.of("type", "string", "minLength", 1, "description",
        "a path such as $.app.metadata.name, or text with {$.path} in it such as argocd.{$.phase}");
    Map<String, Object> path = Map.of("type", "string", "pattern", "^\\$", "description",
        "$ then .name, ['name'] or [index] steps");
    Map<String, Object> props = new LinkedHashMap<>();
    props.put("source", Map.of("type", "string", "pattern", "^[a-z0-9][a-z0-9-]{0,62}$",
        "description", "the {source} of POST /hooks/{source}"));
    props.put("secret", Map.of("type", "string", "pattern", "^\\$\\{(env:[A-Za-z_][A-Za-z0-9_]*|file:/.+)\\}$",
        "description", "HMAC key of X-Vigil-Signature-256 for this source, ${env:NAME} or ${file:/path}"));
    for (String field : List.of("type", "id", "subject", "text")) props.put(field, template);
    props.put("labels", Map.of("type", "object", "additionalProperties", template));
    props.put("when", Map.of("oneOf", List.of(path, object(Map.of("path", path, "equals", Map.of("oneOf", List.of(
        Map.of("type", "string"), Map.of("type", "array", "items", Map.of("type", "string"))))), List.of("path")))));
    return object(props, List.of("source"));
  }

  /** One variant per integration type, its dotted field paths nested back into objects. */
  private static List<Object> integrationVariants(Map<String, Object> slug, Map<String, Object> strings) {
    Map<String, Object> reference = Map.of("type", "string", "pattern", "^\\$\\{(env:[A-Za-z_][A-Za-z0-9_]*|file:/.+)\\}$",
        "description", "a credential reference, ${env:NAME} or ${file:/path}; values are not accepted");
    List<Object> variants = new ArrayList<>();
    for (IntegrationType type : IntegrationType.values()) {
      Map<String, Object> props = new LinkedHashMap<>();
      props.put("name", slug);
      props.put("type", Map.of("const", type.text()));
      props.put("agents", Map.of("type", "array", "items", Map.of("type", "string"),
          "description", "the only agents that may use it; empty or absent: any agent with a grant"));
      props.putAll(fieldsUnder(type, "", reference));
      List<String> required = new ArrayList<>(List.of("name", "type"));
      type.required().stream().sorted().forEach(required::add);
      variants.add(object(props, required));
    }
    return variants;
  }

  private static Map<String, Object> fieldsUnder(IntegrationType type, String prefix, Map<String, Object> reference) {
    Map<String, Object> props = new LinkedHashMap<>();
    for (String child : type.childrenOf(prefix)) {
      String path = prefix.isEmpty() ? child : prefix + "." + child;
      IntegrationType.Field field = type.fields().get(path);
      props.put(child, field == null ? object(fieldsUnder(type, path, reference), List.of()) : switch (field) {
        case SECRET -> reference;
        case URL -> Map.of("type", "string", "format", "uri");
        case DURATION -> Map.of("type", "string", "description", "e.g. 30s, 1m, PT1M");
        case TEXT -> Map.of("type", "string");
      });
    }
    return props;
  }

  private static Map<String, Object> object(Map<String, Object> properties, List<String> required) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", "object");
    m.put("additionalProperties", false);
    m.put("properties", properties);
    if (!required.isEmpty()) m.put("required", required);
    return m;
  }
}
