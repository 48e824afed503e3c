package dev.vigil.integrations.kubernetes;

import dev.vigil.core.integration.IntegrationFailure;
import dev.vigil.core.cluster.ClusterEvent;
import dev.vigil.core.cluster.ClusterService;
import dev.vigil.core.cluster.Condition;
import dev.vigil.core.cluster.ContainerState;
import dev.vigil.core.cluster.Pod;
import dev.vigil.core.cluster.ReplicaSet;
import dev.vigil.core.cluster.Workload;
import dev.vigil.core.port.ClusterReader;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ListOptions;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeoutException;

/**
 * Reads one cluster through a fabric8 {@link KubernetesClient} and translates what it gets into
 * core's cluster records. Lists ask the API server for at most the result limit and are cut there
 * too, since not every server honours {@code limit}. Thread-safe (the fabric8 client is).
 */
public final class Fabric8ClusterReader implements ClusterReader, AutoCloseable {
  static final String REVISION = "deployment.kubernetes.io/revision";

  private final String integration;
  private final KubernetesClient client;
  private final int resultLimit;

  public Fabric8ClusterReader(String integration, KubernetesClient client, int resultLimit) {
    if (integration == null || integration.isBlank() || client == null || resultLimit < 1) {
      throw new IllegalArgumentException("an integration name, a client and a positive result limit are required");
    }
    this.integration = integration;
    this.client = client;
    this.resultLimit = resultLimit;
  }

  /** A reader on a client of its own, built from {@code config} alone (no kubeconfig, no environment). */
  public static Fabric8ClusterReader create(String integration, KubernetesConfig config) {
    return new Fabric8ClusterReader(integration, new KubernetesClientBuilder().withConfig(clientConfig(config)).build(),
        config.resultLimit());
  }

  static Config clientConfig(KubernetesConfig config) {
    int millis = (int) Math.min(Integer.MAX_VALUE, config.timeout().toMillis());
    // Config.empty() so nothing is read from ~/.kube/config, the service account mount or system
    // properties: the integration says everything. No client retries: the engine retries the step
    // with backoff, and two retry loops would multiply the time a step can hang.
    ConfigBuilder builder = new ConfigBuilder(Config.empty())
        .withAutoConfigure(false)
        .withMasterUrl(config.apiServer().toString())
        .withConnectionTimeout(millis)
        .withRequestTimeout(millis)
        .withRequestRetryBackoffLimit(0)
        .withTrustCerts(config.insecure())
        .withDisableHostnameVerification(config.insecure());
    config.bearerToken().ifPresent(token -> builder.withOauthToken(token.reveal()));
    config.caFile().ifPresent(file -> builder.withCaCertFile(file.toString()));
    return builder.build();
  }

  @Override
  public String integration() {
    return integration;
  }

  @Override
  public List<Workload> workloads(String namespace) throws IntegrationFailure {
    return read("list deployments in " + namespace, () -> cap(client.apps().deployments().inNamespace(namespace)
        .list(listOptions()).getItems().stream().map(Fabric8ClusterReader::workload).toList()));
  }

  @Override
  public Workload workload(String namespace, String name) throws IntegrationFailure {
    Deployment found = read("get deployment " + namespace + "/" + name,
        () -> client.apps().deployments().inNamespace(namespace).withName(name).get());
    if (found == null) {
      throw new IntegrationFailure(IntegrationFailure.Kind.NOT_FOUND, "no deployment " + namespace + "/" + name + " in '" + integration + "'");
    }
    return workload(found);
  }

  @Override
  public List<ClusterService> services(String namespace) throws IntegrationFailure {
    return read("list services in " + namespace, () -> cap(client.services().inNamespace(namespace)
        .list(listOptions()).getItems().stream().map(Fabric8ClusterReader::service).toList()));
  }

  @Override
  public List<ReplicaSet> replicaSets(String namespace, String deployment) throws IntegrationFailure {
    return read("list replica sets in " + namespace, () -> cap(client.apps().replicaSets().inNamespace(namespace)
        .list(listOptions()).getItems().stream()
        .map(Fabric8ClusterReader::replicaSet)
        .filter(rs -> deployment == null || rs.owner().equals(Optional.of(deployment)))
        .toList()));
  }

  @Override
  public List<Pod> pods(String namespace, Map<String, String> labelSelector) throws IntegrationFailure {
    Map<String, String> selector = labelSelector == null ? Map.of() : labelSelector;
    return read("list pods in " + namespace, () -> cap(client.pods().inNamespace(namespace).withLabels(selector)
        .list(listOptions()).getItems().stream().map(Fabric8ClusterReader::pod).toList()));
  }

  @Override
  public List<ClusterEvent> events(String namespace, String involvedName) throws IntegrationFailure {
    // Filtered here rather than by field selector: not every API server (nor the mock) supports
    // involvedObject.name, and the newest events are the ones worth keeping under the limit.
    List<ClusterEvent> events = read("list events in " + namespace, () -> client.v1().events().inNamespace(namespace)
        .list().getItems().stream()
        .map(Fabric8ClusterReader::event)
        .filter(e -> involvedName == null || e.involvedName().equals(involvedName))
        .sorted(Comparator.comparing((ClusterEvent e) -> e.lastSeen().orElse(Instant.EPOCH)))
        .toList());
    return events.size() <= resultLimit ? events : events.subList(events.size() - resultLimit, events.size());
  }

  @Override
  public void close() {
    client.close();
  }

  private ListOptions listOptions() {
    return new ListOptionsBuilder().withLimit((long) resultLimit).build();
  }

  private <T> List<T> cap(List<T> items) {
    return items.size() <= resultLimit ? items : List.copyOf(items.subList(0, resultLimit));
  }

  @FunctionalInterface
  private interface Call<T> {
    T run();
  }

  private <T> T read(String what, Call<T> call) throws IntegrationFailure {
    try {
      return call.run();
    } catch (KubernetesClientException e) {
      throw failure(what, e);
    }
  }

  /** Translates a client failure into what the caller can do about it; keeps the cause. */
  private IntegrationFailure failure(String what, KubernetesClientException e) {
    int code = e.getCode();
    String reason = e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage()
        : String.valueOf(e.getMessage());
    String prefix = what + " through '" + integration + "': ";
    if (code == 401) {
      return new IntegrationFailure(IntegrationFailure.Kind.DENIED, prefix + "the API server did not accept the credentials (401): "
          + reason, e);
    }
    if (code == 403) {
      return new IntegrationFailure(IntegrationFailure.Kind.DENIED, prefix + "forbidden by the cluster's RBAC (403): " + reason, e);
    }
    if (code == 404) {
      return new IntegrationFailure(IntegrationFailure.Kind.NOT_FOUND, prefix + "not found (404): " + reason, e);
    }
    if (code >= 500 || code == 429 || code == 0 || causedBy(e, IOException.class) || causedBy(e, TimeoutException.class)) {
      return new IntegrationFailure(IntegrationFailure.Kind.UNAVAILABLE, prefix + "API server unavailable"
          + (code > 0 ? " (" + code + ")" : "") + ": " + rootMessage(e), e);
    }
    return new IntegrationFailure(IntegrationFailure.Kind.INVALID, prefix + "refused (" + code + "): " + reason, e);
  }

  private static boolean causedBy(Throwable t, Class<? extends Throwable> type) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (type.isInstance(c)) {
        return true;
      }
    }
    return false;
  }

  private static String rootMessage(Throwable t) {
    Throwable root = t;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
  }

  static Workload workload(Deployment d) {
    var spec = d.getSpec();
    var status = d.getStatus();
    int desired = spec != null && spec.getReplicas() != null ? spec.getReplicas() : 1;
    List<Condition> conditions = status == null || status.getConditions() == null ? List.of()
        : status.getConditions().stream().map(Fabric8ClusterReader::condition).toList();
    return new Workload(d.getMetadata().getNamespace(), d.getMetadata().getName(), desired,
        count(status == null ? null : status.getReplicas()),
        count(status == null ? null : status.getUpdatedReplicas()),
        count(status == null ? null : status.getReadyReplicas()),
        count(status == null ? null : status.getAvailableReplicas()),
        images(spec == null ? null : spec.getTemplate()),
        d.getMetadata().getGeneration() == null ? 0 : d.getMetadata().getGeneration(),
        status == null || status.getObservedGeneration() == null ? 0 : status.getObservedGeneration(),
        conditions, annotation(d, REVISION), d.getMetadata().getLabels(), d.getMetadata().getAnnotations(),
        spec == null || spec.getTemplate() == null || spec.getTemplate().getMetadata() == null ? null
            : spec.getTemplate().getMetadata().getLabels());
  }

  static ClusterService service(io.fabric8.kubernetes.api.model.Service s) {
    return new ClusterService(s.getMetadata().getNamespace(), s.getMetadata().getName(),
        s.getSpec() == null ? null : s.getSpec().getSelector(), s.getMetadata().getLabels(),
        s.getMetadata().getAnnotations());
  }

  private static Condition condition(DeploymentCondition c) {
    return new Condition(c.getType(), c.getStatus(), c.getReason(), c.getMessage(), instant(c.getLastTransitionTime()));
  }

  static ReplicaSet replicaSet(io.fabric8.kubernetes.api.model.apps.ReplicaSet rs) {
    var spec = rs.getSpec();
    var status = rs.getStatus();
    return new ReplicaSet(rs.getMetadata().getNamespace(), rs.getMetadata().getName(), owner(rs, "Deployment"),
        annotation(rs, REVISION), spec == null || spec.getReplicas() == null ? 1 : spec.getReplicas(),
        count(status == null ? null : status.getReadyReplicas()),
        count(status == null ? null : status.getAvailableReplicas()),
        images(spec == null ? null : spec.getTemplate()));
  }

  static Pod pod(io.fabric8.kubernetes.api.model.Pod p) {
    var status = p.getStatus();
    List<ContainerState> containers = status == null || status.getContainerStatuses() == null ? List.of()
        : status.getContainerStatuses().stream().map(Fabric8ClusterReader::container).toList();
    return new Pod(p.getMetadata().getNamespace(), p.getMetadata().getName(), status == null ? null : status.getPhase(),
        Optional.ofNullable(p.getSpec() == null ? null : p.getSpec().getNodeName()).filter(n -> !n.isBlank()),
        p.getMetadata().getLabels(), owner(p, null), containers);
  }

  private static ContainerState container(ContainerStatus c) {
    String state = "unknown";
    String reason = "";
    var now = c.getState();
    if (now != null && now.getRunning() != null) {
      state = "running";
    } else if (now != null && now.getWaiting() != null) {
      state = "waiting";
      reason = now.getWaiting().getReason();
    } else if (now != null && now.getTerminated() != null) {
      state = "terminated";
      reason = now.getTerminated().getReason();
    }
    var last = c.getLastState() == null ? null : c.getLastState().getTerminated();
    return new ContainerState(c.getName(), c.getImage(), Boolean.TRUE.equals(c.getReady()), count(c.getRestartCount()),
        state, reason, Optional.ofNullable(last == null ? null : last.getReason()),
        Optional.ofNullable(last == null ? null : last.getExitCode()));
  }

  static ClusterEvent event(Event e) {
    var involved = e.getInvolvedObject();
    // lastTimestamp is what kubectl shows; events written by the newer events API carry only
    // eventTime (a micro time), and a few only their creation time.
    Optional<Instant> lastSeen = instant(e.getLastTimestamp())
        .or(() -> instant(e.getEventTime() == null ? null : e.getEventTime().getTime()))
        .or(() -> instant(e.getMetadata().getCreationTimestamp()));
    return new ClusterEvent(e.getMetadata().getNamespace(), e.getType(), e.getReason(), e.getMessage(),
        involved == null ? null : involved.getKind(), involved == null ? null : involved.getName(),
        e.getCount() == null ? 1 : e.getCount(), lastSeen);
  }

  private static List<String> images(PodTemplateSpec template) {
    if (template == null || template.getSpec() == null || template.getSpec().getContainers() == null) {
      return List.of();
    }
    return template.getSpec().getContainers().stream().map(c -> c.getImage() == null ? "" : c.getImage()).toList();
  }

  private static Optional<String> owner(HasMetadata object, String kind) {
    List<OwnerReference> owners = object.getMetadata().getOwnerReferences();
    if (owners == null) {
      return Optional.empty();
    }
    return owners.stream().filter(o -> kind == null || kind.equals(o.getKind())).map(OwnerReference::getName)
        .findFirst();
  }

  private static Optional<String> annotation(HasMetadata object, String key) {
    Map<String, String> annotations = object.getMetadata().getAnnotations();
    return Optional.ofNullable(annotations == null ? null : annotations.get(key));
  }

  private static int count(Integer value) {
    return value == null ? 0 : Math.max(0, value);
  }

  private static Optional<Instant> instant(String text) {
    if (text == null || text.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Instant.parse(text));
    } catch (DateTimeParseException unparseable) {
      // An odd timestamp must not lose the whole event; it is shown without a time.
      return Optional.empty();
    }
  }
}
