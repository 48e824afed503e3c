package dev.vigil.integrations;

import dev.vigil.core.integration.IntegrationConfig;
import dev.vigil.core.integration.IntegrationType;
import dev.vigil.core.integration.SecretResolver;
import dev.vigil.core.outbox.ChatMessage;
import dev.vigil.core.port.ChatChannel;
import dev.vigil.core.port.IntegrationStore;
import dev.vigil.core.security.Secret;
import dev.vigil.integrations.slack.SlackChatChannel;
import dev.vigil.integrations.teams.TeamsChatChannel;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's chat channel as configuration says at each delivery: when an integration with this
 * channel's name (the one {@code chat:post} grants name) is a slack integration with a bot token
 * or a teams integration, posts go there; otherwise to the fallback (the built-in chat or a plain
 * webhook). So configuring {@code {name: chat, type: slack, botToken: ...}} moves agents' posts to
 * Slack without a restart. Thread-safe.
 */
public final class ConfiguredChatChannel implements ChatChannel {
  private static final Logger log = LoggerFactory.getLogger(ConfiguredChatChannel.class);
  private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

  private final String name;
  private final IntegrationStore store;
  private final SecretResolver secrets;
  private final ChatChannel fallback;
  /** The external channel last built, with the configuration and credential it was built from. */
  private final AtomicReference<Built> built = new AtomicReference<>();

  private record Built(IntegrationConfig config, String credential, ChatChannel channel) {}

  public ConfiguredChatChannel(String name, IntegrationStore store, SecretResolver secrets, ChatChannel fallback) {
    if (name == null || store == null || secrets == null || fallback == null) {
      throw new IllegalArgumentException("a configured chat channel needs a name, a store, a resolver and a fallback");
    }
    this.name = name;
    this.store = store;
    this.secrets = secrets;
    this.fallback = fallback;
  }

  @Override
  public String integration() {
    return name;
  }

  @Override
  public boolean sharesDatabase() {
    return configured().isEmpty() && fallback.sharesDatabase();
  }

  /** Reads the configuration once and names the channel that takes this delivery. */
  @Override
  public ChatChannel current() throws DeliveryException {
    Optional<IntegrationConfig> config = configured();
    return config.isEmpty() ? fallback.current() : channel(config.get());
  }

  @Override
  public Optional<String> deliver(ChatMessage message) throws DeliveryException {
    return current().deliver(message);
  }

  private Optional<IntegrationConfig> configured() {
    return store.find(name).filter(c -> switch (c.type()) {
      case SLACK -> c.credential("botToken").isPresent();
      case TEAMS -> true;
      default -> false;
    });
  }

  private ChatChannel channel(IntegrationConfig config) throws DeliveryException {
    String field = config.type() == IntegrationType.SLACK ? "botToken" : "webhookUrl";
    Secret credential;
    try {
      credential = secrets.resolve(config.credential(field).orElseThrow());
    } catch (SecretResolver.UnresolvedSecretException e) {
      throw new DeliveryException("chat integration '" + name + "': credential " + e.getMessage(), false, e);
    }
    // Only compared for equality with the last build, to notice a rotation; never logged.
    String fingerprint = Integer.toHexString(credential.reveal().hashCode());
    Built last = built.get();
    if (last != null && last.config().equals(config) && last.credential().equals(fingerprint)) {
      return last.channel();
    }
    Duration timeout = config.timeout().orElse(DEFAULT_TIMEOUT);
    ChatChannel channel = config.type() == IntegrationType.SLACK
        ? new SlackChatChannel(name, config.url().orElse(SlackChatChannel.DEFAULT_API), credential, timeout)
        : new TeamsChatChannel(name, credential, timeout);
    built.set(new Built(config, fingerprint, channel));
    log.info("chat posts go to {} integration={}", config.type().text(), name);
    return channel;
  }
}
