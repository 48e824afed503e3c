package dev.vigil.integrations.slack;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import dev.vigil.core.outbox.ChatMessage;
import dev.vigil.core.port.ChatChannel;
import dev.vigil.core.security.Secret;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts through Slack's Web API ({@code chat.postMessage}) with Slack's Java SDK. The API base URL
 * is configurable (Slack's, an Enterprise Grid proxy, or a test server). Slack has no idempotency
 * key for posts: a delivery whose answer was lost may show twice, which the outbox keeps rare by
 * recording each delivery as soon as Slack confirms it. Thread-safe.
 */
public final class SlackChatChannel implements ChatChannel {
  /** Slack's public Web API. */
  public static final URI DEFAULT_API = URI.create("https://slack.com/api/");
  private static final Logger log = LoggerFactory.getLogger(SlackChatChannel.class);
  /** Errors that mean "later may work"; every other {@code ok: false} needs a person (token, channel, scope). */
  private static final Set<String> RETRYABLE_ERRORS = Set.of("ratelimited", "service_unavailable", "fatal_error",
      "internal_error", "request_timeout");

  private final String integration;
  private final MethodsClient methods;

  /**
   * @param apiBase the URL under which {@code chat.postMessage} lives, e.g. {@code https://slack.com/api/}
   * @param botToken the bot token ({@code xoxb-...}), sent as a bearer token
   */
  public SlackChatChannel(String integration, URI apiBase, Secret botToken, Duration timeout) {
    if (integration == null || integration.isBlank() || apiBase == null || botToken == null || timeout == null) {
      throw new IllegalArgumentException("a slack channel needs its integration name, API base URL, bot token and timeout");
    }
    this.integration = integration;
    SlackConfig config = new SlackConfig();
    String base = apiBase.toString();
    config.setMethodsEndpointUrlPrefix(base.endsWith("/") ? base : base + "/");
    int millis = Math.toIntExact(Math.min(Integer.MAX_VALUE, timeout.toMillis()));
    config.setHttpClientCallTimeoutMillis(millis);
    config.setHttpClientReadTimeoutMillis(millis);
    config.setHttpClientWriteTimeoutMillis(millis);
    this.methods = Slack.getInstance(config).methods(botToken.reveal());
  }

  @Override
  public String integration() {
    return integration;
  }

  @Override
  public void deliver(ChatMessage message) throws DeliveryException {
    ChatPostMessageResponse response;
    try {
      response = methods.chatPostMessage(r -> r.channel(message.channel()).text(message.text()));
    } catch (IOException e) {
      throw new DeliveryException("slack '" + integration + "' unreachable: " + e.getMessage(), true, e);
    } catch (SlackApiException e) {
      int status = e.getResponse().code();
      boolean retryable = status == 429 || status >= 500;
      throw new DeliveryException("slack '" + integration + "' answered HTTP " + status, retryable, e);
    }
    if (!response.isOk()) {
      boolean retryable = RETRYABLE_ERRORS.contains(response.getError());
      throw new DeliveryException("slack '" + integration + "' refused the post to " + message.channel() + ": "
          + response.getError() + (retryable ? "" : " (check the bot token, its scopes and that the app is in the channel)"),
          retryable, null);
    }
    log.debug("posted to slack integration={} channel={} ts={}", integration, message.channel(), response.getTs());
  }
}
