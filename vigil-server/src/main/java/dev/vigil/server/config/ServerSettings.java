package dev.vigil.server.config;

import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import org.springframework.core.env.Environment;

/**
 * Vigil's settings, from the environment (see the README's configuration reference).
 *
 * @param dataDir embedded database, workspaces and the generated admin token
 * @param dbUrl PostgreSQL JDBC URL; empty for the embedded database
 * @param adminToken the admin token to install; empty to generate one on first start
 * @param configDir agents.yaml files applied at startup; empty for none
 * @param chatWebhookUrl where agents' chat posts go; empty for the built-in chat
 * @param hookSecret shared secret for /hooks/* HMAC signatures; empty to require a bearer token
 * @param maxBodyBytes request bodies larger than this are refused with 413
 * @param databaseConnections pooled connections, shared by the API, the engine's workers and the
 *     scheduler (too few and webhooks wait for a connection behind busy workers)
 */
public record ServerSettings(
    Path dataDir,
    String dbUrl,
    String dbUser,
    String dbPassword,
    String adminToken,
    Optional<Path> configDir,
    Optional<URI> chatWebhookUrl,
    String hookSecret,
    long maxBodyBytes,
    boolean demo,
    String nodeName,
    int engineThreads,
    int databaseConnections) {

  public static ServerSettings from(Environment env) {
    String data = env.getProperty("VIGIL_DATA_DIR", "./data");
    String config = env.getProperty("VIGIL_CONFIG_DIR", "");
    String chat = env.getProperty("VIGIL_CHAT_WEBHOOK_URL", "");
    long maxBody = parseSize(env.getProperty("VIGIL_MAX_BODY", "1MiB"));
    String node = env.getProperty("VIGIL_NODE_NAME", defaultNodeName());
    return new ServerSettings(
        Path.of(data).toAbsolutePath().normalize(),
        env.getProperty("VIGIL_DB_URL", ""),
        env.getProperty("VIGIL_DB_USER", ""),
        env.getProperty("VIGIL_DB_PASSWORD", ""),
        env.getProperty("VIGIL_ADMIN_TOKEN", ""),
        config.isBlank() ? Optional.empty() : Optional.of(Path.of(config)),
        chat.isBlank() ? Optional.empty() : Optional.of(URI.create(chat)),
        env.getProperty("VIGIL_HOOK_SECRET", ""),
        maxBody,
        Boolean.parseBoolean(env.getProperty("VIGIL_DEMO", "false")),
        node,
        Integer.parseInt(env.getProperty("VIGIL_ENGINE_THREADS", "8")),
        Integer.parseInt(env.getProperty("VIGIL_DB_POOL", "20")));
  }

  static long parseSize(String text) {
    String t = text.trim().toLowerCase(java.util.Locale.ROOT);
    long factor = 1;
    if (t.endsWith("kib") || t.endsWith("kb") || t.endsWith("k")) factor = 1024;
    if (t.endsWith("mib") || t.endsWith("mb") || t.endsWith("m")) factor = 1024 * 1024;
    String digits = t.replaceAll("[^0-9]", "");
    if (digits.isEmpty()) {
      throw new IllegalArgumentException("VIGIL_MAX_BODY '" + text + "' is not a size (e.g. 1MiB, 512KiB, 1048576)");
    }
    return Long.parseLong(digits) * factor;
  }

  private static String defaultNodeName() {
    try {
      return java.net.InetAddress.getLocalHost().getHostName() + "-" + ProcessHandle.current().pid();
    } catch (java.net.UnknownHostException e) {
      return "node-" + ProcessHandle.current().pid();
    }
  }
}
