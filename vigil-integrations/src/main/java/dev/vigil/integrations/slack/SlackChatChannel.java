package dev.vigil.integrations.slack;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.SlackApiTextResponse;
import com.slack.api.methods.request.files.FilesCompleteUploadExternalRequest;
import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import com.slack.api.methods.response.files.FilesGetUploadURLExternalResponse;
import dev.vigil.core.outbox.ChatAttachment;
import dev.vigil.core.outbox.ChatMessage;
import dev.vigil.core.outbox.FindingCard;
import dev.vigil.core.port.ChatChannel;
import dev.vigil.core.security.Secret;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts through Slack's Web API with Slack's Java SDK: text and finding cards (Block Kit) with
 * {@code chat.postMessage}, replies with its {@code thread_ts}, and charts with Slack's upload
 * flow ({@code files.getUploadURLExternal}, the upload, {@code files.completeUploadExternal}
 * into the message's thread). The API base URL is configurable (Slack's, an Enterprise Grid
 * proxy, or a test server). Slack has no idempotency key for posts: a delivery whose answer was
 * lost may show twice, which the outbox keeps rare by recording each delivery as soon as Slack
 * confirms it. Thread-safe.
 *
 * <p>The id this channel returns for a message is {@code <channel id>/<ts>}: replies need the
 * {@code ts}, chart uploads need the channel's id, which Slack only names in its answer when the
 * post named the channel as {@code #name}.
 */
public final class SlackChatChannel implements ChatChannel {
  /** Slack's public Web API. */
  public static final URI DEFAULT_API = URI.create("https://slack.com/api/");
  private static final Logger log = LoggerFactory.getLogger(SlackChatChannel.class);
  /** Errors that mean "later may work"; every other {@code ok: false} needs a person (token, channel, scope). */
  private static final Set<String> RETRYABLE_ERRORS = Set.of("ratelimited", "service_unavailable", "fatal_error",
      "internal_error", "request_timeout");
  /** Channel ids (public, private, direct); anything else is a name, which the upload cannot take. */
  private static final Pattern CHANNEL_ID = Pattern.compile("[CGD][A-Z0-9]{2,}");
  /** Slack rejects a longer fallback text with {@code msg_too_long}. */
  static final int MAX_TEXT_CHARS = 40_000;

  private final String integration;
  private final MethodsClient methods;

  /**
   * @param apiBase the URL under which the Web API's methods live, e.g. {@code https://slack.com/api/}
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
  public Optional<String> deliver(ChatMessage message) throws DeliveryException {
    // A thread started in another chat (before this integration was configured) has no ts here:
    // the post then starts a thread of its own.
    Optional<MessageRef> parent = message.replyTo().flatMap(MessageRef::parse);
    if (message.attachment().isEmpty()) {
      return Optional.of(post(message.channel(), message.text(), message.card(), parent.map(MessageRef::ts)).format());
    }
    ChatAttachment chart = message.attachment().get();
    MessageRef thread;
    if (parent.isPresent()) {
      thread = parent.get();
    } else {
      // The chart's message was never delivered: its alt text starts a thread for it, so the
      // chart still reaches the channel (and the channel's id becomes known for the upload).
      thread = post(message.channel(), chart.altText().isBlank() ? chart.name() : chart.altText(), Optional.empty(),
          Optional.empty());
    }
    upload(chart, thread);
    return parent.isPresent() ? Optional.empty() : Optional.of(thread.format());
  }

  private MessageRef post(String channel, String text, Optional<FindingCard> card, Optional<String> threadTs)
      throws DeliveryException {
    String fallback = SlackFindingBlocks.cut(text.isBlank() && card.isPresent() ? card.get().title() : text, MAX_TEXT_CHARS);
    ChatPostMessageResponse response = call("chat.postMessage", channel, () -> methods.chatPostMessage(r -> {
      r.channel(channel).text(fallback);
      card.ifPresent(c -> r.blocks(SlackFindingBlocks.of(c)));
      threadTs.ifPresent(r::threadTs);
      return r;
    }));
    log.debug("posted to slack integration={} channel={} ts={}", integration, channel, response.getTs());
    String channelId = response.getChannel() == null || response.getChannel().isBlank() ? channel : response.getChannel();
    return new MessageRef(channelId, response.getTs());
  }

  private void upload(ChatAttachment chart, MessageRef thread) throws DeliveryException {
    if (!CHANNEL_ID.matcher(thread.channelId()).matches()) {
      throw new DeliveryException("slack '" + integration + "' cannot upload a chart to '" + thread.channelId()
          + "': the upload needs the channel's id (post to the channel by its id, e.g. C0123ABCD)", false, null);
    }
    byte[] bytes = chart.content();
    FilesGetUploadURLExternalResponse target = call("files.getUploadURLExternal", thread.channelId(),
        () -> methods.filesGetUploadURLExternal(r -> r.filename(chart.name()).length(bytes.length)
            .altTxt(chart.altText().isBlank() ? null : SlackFindingBlocks.cut(chart.altText(), 1000))));
    // The upload URL is pre-signed by Slack and takes the bytes without the bot token.
    Request request = new Request.Builder().url(target.getUploadUrl())
        .post(RequestBody.create(bytes, MediaType.get(chart.mediaType()))).build();
    try (Response response = methods.getSlackHttpClient().getOkHttpClient().newCall(request).execute()) {
      if (!response.isSuccessful()) {
        int status = response.code();
        throw new DeliveryException("slack '" + integration + "' refused the upload of " + chart.name() + ": HTTP "
            + status, status == 429 || status >= 500, null, retryAfter(response.header("Retry-After")));
      }
    } catch (IOException e) {
      // The upload URL is a pre-signed capability: only the failure's kind is kept, never its text.
      throw new DeliveryException("slack '" + integration + "' unreachable while uploading " + chart.name() + " ("
          + e.getClass().getSimpleName() + ")", true, null);
    }
    call("files.completeUploadExternal", thread.channelId(), () -> methods.filesCompleteUploadExternal(r -> r
        .files(List.of(FilesCompleteUploadExternalRequest.FileDetails.builder().id(target.getFileId())
            .title(chart.name()).build()))
        .channelId(thread.channelId())
        .threadTs(thread.ts())));
    log.debug("chart uploaded to slack integration={} channel={} thread={} file={}", integration, thread.channelId(),
        thread.ts(), chart.name());
  }

  private interface SlackCall<T extends SlackApiTextResponse> {
    T call() throws IOException, SlackApiException;
  }

  /** Runs one Web API method; an exception says which, and whether trying later can help. */
  private <T extends SlackApiTextResponse> T call(String method, String channel, SlackCall<T> call)
      throws DeliveryException {
    T response;
    try {
      response = call.call();
    } catch (IOException e) {
      throw new DeliveryException("slack '" + integration + "' unreachable (" + method + "): " + e.getMessage(), true, e);
    } catch (SlackApiException e) {
      int status = e.getResponse().code();
      boolean retryable = status == 429 || status >= 500;
      throw new DeliveryException("slack '" + integration + "' answered HTTP " + status + " to " + method, retryable, e,
          retryAfter(e.getResponse().header("Retry-After")));
    }
    if (!response.isOk()) {
      boolean retryable = RETRYABLE_ERRORS.contains(response.getError());
      throw new DeliveryException("slack '" + integration + "' refused " + method + " to " + channel + ": "
          + response.getError() + (retryable ? "" : " (check the bot token, its scopes and that the app is in the channel)"),
          retryable, null);
    }
    return response;
  }

  /** Slack's {@code Retry-After} is in seconds; anything unreadable leaves the engine's own backoff. */
  private static Duration retryAfter(String header) {
    if (header == null) {
      return null;
    }
    try {
      long seconds = Long.parseLong(header.strip());
      return seconds > 0 ? Duration.ofSeconds(Math.min(seconds, 3600)) : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** A posted message: its channel's id and its {@code ts}. */
  private record MessageRef(String channelId, String ts) {
    private static final Pattern TS = Pattern.compile("\\d+\\.\\d+");

    static Optional<MessageRef> parse(String id) {
      int slash = id.lastIndexOf('/');
      if (slash <= 0 || !TS.matcher(id.substring(slash + 1)).matches()) {
        return Optional.empty();
      }
      return Optional.of(new MessageRef(id.substring(0, slash), id.substring(slash + 1)));
    }

    String format() {
      return channelId + "/" + ts;
    }
  }
}
