package dev.vigil.integrations.teams;

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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * Posts Adaptive Cards to a Teams channel through its incoming webhook or a Power Automate
 * Workflows URL. The URL carries its own signature, so it is a credential: it is never logged and
 * never part of an error message. A webhook posts to the one channel it was made for; the
 * message's channel is not used to route. Finding cards become Adaptive Cards; files and threads
 * are not something a webhook can post. Thread-safe.
 */
public final class TeamsChatChannel implements ChatChannel {
  /** The attachment content type Teams renders as an Adaptive Card. */
  public static final String CARD_CONTENT_TYPE = "application/vnd.microsoft.card.adaptive";
  /** The newest Adaptive Card version Teams renders everywhere (desktop, web, mobile). */
  public static final String CARD_VERSION = "1.5";
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Logger log = LoggerFactory.getLogger(TeamsChatChannel.class);

  private final String integration;
  private final Secret webhookUrl;
  private final Duration timeout;
  private final HttpClient http;

  public TeamsChatChannel(String integration, Secret webhookUrl, Duration timeout) {
    if (integration == null || integration.isBlank() || webhookUrl == null || timeout == null) {
      throw new IllegalArgumentException("a teams channel needs its integration name, webhook URL and timeout");
    }
    URI uri = URI.create(webhookUrl.reveal());
    if (uri.getScheme() == null || !uri.getScheme().matches("https?") || uri.getHost() == null) {
      throw new IllegalArgumentException("teams integration '" + integration + "': webhookUrl is not an http(s) URL");
    }
    this.integration = integration;
    this.webhookUrl = webhookUrl;
    this.timeout = timeout;
    this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
  }

  @Override
  public String integration() {
    return integration;
  }

  /**
   * Posts the text or the finding card. Teams webhooks take no files and no replies: a chart is
   * not posted (the card's link leads to it) and a reply in a thread is posted on its own.
   */
  @Override
  public Optional<String> deliver(ChatMessage message) throws DeliveryException {
    if (message.attachment().isPresent()) {
      log.debug("chart not posted: teams webhooks take no files integration={} file={}", integration,
          message.attachment().get().name());
      return Optional.empty();
    }
    post(message.card().map(TeamsChatChannel::findingCard).orElseGet(() -> textCard(message.text())));
    return Optional.empty();
  }

  /**
   * A finding as an Adaptive Card: the title coloured by severity, the summary, the evidence as a
   * fact set (label, observed against baseline), the next step, the owner, and a button to the
   * finding's link.
   */
  public static Map<String, Object> findingCard(FindingCard finding) {
    List<Map<String, Object>> body = new ArrayList<>();
    Map<String, Object> title = textBlock(finding.title());
    title.put("size", "Medium");
    title.put("weight", "Bolder");
    title.put("style", "heading");
    title.put("color", switch (finding.severity()) {
      case CRITICAL -> "Attention";
      case WARNING -> "Warning";
      case INFO -> "Default";
    });
    body.add(title);
    Map<String, Object> severity = textBlock("Severity: " + finding.severity().name().toLowerCase(Locale.ROOT)
        + finding.owner().map(o -> " · Owner: " + o).orElse(""));
    severity.put("isSubtle", true);
    severity.put("spacing", "None");
    body.add(severity);
    if (!finding.summary().isBlank()) {
      body.add(textBlock(finding.summary()));
    }
    if (!finding.evidence().isEmpty()) {
      List<Map<String, Object>> facts = new ArrayList<>();
      for (FindingCard.Line line : finding.evidence()) {
        Map<String, Object> fact = new LinkedHashMap<>();
        fact.put("title", line.label());
        fact.put("value", line.observed() + (line.baseline().isEmpty() ? "" : " (baseline " + line.baseline() + ")"));
        facts.add(fact);
      }
      Map<String, Object> factSet = new LinkedHashMap<>();
      factSet.put("type", "FactSet");
      factSet.put("facts", facts);
      body.add(factSet);
    }
    finding.nextStep().ifPresent(step -> body.add(textBlock("**Next step:** " + step)));
    Map<String, Object> card = textCard("");
    card.put("body", body);
    finding.link().ifPresent(link -> {
      Map<String, Object> open = new LinkedHashMap<>();
      open.put("type", "Action.OpenUrl");
      open.put("title", "Open finding");
      open.put("url", link.toString());
      card.put("actions", List.of(open));
    });
    return card;
  }

  private static Map<String, Object> textBlock(String text) {
    Map<String, Object> block = new LinkedHashMap<>();
    block.put("type", "TextBlock");
    block.put("text", text);
    block.put("wrap", true);
    return block;
  }

  /** A card of one wrapping text block: how plain chat text looks in Teams. */
  public static Map<String, Object> textCard(String text) {
    Map<String, Object> card = new LinkedHashMap<>();
    card.put("$schema", "http://adaptivecards.io/schemas/adaptive-card.json");
    card.put("type", "AdaptiveCard");
    card.put("version", CARD_VERSION);
    card.put("body", List.of(textBlock(text)));
    return card;
  }

  /**
   * Posts {@code card} (an Adaptive Card object) wrapped in the message envelope Teams webhooks take.
   *
   * @throws DeliveryException retryable on 429, 5xx, timeouts and connection failures; permanent otherwise
   */
  public void post(Map<String, Object> card) throws DeliveryException {
    Map<String, Object> attachment = new LinkedHashMap<>();
    attachment.put("contentType", CARD_CONTENT_TYPE);
    attachment.put("content", card);
    Map<String, Object> envelope = new LinkedHashMap<>();
    envelope.put("type", "message");
    envelope.put("attachments", List.of(attachment));
    HttpRequest request = HttpRequest.newBuilder(URI.create(webhookUrl.reveal()))
        .timeout(timeout)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(envelope)))
        .build();
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      // The exception's text may name the URL; only its kind is kept.
      throw new DeliveryException("teams '" + integration + "' unreachable (" + e.getClass().getSimpleName() + ")",
          true, null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DeliveryException("interrupted while posting to teams '" + integration + "'", true, null);
    }
    int status = response.statusCode();
    if (status >= 200 && status < 300) {
      return;
    }
    boolean retryable = status == 429 || status >= 500;
    String body = response.body() == null ? "" : response.body().strip();
    throw new DeliveryException("teams '" + integration + "' answered HTTP " + status
        + (body.isEmpty() ? "" : ": " + (body.length() > 200 ? body.substring(0, 200) : body))
        + (retryable ? "" : " (check that the webhook still exists and the card is valid)"), retryable, null);
  }
}
