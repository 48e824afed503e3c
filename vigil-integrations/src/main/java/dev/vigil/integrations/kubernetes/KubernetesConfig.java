package dev.vigil.integrations.kubernetes;

import dev.vigil.core.integration.IntegrationConfig;
import dev.vigil.core.integration.IntegrationType;
import dev.vigil.core.integration.SecretResolver;
import dev.vigil.core.security.Secret;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * How to reach one API server.
 *
 * @param apiServer the API server's base URL, {@code http(s)} and absolute
 * @param bearerToken a service account token, if the server asks for one
 * @param caFile a PEM file with the CA that signed the server's certificate; the JDK's trust store
 *     when absent
 * @param insecure trust any server certificate; for test clusters only, never with a caFile
 * @param namespaces the namespaces this integration may ever read (a ceiling over every agent's
 *     grants); empty: no ceiling
 * @param timeout for connecting and for each request
 * @param resultLimit the most items a list call returns (1 or more)
 */
public record KubernetesConfig(
    URI apiServer,
    Optional<Secret> bearerToken,
    Optional<Path> caFile,
    boolean insecure,
    List<String> namespaces,
    Duration timeout,
    int resultLimit) {

  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
  public static final int DEFAULT_RESULT_LIMIT = 500;

  public KubernetesConfig {
    if (apiServer == null || !apiServer.isAbsolute()
        || !("http".equals(apiServer.getScheme()) || "https".equals(apiServer.getScheme()))) {
      throw new IllegalArgumentException("kubernetes api server must be an absolute http(s) URL, got " + apiServer);
    }
    bearerToken = bearerToken == null ? Optional.empty() : bearerToken;
    caFile = caFile == null ? Optional.empty() : caFile;
    if (insecure && caFile.isPresent()) {
      throw new IllegalArgumentException("kubernetes: give a caFile or insecure, not both");
    }
    namespaces = namespaces == null ? List.of() : List.copyOf(namespaces);
    for (String namespace : namespaces) {
      NamespaceScope.requireNamespace(namespace);
    }
    if (timeout == null || timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("kubernetes timeout must be positive, got " + timeout);
    }
    if (resultLimit < 1) {
      throw new IllegalArgumentException("kubernetes result limit must be at least 1, got " + resultLimit);
    }
  }

  /**
   * The configuration of a kubernetes integration, its token resolved now. Its {@code namespace}
   * setting is the ceiling: one namespace or several separated by commas.
   *
   * @throws dev.vigil.core.integration.SecretResolver.UnresolvedSecretException when the token yields no value
   */
  public static KubernetesConfig from(IntegrationConfig integration, SecretResolver secrets) {
    if (integration.type() != IntegrationType.KUBERNETES) {
      throw new IllegalArgumentException("'" + integration.name() + "' is a " + integration.type().text()
          + " integration, not kubernetes");
    }
    KubernetesConfig config = of(integration.url().orElseThrow(() ->
        new IllegalArgumentException("kubernetes integration '" + integration.name() + "' has no url")));
    if (integration.setting("namespace").isPresent()) {
      config = config.withNamespaces(java.util.Arrays.stream(integration.setting("namespace").get().split(","))
          .map(String::trim).filter(n -> !n.isEmpty()).toList());
    }
    if (integration.setting("caFile").isPresent()) {
      config = config.withCaFile(Path.of(integration.setting("caFile").get()));
    }
    if (integration.timeout().isPresent()) {
      config = config.withTimeout(integration.timeout().get());
    }
    if (integration.credential("auth.bearerToken").isPresent()) {
      config = config.withBearerToken(secrets.resolve(integration.credential("auth.bearerToken").get()));
    }
    return config;
  }

  /** The server at {@code apiServer}, without credentials, with the default timeout and limit. */
  public static KubernetesConfig of(URI apiServer) {
    return new KubernetesConfig(apiServer, Optional.empty(), Optional.empty(), false, List.of(), DEFAULT_TIMEOUT,
        DEFAULT_RESULT_LIMIT);
  }

  public KubernetesConfig withBearerToken(Secret token) {
    return new KubernetesConfig(apiServer, Optional.of(token), caFile, insecure, namespaces, timeout, resultLimit);
  }

  public KubernetesConfig withCaFile(Path file) {
    return new KubernetesConfig(apiServer, bearerToken, Optional.of(file), insecure, namespaces, timeout, resultLimit);
  }

  public KubernetesConfig withInsecure(boolean trustAny) {
    return new KubernetesConfig(apiServer, bearerToken, caFile, trustAny, namespaces, timeout, resultLimit);
  }

  public KubernetesConfig withNamespaces(List<String> ceiling) {
    return new KubernetesConfig(apiServer, bearerToken, caFile, insecure, ceiling, timeout, resultLimit);
  }

  public KubernetesConfig withTimeout(Duration perCall) {
    return new KubernetesConfig(apiServer, bearerToken, caFile, insecure, namespaces, perCall, resultLimit);
  }

  public KubernetesConfig withResultLimit(int items) {
    return new KubernetesConfig(apiServer, bearerToken, caFile, insecure, namespaces, timeout, items);
  }

  @Override
  public String toString() {
    // The token is a Secret and prints as ***; spelled out so no future field leaks by default.
    return "KubernetesConfig[apiServer=" + apiServer + ", bearerToken=" + (bearerToken.isPresent() ? "***" : "none")
        + ", caFile=" + caFile.map(Path::toString).orElse("none") + ", insecure=" + insecure + ", namespaces="
        + namespaces + ", timeout=" + timeout + ", resultLimit=" + resultLimit + "]";
  }
}
