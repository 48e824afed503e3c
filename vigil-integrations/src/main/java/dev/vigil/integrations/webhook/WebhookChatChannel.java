package dev.vigil.integrations.webhook;

import dev.vigil.core.outbox.ChatMessage;
import dev.vigil.core.outbox.FindingCard;
import dev.vigil.core.port.ChatChannel;
import dev.vigil.core.security.Secret;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Posts chat messages as JSON ({@code agent}, {@code channel}, {@code text},
 * {@code idempotencyKey}; with {@code card}, {@code replyTo} and {@code attachment} when the post
 * has them) to one URL, with the key also in the {@code Idempotency-Key} header, so a receiver can
 * drop a redelivery. A message's id in threads is its idempotency key: {@code replyTo} names the
 * key of the message a reply belongs under. 2xx is delivered; 408, 429 and 5xx are retried; other
 * 4xx are refused for good.
 */
public final class WebhookChatChannel implements ChatChannel {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private final String integration;
  private final URI url;
  private final Optional<Secret> bearer;
  private final HttpClient http;
  private final Duration timeout;

  public WebhookChatChannel(String integration, URI url, Optional<Secret> bearer, Duration timeout) {
    this.integration = integration;
    this.url = url;
    this.bearer = bearer;
    this.timeout = timeout;
    this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
  }

  @Override
  public String integration() {
    return integration;
  }

  @Override
  public Optional<String> deliver(ChatMessage m) throws DeliveryException {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("agent", m.agent().value());
    body.put("channel", m.channel());
    body.put("text", m.text());
    body.put("idempotencyKey", m.idempotencyKey());
    m.replyTo().ifPresent(parent -> body.put("replyTo", parent));
    m.card().ifPresent(card -> body.put("card", cardJson(card)));
    m.attachment().ifPresent(file -> {
      Map<String, Object> attachment = new LinkedHashMap<>();
      attachment.put("name", file.name());
      attachment.put("mediaType", file.mediaType());
      attachment.put("altText", file.altText());
      attachment.put("contentBase64", Base64.getEncoder().encodeToString(file.content()));
      body.put("attachment", attachment);
    });
    HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(timeout)
        .header("Content-Type", "application/json")
        .header("Idempotency-Key", m.idempotencyKey())
        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
    bearer.ifPresent(s -> request.header("Authorization", "Bearer " + s.reveal()));
    HttpResponse<String> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new DeliveryException("cannot reach " + url + ": " + e, true, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DeliveryException("interrupted while posting to " + url, true, e);
    }
    int status = response.statusCode();
    if (status / 100 == 2) return Optional.of(m.idempotencyKey());
    boolean retryable = status == 408 || status == 429 || status >= 500;
    String snippet = response.body() == null ? "" : response.body().substring(0, Math.min(200, response.body().length()));
    throw new DeliveryException(url + " answered HTTP " + status + (snippet.isEmpty() ? "" : ": " + snippet), retryable, null);
  }

  /** The card as the webhook's receivers read it; absent optional fields are left out. */
  public static Map<String, Object> cardJson(FindingCard card) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("title", card.title());
    json.put("severity", card.severity().name().toLowerCase(Locale.ROOT));
    json.put("summary", card.summary());
    json.put("evidence", card.evidence().stream().map(line -> {
      Map<String, Object> item = new LinkedHashMap<>();
      item.put("label", line.label());
      item.put("observed", line.observed());
      item.put("baseline", line.baseline());
      return item;
    }).toList());
    card.link().ifPresent(link -> json.put("link", link.toString()));
    card.nextStep().ifPresent(step -> json.put("nextStep", step));
    card.owner().ifPresent(owner -> json.put("owner", owner));
    return json;
  }
}
