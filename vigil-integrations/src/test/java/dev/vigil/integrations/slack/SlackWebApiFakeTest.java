package dev.vigil.integrations.slack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The fake refuses what Slack refuses, so that passing against it means something. */
class SlackWebApiFakeTest {
  private final HttpClient http = HttpClient.newHttpClient();
  private SlackWebApiFake slackApi;

  @BeforeEach
  void start() throws IOException {
    slackApi = new SlackWebApiFake(Map.of("ops", "C0OPS"));
  }

  @AfterEach
  void stop() {
    slackApi.close();
  }

  private String call(String method, String contentType, String body, boolean authed) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(slackApi.api().resolve(method))
        .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body));
    if (authed) request.header("Authorization", "Bearer " + SlackWebApiFake.TOKEN);
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString()).body();
  }

  private String form(String method, String... pairs) throws Exception {
    StringBuilder body = new StringBuilder();
    for (int i = 0; i < pairs.length; i += 2) {
      if (!body.isEmpty()) body.append('&');
      body.append(pairs[i]).append('=').append(URLEncoder.encode(pairs[i + 1], StandardCharsets.UTF_8));
    }
    return call(method, "application/x-www-form-urlencoded", body.toString(), true);
  }

  @Test
  void requests_without_token_charset_channel_or_text_get_slacks_errors() throws Exception {
    assertThat(call("chat.postMessage", "application/x-www-form-urlencoded", "channel=C0OPS&text=x", false))
        .contains("not_authed");
    assertThat(call("chat.postMessage", "application/json", "{\"channel\":\"C0OPS\",\"text\":\"x\"}", true))
        .contains("invalid_charset");
    assertThat(call("chat.postMessage", "application/json; charset=utf-8", "{\"channel\":\"C0OPS\",\"text\":\"x\"}", true))
        .contains("\"ok\":true");
    assertThat(form("chat.postMessage", "text", "x")).contains("channel_not_found");
    assertThat(form("chat.postMessage", "channel", "#ops")).contains("no_text");
    assertThat(form("chat.postMessage", "channel", "#ops", "text", "x", "thread_ts", "1.2")).contains("invalid_thread_ts");
    assertThat(form("chat.postMessage", "channel", "#ops", "text", "x", "threadTs", "1.2")).contains("invalid_arg_name");
  }

  @Test
  void blocks_of_unknown_type_too_many_or_too_long_are_invalid_blocks() throws Exception {
    String divider = "{\"type\":\"divider\"}";
    assertThat(form("chat.postMessage", "channel", "C0OPS", "blocks", "[" + (divider + ",").repeat(50) + divider + "]"))
        .contains("invalid_blocks").contains("more than 50 blocks");
    assertThat(form("chat.postMessage", "channel", "C0OPS", "blocks", "[{\"type\":\"banner\"}]"))
        .contains("invalid_blocks");
    String longHeader = "[{\"type\":\"header\",\"text\":{\"type\":\"plain_text\",\"text\":\"" + "h".repeat(151) + "\"}}]";
    assertThat(form("chat.postMessage", "channel", "C0OPS", "blocks", longHeader)).contains("invalid_blocks");
    assertThat(slackApi.posts()).isEmpty();
  }

  @Test
  void an_upload_must_be_announced_filled_with_its_length_and_only_then_completed() throws Exception {
    String url = form("files.getUploadURLExternal", "filename", "c.png", "length", "4");
    String fileId = url.replaceAll(".*\"file_id\":\"([^\"]+)\".*", "$1");
    String uploadUrl = url.replaceAll(".*\"upload_url\":\"([^\"]+)\".*", "$1");
    String files = "[{\"id\":\"" + fileId + "\"}]";

    assertThat(form("files.completeUploadExternal", "files", files, "channel_id", "C0OPS")).contains("file_not_found");
    int wrongLength = http.send(HttpRequest.newBuilder(URI.create(uploadUrl))
        .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[3])).build(), HttpResponse.BodyHandlers.ofString()).statusCode();
    assertThat(wrongLength).isEqualTo(400);
    int uploaded = http.send(HttpRequest.newBuilder(URI.create(uploadUrl))
        .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[4])).build(), HttpResponse.BodyHandlers.ofString()).statusCode();
    assertThat(uploaded).isEqualTo(200);
    assertThat(form("files.completeUploadExternal", "files", files, "channel_id", "C0NOPE")).contains("channel_not_found");
    assertThat(form("files.completeUploadExternal", "files", files, "channel_id", "C0OPS")).contains("\"ok\":true");
    assertThat(slackApi.sharedFiles()).hasSize(1);
  }
}
