package dev.vigil.server.console;

import dev.vigil.core.agent.AgentDocument;
import dev.vigil.core.trigger.Trigger;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * How templates write times and triggers. Instants are written in UTC inside a {@code <time>}
 * element; the console's script rewrites them in the browser's time zone, the user's.
 */
@Component
public class ConsoleTimes {
  private static final ZoneId UTC = ZoneId.of("UTC");
  private static final DateTimeFormatter WITH_ZONE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss z");

  /** {@code 2026-11-25 23:45:00 UTC}; empty for none. */
  public String utc(Object instant) {
    return in(instant, UTC);
  }

  /** The instant in a named zone, e.g. the agent's schedule zone. */
  public String in(Object instant, ZoneId zone) {
    Instant at = instant(instant);
    return at == null ? "" : WITH_ZONE.format(at.atZone(zone));
  }

  public String iso(Object instant) {
    Instant at = instant(instant);
    return at == null ? "" : at.toString();
  }

  /** {@code 1.2 s}, {@code 340 ms}, {@code 3 min 5 s}. */
  public String duration(Object from, Object to) {
    Instant a = instant(from);
    Instant b = instant(to);
    if (a == null || b == null) return "";
    Duration d = Duration.between(a, b);
    if (d.toMillis() < 1000) return d.toMillis() + " ms";
    if (d.toSeconds() < 60) return String.format(java.util.Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    if (d.toMinutes() < 60) return d.toMinutes() + " min " + d.toSecondsPart() + " s";
    return d.toHours() + " h " + d.toMinutesPart() + " min";
  }

  /** A trigger as one line: {@code schedule 0 9 * * 1-5 (Europe/Berlin)}. */
  public String trigger(Trigger trigger) {
    if (trigger == null) return "by hand only";
    return switch (trigger) {
      case Trigger.Schedule s -> "schedule " + s.cron() + " (" + s.zone() + ")";
      case Trigger.OnEvent e -> "event " + describe(AgentDocument.writeTrigger(e).get("event"));
      case Trigger.OnMessage m -> "message " + describe(AgentDocument.writeTrigger(m).get("message"));
    };
  }

  /** The schedule's zone, when the trigger is a schedule. */
  public ZoneId zone(Trigger trigger) {
    return trigger instanceof Trigger.Schedule s ? s.zone() : null;
  }

  private static String describe(Object fields) {
    if (!(fields instanceof Map<?, ?> m) || m.isEmpty()) return "(any)";
    StringBuilder b = new StringBuilder();
    m.forEach((k, v) -> b.append(b.isEmpty() ? "" : ", ").append(k).append('=').append(v));
    return b.toString();
  }

  private static Instant instant(Object value) {
    if (value instanceof Optional<?> o) return o.map(ConsoleTimes::instant).orElse(null);
    if (value instanceof Instant i) return i;
    if (value instanceof String s && !s.isEmpty()) return Instant.parse(s);
    return null;
  }
}
