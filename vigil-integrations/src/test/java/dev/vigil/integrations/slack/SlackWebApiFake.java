package dev.vigil.integrations.slack;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.vigil.integrations.testing.BenchPayloads;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A local stand-in for Slack's Web API, strict where Slack is: bearer bot token, form or UTF-8
 * JSON bodies, chat.postMessage's arguments as Slack's OpenAPI description lists them, required
 * fields, Block Kit types, counts and text lengths, known channels and threads, and the order of
 * the file upload flow (URL obtained, bytes uploaded with the length announced, then completed). It answers as Slack does: {@code ok}, {@code ts}, {@code channel}
 * (its id, also when the post named it {@code #name}) and Slack's error codes; a successful post
 * is Slack's own example answer (from Slack's OpenAPI description) with this post's values.
 * Thread-safe: the handlers synchronise on the fake.
 */
public final class SlackWebApiFake implements AutoCloseable {
  public static final String TOKEN = "xoxb-0000-test-token";
  private static final JsonMapper JSON = JsonMapper.builder().build();
  /** Block types a bot message may carry, as Block Kit lists them. */
  private static final Set<String> BLOCK_TYPES = Set.of("header", "section", "context", "divider", "actions", "image",
      "rich_text", "markdown", "file", "video", "input");

  /** A message Slack accepted. */
  public record Post(String channelId, String ts, String text, JsonNode blocks, String threadTs) {}

  /** A file: announced by getUploadURLExternal, filled by the upload, shared by completeUploadExternal. */
  static final class Upload {
    final String fileId;
    final String filename;
    final int length;
    final String altText;
    byte[] bytes;
    String channelId;
    String threadTs;

    Upload(String fileId, String filename, int length, String altText) {
      this.fileId = fileId;
      this.filename = filename;
      this.length = length;
      this.altText = altText;
    }
  }

  private final HttpServer server;
  private final JsonNode okExample;
  /** The arguments chat.postMessage takes, from Slack's OpenAPI description. */
  private final Set<String> postMessageArgs = new java.util.HashSet<>();
  private final Map<String, String> channels = new LinkedHashMap<>();
  private final List<Post> posts = new ArrayList<>();
  private final Map<String, Upload> uploads = new LinkedHashMap<>();
  private final List<String> calls = new ArrayList<>();
  private final AtomicInteger sequence = new AtomicInteger();
  private int refusedCalls;
  private int refusalStatus;
  private int retryAfterSeconds;

  /** @param channels the workspace's channels, name (without {@code #}) to id */
  public SlackWebApiFake(Map<String, String> channels) throws IOException {
    this.channels.putAll(channels);
    JsonNode spec = JSON.readTree(BenchPayloads.read(BenchPayloads.slack("slack-api-specs/web-api/slack_web_openapi_v2.json")));
    JsonNode postMessage = spec.path("paths").path("/chat.postMessage").path("post");
    okExample = postMessage.path("responses").path("200").path("examples").path("application/json");
    postMessage.path("parameters").forEach(p -> postMessageArgs.add(p.path("name").asString()));
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/api/chat.postMessage", exchange -> method(exchange, this::postMessage));
    server.createContext("/api/files.getUploadURLExternal", exchange -> method(exchange, this::getUploadUrl));
    server.createContext("/api/files.completeUploadExternal", exchange -> method(exchange, this::completeUpload));
    server.createContext("/upload/", this::upload);
    // The SDK asks auth.test for the team id when Slack rate-limits it; answered with Slack's sample.
    String authTest = new String(BenchPayloads.read(BenchPayloads.slack("java-slack-sdk-json-logs/api/auth.test.json")),
        StandardCharsets.UTF_8).replace("\"ok\": false", "\"ok\": true");
    server.createContext("/api/auth.test", exchange -> answer(exchange, 200, authTest));
    server.start();
  }

  public URI api() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/api/");
  }

  /** The next {@code calls} Web API calls are answered HTTP 429 with {@code Retry-After}, as Slack throttles. */
  synchronized void rateLimit(int calls, int retryAfterSeconds) {
    refuse(calls, 429, retryAfterSeconds);
  }

  /** The next {@code calls} Web API calls are answered with HTTP {@code status} (e.g. 503 in an outage). */
  synchronized void refuse(int calls, int status, int retryAfterSeconds) {
    this.refusedCalls = calls;
    this.refusalStatus = status;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  public synchronized List<Post> posts() {
    return List.copyOf(posts);
  }

  /** Files that were announced, uploaded and shared, in that order. */
  synchronized List<Upload> sharedFiles() {
    return uploads.values().stream().filter(u -> u.channelId != null).toList();
  }

  /** Every Web API method called and every upload, in order, e.g. {@code files.getUploadURLExternal}. */
  synchronized List<String> calls() {
    return List.copyOf(calls);
  }

  @Override
  public void close() {
    server.stop(0);
  }

  private interface Method {
    ObjectNode answer(Map<String, String> args) throws IOException;
  }

  private synchronized void method(HttpExchange exchange, Method method) throws IOException {
    String name = exchange.getRequestURI().getPath().substring("/api/".length());
    calls.add(name);
    if (refusedCalls > 0) {
      refusedCalls--;
      if (retryAfterSeconds > 0) exchange.getResponseHeaders().add("Retry-After", Integer.toString(retryAfterSeconds));
      answer(exchange, refusalStatus, refusalStatus == 429 ? "{\"ok\": false, \"error\": \"ratelimited\"}" : "{}");
      return;
    }
    String auth = exchange.getRequestHeaders().getFirst("Authorization");
    if (auth == null) {
      answer(exchange, 200, error("not_authed").toString());
      return;
    }
    if (!auth.equals("Bearer " + TOKEN)) {
      answer(exchange, 200, error("invalid_auth").toString());
      return;
    }
    String type = exchange.getRequestHeaders().getFirst("Content-Type");
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    Map<String, String> args;
    if (type != null && type.startsWith("application/x-www-form-urlencoded")) {
      args = form(body);
    } else if (type != null && type.replace(" ", "").equalsIgnoreCase("application/json;charset=utf-8")) {
      args = new LinkedHashMap<>();
      for (Map.Entry<String, JsonNode> field : JSON.readTree(body).properties()) {
        args.put(field.getKey(), field.getValue().isString() ? field.getValue().asString() : field.getValue().toString());
      }
    } else {
      answer(exchange, 200, error(type != null && type.startsWith("application/json") ? "invalid_charset"
          : "invalid_form_data").toString());
      return;
    }
    answer(exchange, 200, method.answer(args).toString());
  }

  private ObjectNode postMessage(Map<String, String> args) {
    for (String arg : args.keySet()) {
      if (!postMessageArgs.contains(arg)) return error("invalid_arg_name").put("detail", arg);
    }
    String channelId = channelId(args.get("channel"));
    if (channelId == null) return error("channel_not_found");
    String text = args.get("text");
    String blocksJson = args.get("blocks");
    if ((text == null || text.isEmpty()) && blocksJson == null) return error("no_text");
    if (text != null && text.length() > 40_000) return error("msg_too_long");
    JsonNode blocks = null;
    if (blocksJson != null) {
      blocks = JSON.readTree(blocksJson);
      String problem = blockProblem(blocks);
      if (problem != null) return error("invalid_blocks").put("detail", problem);
    }
    String threadTs = args.get("thread_ts");
    if (threadTs != null && posts.stream().noneMatch(p -> p.channelId().equals(channelId) && p.ts().equals(threadTs)
        && p.threadTs() == null)) {
      return error("invalid_thread_ts");
    }
    String ts = nextTs();
    posts.add(new Post(channelId, ts, text, blocks, threadTs));
    ObjectNode ok = (ObjectNode) okExample.deepCopy();
    ok.put("channel", channelId).put("ts", ts);
    ObjectNode message = (ObjectNode) ok.path("message");
    message.put("ts", ts).put("text", text == null ? "" : text);
    message.remove("attachments");
    if (threadTs != null) message.put("thread_ts", threadTs);
    return ok;
  }

  private ObjectNode getUploadUrl(Map<String, String> args) {
    String filename = args.get("filename");
    String length = args.get("length");
    if (filename == null || filename.isBlank() || length == null || !length.matches("[1-9][0-9]*")) {
      return error("invalid_arguments");
    }
    String fileId = "F" + String.format("%09d", sequence.incrementAndGet());
    uploads.put(fileId, new Upload(fileId, filename, Integer.parseInt(length), args.get("alt_txt")));
    ObjectNode ok = JSON.createObjectNode().put("ok", true);
    ok.put("upload_url", "http://127.0.0.1:" + server.getAddress().getPort() + "/upload/" + fileId);
    ok.put("file_id", fileId);
    return ok;
  }

  private synchronized void upload(HttpExchange exchange) throws IOException {
    String fileId = exchange.getRequestURI().getPath().substring("/upload/".length());
    calls.add("upload");
    byte[] bytes = exchange.getRequestBody().readAllBytes();
    Upload upload = uploads.get(fileId);
    if (!"POST".equals(exchange.getRequestMethod()) || upload == null || upload.bytes != null
        || bytes.length != upload.length) {
      answer(exchange, 400, "bad upload");
      return;
    }
    upload.bytes = bytes;
    answer(exchange, 200, "OK - " + bytes.length);
  }

  private ObjectNode completeUpload(Map<String, String> args) {
    String filesJson = args.get("files");
    if (filesJson == null) return error("invalid_arguments");
    JsonNode files = JSON.readTree(filesJson);
    if (!files.isArray() || files.isEmpty()) return error("invalid_arguments");
    String channelId = args.get("channel_id");
    if (channelId != null && !channels.containsValue(channelId)) return error("channel_not_found");
    String threadTs = args.get("thread_ts");
    if (threadTs != null && (channelId == null || posts.stream().noneMatch(p -> p.channelId().equals(channelId)
        && p.ts().equals(threadTs) && p.threadTs() == null))) {
      return error("invalid_thread_ts");
    }
    List<Upload> completed = new ArrayList<>();
    for (JsonNode file : files) {
      Upload upload = uploads.get(file.path("id").asString(""));
      if (upload == null || upload.bytes == null || upload.channelId != null) return error("file_not_found");
      completed.add(upload);
    }
    ObjectNode ok = JSON.createObjectNode().put("ok", true);
    var answered = ok.putArray("files");
    for (Upload upload : completed) {
      upload.channelId = channelId;
      upload.threadTs = threadTs;
      answered.addObject().put("id", upload.fileId).put("title", upload.filename);
    }
    return ok;
  }

  /** Why Slack would answer {@code invalid_blocks}, or {@code null}. */
  private static String blockProblem(JsonNode blocks) {
    if (!blocks.isArray()) return "blocks is not an array";
    if (blocks.size() > 50) return "more than 50 blocks";
    for (JsonNode block : blocks) {
      String type = block.path("type").asString("");
      if (!BLOCK_TYPES.contains(type)) return "unknown block type '" + type + "'";
      String problem = switch (type) {
        case "header" -> text(block.path("text"), "plain_text", 150);
        case "section" -> {
          if (block.path("text").isMissingNode() && block.path("fields").isMissingNode()) yield "section without text or fields";
          String p = block.path("text").isMissingNode() ? null : text(block.path("text"), null, 3000);
          if (p == null && !block.path("fields").isMissingNode()) {
            if (block.path("fields").size() > 10) yield "more than 10 fields";
            for (JsonNode field : block.path("fields")) {
              p = p == null ? text(field, null, 2000) : p;
            }
          }
          yield p;
        }
        case "context" -> {
          if (block.path("elements").isEmpty() || block.path("elements").size() > 10) yield "context needs 1 to 10 elements";
          String p = null;
          for (JsonNode element : block.path("elements")) p = p == null ? text(element, null, 3000) : p;
          yield p;
        }
        case "actions" -> {
          if (block.path("elements").isEmpty() || block.path("elements").size() > 25) yield "actions needs 1 to 25 elements";
          String p = null;
          for (JsonNode element : block.path("elements")) {
            if (!"button".equals(element.path("type").asString(""))) continue;
            p = p != null ? p : text(element.path("text"), "plain_text", 75);
            if (p == null && element.path("url").asString("").length() > 3000) p = "button url over 3000 characters";
          }
          yield p;
        }
        default -> null;
      };
      if (problem != null) return type + ": " + problem;
    }
    return null;
  }

  private static String text(JsonNode text, String requiredType, int max) {
    String type = text.path("type").asString("");
    if (!type.equals("plain_text") && !type.equals("mrkdwn")) return "text object of type '" + type + "'";
    if (requiredType != null && !type.equals(requiredType)) return "text must be " + requiredType;
    String value = text.path("text").asString("");
    if (value.isEmpty()) return "empty text";
    if (value.length() > max) return "text of " + value.length() + " characters (at most " + max + ")";
    return null;
  }

  private String channelId(String channel) {
    if (channel == null) return null;
    if (channels.containsValue(channel)) return channel;
    return channels.get(channel.startsWith("#") ? channel.substring(1) : channel);
  }

  private String nextTs() {
    return "1700000000." + String.format("%06d", sequence.incrementAndGet());
  }

  private static ObjectNode error(String code) {
    return JSON.createObjectNode().put("ok", false).put("error", code);
  }

  private static void answer(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }

  private static Map<String, String> form(String body) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String pair : body.split("&")) {
      if (pair.isEmpty()) continue;
      int eq = pair.indexOf('=');
      out.put(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
          eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return out;
  }
}
