package dev.vigil.core.agent;

import dev.vigil.core.Durations;
import dev.vigil.core.event.HookRules;
import dev.vigil.core.event.JsonPath;
import dev.vigil.core.event.TextTemplate;
import dev.vigil.core.integration.IntegrationConfig;
import dev.vigil.core.integration.IntegrationType;
import dev.vigil.core.integration.SecretRef;
import dev.vigil.core.task.InvalidInputException;
import dev.vigil.core.task.TaskSpec;
import dev.vigil.core.trigger.CatchUpPolicy;
import dev.vigil.core.trigger.CronExpression;
import dev.vigil.core.trigger.Trigger;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The agents-as-code format ({@code agents.yaml}, the API's JSON, the stored form), read from and
 * written to plain maps so that any wire format parser at the edge can feed it. Reading is strict:
 * an unknown or mistyped field is reported with its path and the fields that are allowed there,
 * and all problems are reported at once.
 *
 * <p>Task parameters are read as given; {@code TaskKindRegistry} validates them against their kind.
 * Integration credentials are accepted only as references ({@code ${env:NAME}}, {@code ${file:/path}}),
 * so a document read or written here never holds a credential's value.
 */
public final class AgentDocument {
  public static final String API_VERSION = "vigil.dev/v1";

  private static final Set<String> DOC_FIELDS = Set.of("apiVersion", "integrations", "hooks", "agents");
  private static final Set<String> HOOK_FIELDS =
      Set.of("source", "secret", "type", "id", "subject", "labels", "text", "when");
  private static final Set<String> WHEN_FIELDS = Set.of("path", "equals");
  private static final Set<String> INTEGRATION_FIELDS = Set.of("name", "type", "agents");
  private static final Set<String> AGENT_FIELDS =
      Set.of("name", "purpose", "owner", "channels", "grants", "skills", "tasks", "memory", "paused");
  private static final Set<String> GRANT_FIELDS = Set.of("integration", "permission", "scope");
  private static final Set<String> TASK_FIELDS = Set.of("name", "kind", "parameters", "trigger", "enabled");
  private static final Set<String> TRIGGER_FIELDS = Set.of("schedule", "event", "message");
  private static final Set<String> SCHEDULE_FIELDS = Set.of("cron", "timeZone", "catchUp");
  private static final Set<String> EVENT_FIELDS = Set.of("source", "type", "labels", "keywords");
  private static final Set<String> MESSAGE_FIELDS = Set.of("channel", "mentionOnly", "directMessage");

  private final List<String> problems = new ArrayList<>();

  private AgentDocument() {}

  /** What a whole document declares. */
  public record Contents(List<IntegrationConfig> integrations, List<HookRules> hooks, List<Agent> agents) {
    public Contents {
      integrations = integrations == null ? List.of() : List.copyOf(integrations);
      hooks = hooks == null ? List.of() : List.copyOf(hooks);
      agents = agents == null ? List.of() : List.copyOf(agents);
    }
  }

  /**
   * Reads a whole document's agents ({@code apiVersion}, {@code agents}); use {@link #read} where
   * its {@code integrations} matter too.
   */
  public static List<Agent> readDocument(Object document) {
    return read(document).agents();
  }

  /** Reads a whole document ({@code apiVersion}, {@code integrations}, {@code hooks}, {@code agents}). */
  public static Contents read(Object document) {
    AgentDocument reader = new AgentDocument();
    List<Agent> agents = new ArrayList<>();
    List<IntegrationConfig> integrations = new ArrayList<>();
    List<HookRules> hooks = new ArrayList<>();
    Map<String, Object> doc = reader.object(document, "document");
    if (doc != null) {
      reader.checkFields(doc, DOC_FIELDS, "document");
      Object version = doc.get("apiVersion");
      if (version != null && !API_VERSION.equals(version)) {
        reader.problems.add("apiVersion: '" + version + "' is not supported (expected: " + API_VERSION + ")");
      }
      List<Object> declared = reader.list(doc.get("integrations"), "integrations");
      Set<String> integrationNames = new TreeSet<>();
      for (int i = 0; i < declared.size(); i++) {
        IntegrationConfig integration = reader.integration(declared.get(i), "integrations[" + i + "]");
        if (integration != null && !integrationNames.add(integration.name())) {
          reader.problems.add("integrations[" + i + "].name: '" + integration.name() + "' appears twice");
        }
        integrations.add(integration);
      }
      List<Object> hookItems = reader.list(doc.get("hooks"), "hooks");
      Set<String> hookSources = new TreeSet<>();
      for (int i = 0; i < hookItems.size(); i++) {
        HookRules rules = reader.hook(hookItems.get(i), "hooks[" + i + "]");
        if (rules != null && !hookSources.add(rules.source())) {
          reader.problems.add("hooks[" + i + "].source: '" + rules.source() + "' appears twice");
        }
        hooks.add(rules);
      }
      List<Object> items = reader.list(doc.get("agents"), "agents");
      if (doc.get("agents") == null && doc.get("integrations") == null && doc.get("hooks") == null) {
        reader.problems.add("agents: required (a list of agents)");
      }
      Set<String> names = new TreeSet<>();
      for (int i = 0; i < items.size(); i++) {
        Agent agent = reader.agent(items.get(i), "agents[" + i + "]");
        if (agent != null && !names.add(agent.id().value())) {
          reader.problems.add("agents[" + i + "].name: '" + agent.id() + "' appears twice");
        }
        agents.add(agent);
      }
    }
    reader.throwIfProblems();
    return new Contents(integrations, hooks, agents);
  }

  /** Reads one {@code hooks:} entry. */
  public static HookRules readHook(Object object, String path) {
    AgentDocument reader = new AgentDocument();
    HookRules rules = reader.hook(object, path);
    reader.throwIfProblems();
    return rules;
  }

  /** Reads one integration object. */
  public static IntegrationConfig readIntegration(Object object, String path) {
    AgentDocument reader = new AgentDocument();
    IntegrationConfig integration = reader.integration(object, path);
    reader.throwIfProblems();
    return integration;
  }

  /** Reads one agent object. */
  public static Agent readAgent(Object object, String path) {
    AgentDocument reader = new AgentDocument();
    Agent agent = reader.agent(object, path);
    reader.throwIfProblems();
    return agent;
  }

  private void throwIfProblems() {
    if (!problems.isEmpty()) {
      throw new InvalidInputException(problems);
    }
  }

  private Agent agent(Object value, String path) {
    Map<String, Object> m = object(value, path);
    if (m == null) return null;
    checkFields(m, AGENT_FIELDS, path);
    String name = string(m.get("name"), path + ".name", true);
    AgentId id = null;
    if (name != null) {
      try {
        id = new AgentId(name);
      } catch (IllegalArgumentException e) {
        problems.add(path + ".name: " + e.getMessage());
      }
    }
    List<Grant> grants = new ArrayList<>();
    List<Object> grantItems = list(m.get("grants"), path + ".grants");
    for (int i = 0; i < grantItems.size(); i++) {
      Grant g = grant(grantItems.get(i), path + ".grants[" + i + "]");
      if (g != null) grants.add(g);
    }
    List<TaskSpec> tasks = new ArrayList<>();
    List<Object> taskItems = list(m.get("tasks"), path + ".tasks");
    for (int i = 0; i < taskItems.size(); i++) {
      TaskSpec t = task(taskItems.get(i), path + ".tasks[" + i + "]");
      if (t != null) tasks.add(t);
    }
    List<String> channels = strings(m.get("channels"), path + ".channels");
    List<String> skills = strings(m.get("skills"), path + ".skills");
    List<String> memory = strings(m.get("memory"), path + ".memory");
    boolean paused = bool(m.get("paused"), path + ".paused", false);
    String purpose = string(m.get("purpose"), path + ".purpose", false);
    String owner = string(m.get("owner"), path + ".owner", false);
    if (id == null) return null;
    try {
      return new Agent(id, purpose, owner, channels, grants, skills, tasks, memory, paused);
    } catch (IllegalArgumentException e) {
      problems.add(path + ": " + e.getMessage());
      return null;
    }
  }

  private IntegrationConfig integration(Object value, String path) {
    Map<String, Object> m = object(value, path);
    if (m == null) return null;
    String name = string(m.get("name"), path + ".name", true);
    String typeText = string(m.get("type"), path + ".type", true);
    IntegrationType type = typeText == null ? null : IntegrationType.parse(typeText).orElse(null);
    if (typeText != null && type == null) {
      problems.add(path + ".type: '" + typeText + "' is not an integration type (expected: "
          + String.join(", ", IntegrationType.names()) + ")");
    }
    List<String> agents = strings(m.get("agents"), path + ".agents");
    if (type == null) {
      return null;
    }
    Set<String> allowed = new TreeSet<>(INTEGRATION_FIELDS);
    allowed.addAll(type.childrenOf(""));
    checkFields(m, allowed, path + " (" + type.text() + ")");
    Map<String, String> settings = new LinkedHashMap<>();
    Map<String, SecretRef> credentials = new LinkedHashMap<>();
    int before = problems.size();
    integrationFields(type, "", m, path, settings, credentials);
    for (String req : type.required()) {
      if (!settings.containsKey(req) && !credentials.containsKey(req) && m.get(req) == null) {
        problems.add(path + "." + req + ": required for a " + type.text() + " integration");
      }
    }
    if (type == IntegrationType.GIT) {
      sshPinning(settings, credentials, path);
    }
    if (name == null || problems.size() > before) return null;
    try {
      return new IntegrationConfig(name, type, agents, settings, credentials);
    } catch (IllegalArgumentException e) {
      problems.add(path + ": " + e.getMessage());
      return null;
    }
  }

  private void integrationFields(IntegrationType type, String prefix, Map<String, Object> m, String path,
      Map<String, String> settings, Map<String, SecretRef> credentials) {
    for (Map.Entry<String, Object> e : m.entrySet()) {
      String field = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
      String where = path + "." + e.getKey();
      IntegrationType.Field kind = type.fields().get(field);
      if (kind == null) {
        Set<String> children = type.childrenOf(field);
        if (children.isEmpty()) continue; // name, type, agents, or an unknown field reported by checkFields
        Map<String, Object> nested = object(e.getValue(), where);
        if (nested == null) continue;
        checkFields(nested, children, where);
        integrationFields(type, field, nested, where, settings, credentials);
        continue;
      }
      String text = string(e.getValue(), where, true);
      if (text == null) continue;
      switch (kind) {
        case SECRET -> {
          try {
            credentials.put(field, SecretRef.parse(text));
          } catch (IllegalArgumentException bad) {
            problems.add(where + ": " + bad.getMessage());
          }
        }
        case URL -> {
          try {
            URI uri = new URI(text);
            if (uri.getScheme() == null || !uri.getScheme().matches("https?") || uri.getHost() == null) {
              problems.add(where + ": '" + text + "' is not an http(s) URL (e.g. http://prometheus:9090)");
            } else if (uri.getUserInfo() != null) {
              problems.add(where + ": credentials in the URL are not accepted; use auth with ${env:NAME}");
            } else {
              settings.put(field, text);
            }
          } catch (URISyntaxException bad) {
            problems.add(where + ": '" + text + "' is not a URL (" + bad.getReason() + ")");
          }
        }
        case DURATION -> {
          try {
            Durations.parse(text, field);
            settings.put(field, text);
          } catch (IllegalArgumentException bad) {
            problems.add(where + ": " + bad.getMessage());
          }
        }
        case TEXT -> settings.put(field, text);
      }
    }
  }

  private HookRules hook(Object value, String path) {
    Map<String, Object> m = object(value, path);
    if (m == null) return null;
    checkFields(m, HOOK_FIELDS, path);
    int before = problems.size();
    String source = string(m.get("source"), path + ".source", true);
    Optional<SecretRef> secret = Optional.empty();
    String secretText = string(m.get("secret"), path + ".secret", false);
    if (secretText != null && !secretText.isEmpty()) {
      try {
        secret = Optional.of(SecretRef.parse(secretText));
      } catch (IllegalArgumentException e) {
        problems.add(path + ".secret: " + e.getMessage());
      }
    }
    Map<String, TextTemplate> labels = new LinkedHashMap<>();
    Map<String, Object> labelsRaw = m.get("labels") == null ? Map.of() : object(m.get("labels"), path + ".labels");
    if (labelsRaw != null) {
      labelsRaw.forEach((k, v) -> template(v, path + ".labels." + k).ifPresent(t -> labels.put(k, t)));
    }
    Optional<HookRules.Condition> when = m.get("when") == null ? Optional.empty() : condition(m.get("when"), path + ".when");
    Optional<TextTemplate> type = template(m.get("type"), path + ".type");
    Optional<TextTemplate> id = template(m.get("id"), path + ".id");
    Optional<TextTemplate> subject = template(m.get("subject"), path + ".subject");
    Optional<TextTemplate> text = template(m.get("text"), path + ".text");
    if (source == null || problems.size() > before) return null;
    try {
      return new HookRules(source, secret, type, id, subject, labels, text, when);
    } catch (IllegalArgumentException e) {
      problems.add(path + ": " + e.getMessage());
      return null;
    }
  }

  private Optional<TextTemplate> template(Object value, String path) {
    if (value == null) return Optional.empty();
    String text = string(value, path, true);
    if (text == null) return Optional.empty();
    try {
      return Optional.of(TextTemplate.parse(text));
    } catch (IllegalArgumentException e) {
      problems.add(path + ": " + e.getMessage());
      return Optional.empty();
    }
  }

  // when: "$.path" (present), or when: {path: "$.path", equals: [a, b]} (or one string).
  private Optional<HookRules.Condition> condition(Object value, String path) {
    String pathText;
    List<String> equals = List.of();
    String where = path;
    if (value instanceof String s) {
      pathText = s;
    } else {
      Map<String, Object> m = object(value, path + " (a path, or {path, equals})");
      if (m == null) return Optional.empty();
      checkFields(m, WHEN_FIELDS, path);
      pathText = string(m.get("path"), path + ".path", true);
      where = path + ".path";
      Object eq = m.get("equals");
      if (eq instanceof String one) {
        equals = List.of(one);
      } else if (eq != null) {
        equals = strings(eq, path + ".equals");
      }
      if (pathText == null) return Optional.empty();
    }
    try {
      return Optional.of(new HookRules.Condition(JsonPath.parse(pathText), equals));
    } catch (IllegalArgumentException e) {
      problems.add(where + ": " + e.getMessage());
      return Optional.empty();
    }
  }

  // A key without a pinned host would have to trust whichever server answers first.
  private void sshPinning(Map<String, String> settings, Map<String, SecretRef> credentials, String path) {
    String fingerprints = settings.getOrDefault("ssh.hostKeyFingerprint", "");
    for (String fingerprint : fingerprints.split("[,\\s]+")) {
      if (!fingerprint.isEmpty() && !fingerprint.matches("SHA256:[A-Za-z0-9+/]{43}=?")) {
        problems.add(path + ".ssh.hostKeyFingerprint: '" + fingerprint + "' is not a SHA-256 fingerprint such as"
            + " ssh-keygen -lf prints (SHA256: and 43 base64 characters)");
      }
    }
    String knownHosts = settings.get("ssh.knownHosts");
    if (knownHosts != null && !knownHosts.startsWith("/")) {
      problems.add(path + ".ssh.knownHosts: '" + knownHosts + "' must be an absolute path to a known_hosts file");
    }
    if (credentials.containsKey("auth.sshKey") && fingerprints.isBlank() && knownHosts == null) {
      problems.add(path + ".auth.sshKey: needs the server's host key pinned: ssh.hostKeyFingerprint (SHA256:...)"
          + " or ssh.knownHosts (a known_hosts file)");
    }
  }

  private Grant grant(Object value, String path) {
    Map<String, Object> m = object(value, path);
    if (m == null) return null;
    checkFields(m, GRANT_FIELDS, path);
    String integration = string(m.get("integration"), path + ".integration", true);
    String permission = string(m.get("permission"), path + ".permission", true);
    List<String> scope = strings(m.get("scope"), path + ".scope");
    if (integration == null || permission == null) return null;
    try {
      return new Grant(integration, permission, scope);
    } catch (IllegalArgumentException e) {
      problems.add(path + ": " + e.getMessage());
      return null;
    }
  }

  private TaskSpec task(Object value, String path) {
    Map<String, Object> m = object(value, path);
    if (m == null) return null;
    checkFields(m, TASK_FIELDS, path);
    String name = string(m.get("name"), path + ".name", true);
    String kind = string(m.get("kind"), path + ".kind", true);
    Map<String, Object> params = m.get("parameters") == null ? Map.of() : object(m.get("parameters"), path + ".parameters");
    boolean enabled = bool(m.get("enabled"), path + ".enabled", true);
    Trigger trigger = m.get("trigger") == null ? null : trigger(m.get("trigger"), path + ".trigger");
    if (name == null || kind == null || params == null) return null;
    try {
      return new TaskSpec(name, kind, params, trigger, enabled);
    } catch (IllegalArgumentException e) {
      problems.add(path + ": " + e.getMessage());
      return null;
    }
  }

  private Trigger trigger(Object value, String path) {
    Map<String, Object> m = object(value, path);
    if (m == null) return null;
    checkFields(m, TRIGGER_FIELDS, path);
    if (m.size() != 1) {
      problems.add(path + ": give exactly one of schedule, event, message");
      return null;
    }
    if (m.containsKey("schedule")) {
      String p = path + ".schedule";
      Map<String, Object> s = object(m.get("schedule"), p);
      if (s == null) return null;
      checkFields(s, SCHEDULE_FIELDS, p);
      String cron = string(s.get("cron"), p + ".cron", true);
      String zoneText = string(s.get("timeZone"), p + ".timeZone", false);
      String catchUp = string(s.get("catchUp"), p + ".catchUp", false);
      CronExpression expression = null;
      ZoneId zone = ZoneId.of("UTC");
      CatchUpPolicy policy = CatchUpPolicy.RUN_ONCE;
      try {
        if (cron != null) expression = CronExpression.parse(cron);
      } catch (IllegalArgumentException e) {
        problems.add(p + ".cron: " + e.getMessage());
      }
      if (zoneText != null && !zoneText.isEmpty()) {
        try {
          zone = ZoneId.of(zoneText);
        } catch (DateTimeException e) {
          problems.add(p + ".timeZone: '" + zoneText + "' is not an IANA time zone (e.g. Europe/Berlin, America/New_York, UTC)");
        }
      }
      try {
        policy = CatchUpPolicy.parse(catchUp);
      } catch (IllegalArgumentException e) {
        problems.add(p + ".catchUp: " + e.getMessage());
      }
      return expression == null ? null : new Trigger.Schedule(expression, zone, policy);
    }
    if (m.containsKey("event")) {
      String p = path + ".event";
      Map<String, Object> e = object(m.get("event"), p);
      if (e == null) return null;
      checkFields(e, EVENT_FIELDS, p);
      Map<String, Object> labelsRaw = e.get("labels") == null ? Map.of() : object(e.get("labels"), p + ".labels");
      Map<String, String> labels = new LinkedHashMap<>();
      if (labelsRaw != null) {
        labelsRaw.forEach((k, v) -> {
          String s = string(v, p + ".labels." + k, true);
          if (s != null) labels.put(k, s);
        });
      }
      return new Trigger.OnEvent(
          string(e.get("source"), p + ".source", false),
          string(e.get("type"), p + ".type", false),
          labels,
          strings(e.get("keywords"), p + ".keywords"));
    }
    String p = path + ".message";
    Map<String, Object> msg = object(m.get("message"), p);
    if (msg == null) return null;
    checkFields(msg, MESSAGE_FIELDS, p);
    return new Trigger.OnMessage(
        string(msg.get("channel"), p + ".channel", false),
        bool(msg.get("mentionOnly"), p + ".mentionOnly", true),
        bool(msg.get("directMessage"), p + ".directMessage", false));
  }

  private void checkFields(Map<String, Object> m, Set<String> allowed, String path) {
    for (String key : m.keySet()) {
      if (!allowed.contains(key)) {
        problems.add(path + ": unknown field '" + key + "' (expected: " + String.join(", ", new TreeSet<>(allowed)) + ")");
      }
    }
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> object(Object value, String path) {
    if (value instanceof Map<?, ?> map) {
      for (Object key : map.keySet()) {
        if (!(key instanceof String)) {
          problems.add(path + ": keys must be strings");
          return null;
        }
      }
      return (Map<String, Object>) map;
    }
    problems.add(path + ": expected an object, got " + describe(value));
    return null;
  }

  @SuppressWarnings("unchecked")
  private List<Object> list(Object value, String path) {
    if (value == null) return List.of();
    if (value instanceof List<?> l) return (List<Object>) l;
    problems.add(path + ": expected a list, got " + describe(value));
    return List.of();
  }

  private List<String> strings(Object value, String path) {
    List<String> out = new ArrayList<>();
    List<Object> items = list(value, path);
    for (int i = 0; i < items.size(); i++) {
      String s = string(items.get(i), path + "[" + i + "]", true);
      if (s != null) out.add(s);
    }
    return out;
  }

  private String string(Object value, String path, boolean required) {
    if (value == null) {
      if (required) problems.add(path + ": required");
      return required ? null : "";
    }
    if (value instanceof String s) return s;
    problems.add(path + ": expected a string, got " + describe(value));
    return null;
  }

  private boolean bool(Object value, String path, boolean fallback) {
    if (value == null) return fallback;
    if (value instanceof Boolean b) return b;
    problems.add(path + ": expected true or false, got " + describe(value));
    return fallback;
  }

  private static String describe(Object value) {
    if (value == null) return "nothing";
    if (value instanceof Map) return "an object";
    if (value instanceof List) return "a list";
    if (value instanceof String s) return "the string '" + s + "'";
    if (value instanceof Boolean) return "a boolean (" + value + ")";
    if (value instanceof Number) return "a number (" + value + ")";
    return value.getClass().getSimpleName();
  }

  /** Writes a whole document; {@link #readDocument} reads it back to equal agents. */
  public static Map<String, Object> writeDocument(List<Agent> agents) {
    return writeDocument(List.of(), agents);
  }

  /**
   * Writes a whole document; {@link #read} reads it back to equal integrations and agents.
   * Credentials are written as their references, never their values.
   */
  public static Map<String, Object> writeDocument(List<IntegrationConfig> integrations, List<Agent> agents) {
    return writeDocument(integrations, List.of(), agents);
  }

  /** Writes a whole document with its hooks; {@link #read} reads it back to equal contents. */
  public static Map<String, Object> writeDocument(List<IntegrationConfig> integrations, List<HookRules> hooks,
      List<Agent> agents) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("apiVersion", API_VERSION);
    if (!integrations.isEmpty()) {
      doc.put("integrations", integrations.stream().map(AgentDocument::writeIntegration).toList());
    }
    if (!hooks.isEmpty()) {
      doc.put("hooks", hooks.stream().map(AgentDocument::writeHook).toList());
    }
    doc.put("agents", agents.stream().map(AgentDocument::writeAgent).toList());
    return doc;
  }

  /** One hook's rules as written in {@code agents.yaml}; the secret as its reference. */
  public static Map<String, Object> writeHook(HookRules rules) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("source", rules.source());
    rules.secret().ifPresent(s -> m.put("secret", s.text()));
    rules.type().ifPresent(t -> m.put("type", t.text()));
    rules.id().ifPresent(t -> m.put("id", t.text()));
    rules.subject().ifPresent(t -> m.put("subject", t.text()));
    if (!rules.labels().isEmpty()) {
      Map<String, Object> labels = new java.util.TreeMap<>();
      rules.labels().forEach((k, v) -> labels.put(k, v.text()));
      m.put("labels", labels);
    }
    rules.text().ifPresent(t -> m.put("text", t.text()));
    rules.when().ifPresent(w -> m.put("when", w.equals().isEmpty() ? w.path().text()
        : Map.of("path", w.path().text(), "equals", w.equals())));
    return m;
  }

  /** One integration, its dotted fields nested back into objects; credentials as references. */
  public static Map<String, Object> writeIntegration(IntegrationConfig integration) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", integration.name());
    m.put("type", integration.type().text());
    if (!integration.agents().isEmpty()) {
      m.put("agents", integration.agents());
    }
    integration.settings().forEach((path, value) -> putNested(m, path, value));
    integration.credentials().forEach((path, ref) -> putNested(m, path, ref.text()));
    return m;
  }

  @SuppressWarnings("unchecked")
  private static void putNested(Map<String, Object> m, String path, String value) {
    String[] parts = path.split("\\.");
    Map<String, Object> at = m;
    for (int i = 0; i < parts.length - 1; i++) {
      at = (Map<String, Object>) at.computeIfAbsent(parts[i], k -> new LinkedHashMap<String, Object>());
    }
    at.put(parts[parts.length - 1], value);
  }

  public static Map<String, Object> writeAgent(Agent agent) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", agent.id().value());
    m.put("purpose", agent.purpose());
    m.put("owner", agent.owner());
    m.put("channels", agent.channels());
    m.put("grants", agent.grants().stream().map(g -> {
      Map<String, Object> gm = new LinkedHashMap<>();
      gm.put("integration", g.integration());
      gm.put("permission", g.permission());
      gm.put("scope", g.scope());
      return gm;
    }).toList());
    m.put("skills", agent.skills());
    m.put("memory", agent.memory());
    m.put("paused", agent.paused());
    m.put("tasks", agent.tasks().stream().map(AgentDocument::writeTask).toList());
    return m;
  }

  public static Map<String, Object> writeTask(TaskSpec t) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", t.name());
    m.put("kind", t.kind());
    m.put("enabled", t.enabled());
    m.put("parameters", t.parameters());
    if (t.trigger() != null) {
      m.put("trigger", writeTrigger(t.trigger()));
    }
    return m;
  }

  public static Map<String, Object> writeTrigger(Trigger trigger) {
    Map<String, Object> inner = new LinkedHashMap<>();
    String key = switch (trigger) {
      case Trigger.Schedule s -> {
        inner.put("cron", s.cron().toString());
        inner.put("timeZone", s.zone().getId());
        inner.put("catchUp", s.catchUp().text());
        yield "schedule";
      }
      case Trigger.OnEvent e -> {
        if (!e.source().isEmpty()) inner.put("source", e.source());
        if (!e.type().isEmpty()) inner.put("type", e.type());
        if (!e.labels().isEmpty()) inner.put("labels", new java.util.TreeMap<>(e.labels()));
        if (!e.keywords().isEmpty()) inner.put("keywords", e.keywords());
        yield "event";
      }
      case Trigger.OnMessage msg -> {
        inner.put("channel", msg.channel());
        inner.put("mentionOnly", msg.mentionOnly());
        inner.put("directMessage", msg.directMessage());
        yield "message";
      }
    };
    return Map.of(key, inner);
  }
}
