package dev.vigil.server.api;

import dev.vigil.core.message.InboundMessage;
import dev.vigil.engine.Engine;
import dev.vigil.engine.EventAcceptance;
import dev.vigil.server.web.ApiException;
import dev.vigil.server.web.Bodies;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Messages written in the built-in chat. Like a webhook, a message is committed (with the runs
 * it wakes) before the 202 answer, and a repeated {@code id} wakes nothing twice.
 */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "messages")
public class MessagesApi {
  /** The built-in chat's integration name (the same one agents post through). */
  static final String BUILT_IN_CHAT = "chat";
  private static final List<String> FIELDS = List.of("channel", "author", "text", "mentions", "direct", "id");
  private final Engine engine;
  private final Clock clock;

  public MessagesApi(Engine engine, Clock clock) {
    this.engine = engine;
    this.clock = clock;
  }

  @PostMapping(value = "/messages", consumes = "application/json")
  @Operation(summary = "Write a message in the built-in chat: {channel, author, text, mentions?, direct?, id?}; wakes the agents whose message triggers match")
  public ResponseEntity<Map<String, Object>> post(@RequestBody String body) {
    Map<String, Object> json = Bodies.object(body, "application/json");
    Bodies.onlyFields(json, FIELDS);
    String channel = requiredText(json, "channel");
    String author = requiredText(json, "author");
    String text = requiredText(json, "text");
    List<String> mentions = new ArrayList<>();
    if (json.get("mentions") != null) {
      if (!(json.get("mentions") instanceof List<?> list)) throw ApiException.badRequest("mentions: expected a list of agent names");
      for (Object m : list) {
        if (!(m instanceof String s) || s.isBlank()) throw ApiException.badRequest("mentions: expected a list of agent names");
        mentions.add(s);
      }
    }
    boolean direct = false;
    if (json.get("direct") != null) {
      if (!(json.get("direct") instanceof Boolean b)) throw ApiException.badRequest("direct: expected true or false");
      direct = b;
    }
    if (direct && mentions.size() != 1) {
      throw ApiException.badRequest("direct: a direct message goes to exactly one agent, named in mentions");
    }
    Object id = json.get("id");
    if (id != null && !(id instanceof String)) throw ApiException.badRequest("id: expected a string");
    InboundMessage message = new InboundMessage(BUILT_IN_CHAT, channel, author, text, mentions, direct,
        id == null ? "" : (String) id, clock.instant());
    EventAcceptance accepted = engine.acceptMessage(message, body);
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("event", accepted.duplicateOf().orElse(accepted.eventId()).value());
    answer.put("duplicate", accepted.duplicateOf().isPresent());
    answer.put("runs", accepted.runs().stream().map(r -> r.value()).toList());
    return ResponseEntity.status(HttpStatus.ACCEPTED).body(answer);
  }

  private static String requiredText(Map<String, Object> json, String field) {
    if (!(json.get(field) instanceof String s) || s.isBlank()) {
      throw ApiException.badRequest(field + ": required, a non-empty string");
    }
    return s;
  }
}
