package dev.vigil.integrations;

import dev.vigil.core.agent.Grant;
import dev.vigil.core.integration.IntegrationConfig;
import dev.vigil.core.integration.IntegrationType;
import dev.vigil.core.integration.SecretResolver;
import dev.vigil.core.integration.SecretRef;
import dev.vigil.core.port.AlertSource;
import dev.vigil.core.port.ClusterReader;
import dev.vigil.core.port.Pager;
import dev.vigil.core.port.StatusPublisher;
import dev.vigil.integrations.alertmanager.AlertmanagerAlertSource;
import dev.vigil.integrations.alertmanager.AlertmanagerClient;
import dev.vigil.integrations.alertmanager.AlertmanagerConfig;
import dev.vigil.integrations.alertmanager.ScopedAlertSource;
import dev.vigil.integrations.github.GitHubStatusPublisher;
import dev.vigil.integrations.pagerduty.PagerDutyConfig;
import dev.vigil.integrations.pagerduty.PagerDutyPager;
import dev.vigil.core.port.ChangeSource;
import dev.vigil.core.port.IntegrationConnections;
import dev.vigil.core.port.IntegrationStore;
import dev.vigil.core.port.MetricSource;
import dev.vigil.integrations.kubernetes.Fabric8ClusterReader;
import dev.vigil.integrations.kubernetes.KubernetesConfig;
import dev.vigil.integrations.kubernetes.NamespaceScope;
import dev.vigil.integrations.kubernetes.ScopedClusterReader;
import dev.vigil.integrations.git.GitChangeSource;
import dev.vigil.integrations.git.GitRemote;
import dev.vigil.integrations.github.GitHubApiConfig;
import dev.vigil.integrations.github.GitHubChangeSource;
import dev.vigil.integrations.github.GitHubRestClient;
import dev.vigil.integrations.prometheus.PrometheusClient;
import dev.vigil.integrations.prometheus.PrometheusConfig;
import dev.vigil.integrations.prometheus.PrometheusMetricSource;
import dev.vigil.integrations.promql.LabelScope;
import dev.vigil.integrations.promql.ScopedMetricSource;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * Opens clients on the integrations in an {@link IntegrationStore}, resolving their credentials at
 * each opening. It lives above the per-integration packages because it is the one place that
 * combines two of them (the Prometheus client and the PromQL scope). Thread-safe.
 */
public final class ConfiguredIntegrations implements IntegrationConnections {
  private final IntegrationStore store;
  private final SecretResolver secrets;
  /** One client per integration; replaced when its configuration or its resolved credentials change. */
  private final Map<String, OpenClient> clients = new ConcurrentHashMap<>();

  private record OpenClient(IntegrationConfig config, String credentialDigest, PrometheusClient client) {}

  /** One GitHub REST client per github integration, replaced like the clients above. */
  private final Map<String, OpenGitHub> gitHubClients = new ConcurrentHashMap<>();

  private record OpenGitHub(IntegrationConfig config, String credentialDigest, GitHubRestClient client) {}

  /** One Alertmanager client per alertmanager integration, replaced like the clients above. */
  private final Map<String, OpenAlertmanager> alertClients = new ConcurrentHashMap<>();

  private record OpenAlertmanager(IntegrationConfig config, String credentialDigest, AlertmanagerClient client) {}

  /** One cluster reader per kubernetes integration, replaced (and the old one closed) like the clients above. */
  private final Map<String, OpenCluster> clusters = new ConcurrentHashMap<>();

  private record OpenCluster(IntegrationConfig config, String credentialDigest, Fabric8ClusterReader reader) {}

  public ConfiguredIntegrations(IntegrationStore store, SecretResolver secrets) {
    if (store == null || secrets == null) {
      throw new IllegalArgumentException("an integration store and a secret resolver are required");
    }
    this.store = store;
    this.secrets = secrets;
  }

  @Override
  public Optional<IntegrationConfig> find(String name) {
    return store.find(name);
  }

  @Override
  public MetricSource metrics(IntegrationConfig integration, List<Grant> grants, UnaryOperator<MetricSource> outbound) {
    if (integration.type() != IntegrationType.PROMETHEUS) {
      throw new IllegalArgumentException("'" + integration.name() + "' is a " + integration.type().text()
          + " integration; metrics are read through prometheus integrations");
    }
    LabelScope scope = LabelScope.forIntegration(grants, integration.name()).orElseThrow(() ->
        new IllegalArgumentException("no metrics:read grant names '" + integration.name() + "'"));
    PrometheusConfig config = prometheusConfig(integration, secrets);
    String digest = config.authentication().map(a -> sha256(a.header())).orElse("");
    OpenClient open = clients.compute(integration.name(), (name, existing) ->
        existing != null && existing.config().equals(integration) && existing.credentialDigest().equals(digest)
            ? existing : new OpenClient(integration, digest, PrometheusClient.create(config)));
    MetricSource store = new PrometheusMetricSource(integration.name(), open.client());
    return new ScopedMetricSource(outbound.apply(store), scope);
  }

  @Override
  public ClusterReader cluster(IntegrationConfig integration, List<Grant> grants, UnaryOperator<ClusterReader> outbound) {
    if (integration.type() != IntegrationType.KUBERNETES) {
      throw new IllegalArgumentException("'" + integration.name() + "' is a " + integration.type().text()
          + " integration; clusters are read through kubernetes integrations");
    }
    NamespaceScope scope = NamespaceScope.forIntegration(grants, integration.name()).orElseThrow(() ->
        new IllegalArgumentException("no k8s:read grant names '" + integration.name() + "'"));
    KubernetesConfig config = KubernetesConfig.from(integration, secrets);
    String digest = config.bearerToken().map(t -> sha256(t.reveal())).orElse("");
    OpenCluster open = clusters.compute(integration.name(), (name, existing) -> {
      if (existing != null && existing.config().equals(integration) && existing.credentialDigest().equals(digest)) {
        return existing;
      }
      if (existing != null) {
        existing.reader().close();
      }
      return new OpenCluster(integration, digest, Fabric8ClusterReader.create(name, config));
    });
    return new ScopedClusterReader(outbound.apply(open.reader()), scope.within(config.namespaces()));
  }

  /**
   * The alerts:read scope is label matchers, parsed by the PromQL parser: the reason this lives
   * here, beside the metric scope, rather than in the alertmanager package.
   */
  @Override
  public AlertSource alerts(IntegrationConfig integration, List<Grant> grants, UnaryOperator<AlertSource> outbound) {
    if (integration.type() != IntegrationType.ALERTMANAGER) {
      throw new IllegalArgumentException("'" + integration.name() + "' is a " + integration.type().text()
          + " integration; alerts are read through alertmanager integrations");
    }
    LabelScope scope = LabelScope.forIntegration(grants, integration.name(), ALERTS_READ).orElseThrow(() ->
        new IllegalArgumentException("no " + ALERTS_READ + " grant names '" + integration.name() + "'"));
    boolean maySilence = grants.stream()
        .anyMatch(g -> g.integration().equals(integration.name()) && g.permission().equals(ALERTS_SILENCE));
    AlertmanagerConfig config = alertmanagerConfig(integration, secrets);
    String digest = config.authorization().map(a -> sha256(a.reveal())).orElse("");
    AlertmanagerClient client = alertClients.compute(integration.name(), (name, existing) ->
        existing != null && existing.config().equals(integration) && existing.credentialDigest().equals(digest)
            ? existing : new OpenAlertmanager(integration, digest, AlertmanagerClient.create(config))).client();
    AlertSource manager = new AlertmanagerAlertSource(integration.name(), client);
    return new ScopedAlertSource(outbound.apply(manager), scope.matchers(), maySilence);
  }

  private static final String ALERTS_READ = "alerts:read";
  private static final String ALERTS_SILENCE = "alerts:silence";

  /** The API client configuration of an alertmanager integration, its credentials resolved now. */
  public static AlertmanagerConfig alertmanagerConfig(IntegrationConfig integration, SecretResolver secrets) {
    AlertmanagerConfig config = AlertmanagerConfig.of(integration.url().orElseThrow(() ->
        new IllegalArgumentException("alertmanager integration '" + integration.name() + "' has no url")));
    if (integration.setting("tenant").isPresent()) {
      config = config.withTenant(integration.setting("tenant").get());
    }
    if (integration.timeout().isPresent()) {
      config = config.withTimeout(integration.timeout().get());
    }
    if (integration.credential("auth.bearerToken").isPresent()) {
      config = config.withAuthorization(AlertmanagerConfig.bearer(
          secrets.resolve(integration.credential("auth.bearerToken").get())));
    } else if (integration.credential("auth.basic.password").isPresent()) {
      config = config.withAuthorization(AlertmanagerConfig.basic(
          integration.setting("auth.basic.username").orElseThrow(),
          secrets.resolve(integration.credential("auth.basic.password").get())));
    }
    return config;
  }

  /** A pager is cheap (an HTTP client and the routing key), so one is made per opening. */
  @Override
  public Pager pager(IntegrationConfig integration) {
    if (integration.type() != IntegrationType.PAGERDUTY) {
      throw new IllegalArgumentException("'" + integration.name() + "' is a " + integration.type().text()
          + " integration; pages go through pagerduty integrations");
    }
    SecretRef key = integration.credential("routingKey").orElseThrow(() -> new IllegalArgumentException(
        "pagerduty integration '" + integration.name() + "' has no routingKey (the Events API v2 integration key)"));
    PagerDutyConfig config = PagerDutyConfig.of(integration.url().orElse(PagerDutyConfig.PAGERDUTY_COM),
        secrets.resolve(key));
    if (integration.timeout().isPresent()) {
      config = config.withTimeout(integration.timeout().get());
    }
    return PagerDutyPager.create(integration.name(), config);
  }

  @Override
  public StatusPublisher statuses(IntegrationConfig integration) {
    if (integration.type() != IntegrationType.GITHUB) {
      throw new IllegalArgumentException("'" + integration.name() + "' is a " + integration.type().text()
          + " integration; statuses are written through github integrations");
    }
    return new GitHubStatusPublisher(integration.name(), gitHubClient(integration));
  }

  /**
   * Git sources are made per call: the clone on disk is their only state, and reads of it are
   * serialised by {@code GitChangeSource} itself. GitHub clients are kept per integration.
   */
  @Override
  public ChangeSource changes(IntegrationConfig integration, Path workspace) {
    return switch (integration.type()) {
      case GIT -> new GitChangeSource(integration.name(), gitRemote(integration, secrets), workspace);
      case GITHUB -> new GitHubChangeSource(integration.name(), gitHubClient(integration));
      default -> throw new IllegalArgumentException("'" + integration.name() + "' is a "
          + integration.type().text() + " integration; changes are read through git or github integrations");
    };
  }

  private GitHubRestClient gitHubClient(IntegrationConfig integration) {
    GitHubApiConfig config = gitHubConfig(integration, secrets);
    String digest = config.token().map(t -> sha256(t.reveal())).orElse("");
    return gitHubClients.compute(integration.name(), (name, existing) ->
        existing != null && existing.config().equals(integration) && existing.credentialDigest().equals(digest)
            ? existing : new OpenGitHub(integration, digest, GitHubRestClient.create(config))).client();
  }

  /** The remote of a git integration, its credentials resolved now. */
  public static GitRemote gitRemote(IntegrationConfig integration, SecretResolver secrets) {
    String url = integration.setting("url").orElseThrow(() ->
        new IllegalArgumentException("git integration '" + integration.name() + "' has no url"));
    GitRemote remote = GitRemote.of(url);
    if (integration.timeout().isPresent()) {
      remote = remote.withTimeout(integration.timeout().get());
    }
    if (integration.credential("auth.basic.password").isPresent()) {
      remote = remote.withCredentials(new GitRemote.Credentials(
          integration.setting("auth.basic.username").orElseThrow(),
          secrets.resolve(integration.credential("auth.basic.password").get())));
    } else if (integration.credential("auth.bearerToken").isPresent()) {
      // Git over https takes tokens as a password; GitHub, GitLab and Gitea ignore the user name.
      remote = remote.withCredentials(new GitRemote.Credentials("x-access-token",
          secrets.resolve(integration.credential("auth.bearerToken").get())));
    }
    if (integration.credential("auth.sshKey").isPresent()) {
      remote = remote.withSsh(new GitRemote.SshAccess(
          secrets.resolve(integration.credential("auth.sshKey").get()),
          integration.credential("auth.sshKeyPassphrase").map(secrets::resolve),
          integration.setting("ssh.hostKeyFingerprint").stream()
              .flatMap(list -> java.util.Arrays.stream(list.split("[,\\s]+"))).filter(f -> !f.isBlank()).toList(),
          integration.setting("ssh.knownHosts").map(java.nio.file.Path::of)));
    }
    return remote;
  }

  /** The REST client configuration of a github integration, its token resolved now. */
  public static GitHubApiConfig gitHubConfig(IntegrationConfig integration, SecretResolver secrets) {
    GitHubApiConfig config = GitHubApiConfig.of(integration.url().orElse(GitHubApiConfig.GITHUB_COM));
    if (integration.timeout().isPresent()) {
      config = config.withTimeout(integration.timeout().get());
    }
    if (integration.credential("token").isPresent()) {
      config = config.withToken(secrets.resolve(integration.credential("token").get()));
    }
    return config;
  }

  /**
   * The client configuration of a prometheus integration, its credentials resolved now.
   *
   * @throws SecretResolver.UnresolvedSecretException when a credential yields no value
   */
  public static PrometheusConfig prometheusConfig(IntegrationConfig integration, SecretResolver secrets) {
    PrometheusConfig config = PrometheusConfig.of(integration.url().orElseThrow(() ->
        new IllegalArgumentException("prometheus integration '" + integration.name() + "' has no url")));
    if (integration.setting("tenant").isPresent()) {
      config = config.withTenant(integration.setting("tenant").get());
    }
    if (integration.timeout().isPresent()) {
      config = config.withTimeout(integration.timeout().get());
    }
    if (integration.credential("auth.bearerToken").isPresent()) {
      config = config.withAuthentication(new PrometheusConfig.Authentication.Bearer(
          secrets.resolve(integration.credential("auth.bearerToken").get())));
    } else if (integration.credential("auth.basic.password").isPresent()) {
      config = config.withAuthentication(new PrometheusConfig.Authentication.Basic(
          integration.setting("auth.basic.username").orElseThrow(),
          secrets.resolve(integration.credential("auth.basic.password").get())));
    }
    return config;
  }

  // Only a digest of the credentials is kept beside the client, to notice a rotation.
  private static String sha256(String text) {
    try {
      return java.util.HexFormat.of().formatHex(
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
