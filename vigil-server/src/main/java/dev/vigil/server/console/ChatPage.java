package dev.vigil.server.console;

import dev.vigil.core.agent.AgentId;
import dev.vigil.core.audit.AuditEntry;
import dev.vigil.core.message.InboundMessage;
import dev.vigil.core.outbox.ChatMessage;
import dev.vigil.core.port.AuditLog;
import dev.vigil.engine.Engine;
import dev.vigil.server.web.Bodies;
import dev.vigil.store.JdbcConsoleChat;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The web chat on the built-in chat: channels, messages with their threads (a reply belongs under
 * the first message of its thread, as in Slack), a box that writes through the engine's message
 * path (the same as {@code POST /api/v1/messages}, so agents with message triggers wake), and
 * Vigil's own answers to {@code help} and {@code status}. {@code /demo/chat} is the inbox of every
 * channel, newest first, with the agents' cards and charts.
 */
@Controller
public class ChatPage {
  static final String BUILT_IN_CHAT = "chat";
  private static final int SHOWN = 200;
  private static final int MAX_TEXT = 4000;
  private static final String DEFAULT_CHANNEL = "#ops";
  private final JdbcConsoleChat chat;
  private final Engine engine;
  private final ChatCommands commands;
  private final AuditLog audit;
  private final Clock clock;

  public ChatPage(JdbcConsoleChat chat, Engine engine, ChatCommands commands, AuditLog audit, Clock clock) {
    this.chat = chat;
    this.engine = engine;
    this.commands = commands;
    this.audit = audit;
    this.clock = clock;
  }

  /** A thread: its first message and the replies under it, oldest first. */
  public record Thread(JdbcConsoleChat.Message root, List<JdbcConsoleChat.Message> replies) {}

  @GetMapping("/chat")
  public String chat(@RequestParam(defaultValue = DEFAULT_CHANNEL) String channel, Model model) {
    String name = channelName(channel);
    TreeSet<String> channels = new TreeSet<>(chat.channels());
    channels.add(name);
    model.addAttribute("channels", channels);
    model.addAttribute("channel", name);
    model.addAttribute("threads", threads(name));
    return "console/chat";
  }

  /** The conversation alone, for the page to refresh itself while agents answer. */
  @GetMapping("/chat/conversation")
  public String conversation(@RequestParam(defaultValue = DEFAULT_CHANNEL) String channel, Model model) {
    String name = channelName(channel);
    model.addAttribute("channel", name);
    model.addAttribute("threads", threads(name));
    return "console/chat :: conversation";
  }

  @PostMapping("/chat")
  public String post(@RequestParam(defaultValue = DEFAULT_CHANNEL) String channel, @RequestParam(defaultValue = "") String text,
      @RequestParam(defaultValue = "") String replyTo, HttpServletRequest req) {
    String name = channelName(channel);
    String body = text.strip();
    String back = "redirect:/chat?channel=" + URLEncoder.encode(name, StandardCharsets.UTF_8);
    if (body.isEmpty()) return back;
    if (body.length() > MAX_TEXT) body = body.substring(0, MAX_TEXT);
    ConsoleSession session = ConsoleSession.of(req);
    String key = "console:" + UUID.randomUUID();
    // A reply goes under the first message of the thread, wherever in the thread it was written.
    Optional<String> thread = replyTo.isBlank() ? Optional.empty()
        : chat.byKey(replyTo).map(m -> m.threadId().orElse(m.key()));
    chat.postFromPerson(name, session.tokenName(), body, key, thread);
    Map<String, Object> raw = new LinkedHashMap<>();
    raw.put("channel", name);
    raw.put("author", session.tokenName());
    raw.put("text", body);
    raw.put("id", key);
    engine.acceptMessage(new InboundMessage(BUILT_IN_CHAT, name, session.tokenName(), body, List.of(), false, key,
        clock.instant()), Bodies.JSON.writeValueAsString(raw));
    String finalBody = body;
    commands.answer(body).ifPresent(answer -> {
      try {
        chat.deliver(new ChatMessage(new AgentId(ChatCommands.VIGIL), name, answer, key + ":answer",
            Optional.empty(), Optional.empty(), Optional.of(thread.orElse(key))));
      } catch (dev.vigil.core.port.ChatChannel.DeliveryException e) {
        throw new IllegalStateException("the built-in chat did not take the answer to '" + finalBody + "'", e);
      }
    });
    audit.record(new AuditEntry(clock.instant(), session.actor(), "", BUILT_IN_CHAT, "chat:post", name, "ok",
        Duration.ZERO));
    return back;
  }

  @GetMapping("/demo/chat")
  public String inbox(Model model) {
    model.addAttribute("messages", chat.list(null, SHOWN));
    return "console/inbox";
  }

  /** The chart a built-in chat message carries, for the pages (the API's copy wants a bearer token). */
  @GetMapping("/chat/messages/{id}/attachment")
  public ResponseEntity<byte[]> attachment(@PathVariable long id) {
    return chat.attachment(id)
        .map(a -> ResponseEntity.ok().contentType(MediaType.parseMediaType(a.mediaType()))
            .cacheControl(CacheControl.maxAge(Duration.ofHours(1)).cachePrivate()).body(a.content()))
        .orElseThrow(() -> LoginController.notFound("chart of chat message " + id));
  }

  private List<Thread> threads(String channel) {
    List<JdbcConsoleChat.Message> newestFirst = chat.list(channel, SHOWN);
    Map<String, Thread> byRoot = new LinkedHashMap<>();
    List<JdbcConsoleChat.Message> oldestFirst = new ArrayList<>(newestFirst.reversed());
    for (JdbcConsoleChat.Message m : oldestFirst) {
      Thread parent = m.threadId().map(byRoot::get).orElse(null);
      if (parent != null) {
        parent.replies().add(m);
      } else {
        // A reply whose first message is older than what is shown stands on its own.
        byRoot.put(m.key(), new Thread(m, new ArrayList<>()));
      }
    }
    return List.copyOf(byRoot.values());
  }

  /** {@code ops} and {@code #ops} name the same channel. */
  static String channelName(String channel) {
    String c = channel.strip();
    if (c.isEmpty()) return DEFAULT_CHANNEL;
    c = c.startsWith("#") ? c : "#" + c;
    return c.length() > 80 ? c.substring(0, 80) : c;
  }
}
