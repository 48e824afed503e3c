package dev.vigil.server.console;

import dev.vigil.core.port.OutboxStore;
import dev.vigil.core.port.RunStore;
import dev.vigil.core.run.Run;
import dev.vigil.core.run.RunId;
import dev.vigil.core.run.StepRecord;
import dev.vigil.server.web.Bodies;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

/**
 * Follows runs for the console's run pages: one thread looks at every followed run twice a second
 * and, when something changed (status, step, attempt, post), sends the re-rendered live part as a
 * server-sent event {@code run}; when the run has ended it sends {@code done} and closes. Runs
 * advance on any node of a cluster, so the database is the one place to watch; a follower costs
 * two small indexed reads per tick and holds no request thread.
 */
@Component
public class RunStream {
  private static final Logger log = LoggerFactory.getLogger(RunStream.class);
  private static final Duration TICK = Duration.ofMillis(500);
  private static final Duration LONGEST = Duration.ofMinutes(30);
  /** More followers than this are refused, so a forgotten tab farm cannot load the database. */
  private static final int MAX_FOLLOWERS = 200;
  private final RunStore runs;
  private final OutboxStore outbox;
  private final ITemplateEngine templates;
  private final ConsoleTimes times;
  private final Map<SseEmitter, Follower> followers = new ConcurrentHashMap<>();
  private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "console-run-stream");
    t.setDaemon(true);
    return t;
  });

  public RunStream(RunStore runs, OutboxStore outbox, ITemplateEngine templates, ConsoleTimes times) {
    this.runs = runs;
    this.outbox = outbox;
    this.templates = templates;
    this.times = times;
    ticker.scheduleWithFixedDelay(this::tick, TICK.toMillis(), TICK.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** A step as shown: its record, and its input and output as indented JSON. */
  public record StepView(StepRecord step, String input, String output) {}

  private static final class Follower {
    final RunId run;
    String seen = "";

    Follower(RunId run) {
      this.run = run;
    }
  }

  SseEmitter follow(RunId run) {
    SseEmitter emitter = new SseEmitter(LONGEST.toMillis());
    if (followers.size() >= MAX_FOLLOWERS) {
      emitter.completeWithError(new IllegalStateException("too many live run pages open; reload later"));
      return emitter;
    }
    followers.put(emitter, new Follower(run));
    emitter.onCompletion(() -> followers.remove(emitter));
    emitter.onTimeout(() -> followers.remove(emitter));
    emitter.onError(e -> followers.remove(emitter));
    return emitter;
  }

  /** What the live part of the run page shows. */
  Map<String, Object> live(Run run) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("run", run);
    m.put("steps", runs.steps(run.id()).stream()
        .map(s -> new StepView(s, pretty(s.input()), pretty(s.output()))).toList());
    m.put("posts", outbox.forRun(run.id()));
    return m;
  }

  private void tick() {
    for (Map.Entry<SseEmitter, Follower> e : followers.entrySet()) {
      SseEmitter emitter = e.getKey();
      Follower f = e.getValue();
      try {
        Optional<Run> run = runs.find(f.run);
        if (run.isEmpty()) {
          emitter.complete();
          continue;
        }
        Map<String, Object> live = live(run.get());
        String seen = fingerprint(live);
        if (!seen.equals(f.seen)) {
          f.seen = seen;
          Context context = new Context();
          context.setVariables(live);
          context.setVariable("times", times);
          String html = templates.process("console/run", Set.of("live"), context);
          emitter.send(SseEmitter.event().name("run").data(html));
        }
        if (run.get().status().terminal()) {
          emitter.send(SseEmitter.event().name("done").data(run.get().status().name().toLowerCase()));
          emitter.complete();
        }
      } catch (IOException | IllegalStateException closed) {
        // The browser went away (or the emitter timed out) between two ticks.
        followers.remove(emitter);
      } catch (RuntimeException ex) {
        log.warn("run stream failed run={} error={}", f.run.value(), ex.toString());
        followers.remove(emitter);
        emitter.completeWithError(ex);
      }
    }
  }

  @SuppressWarnings("unchecked")
  private static String fingerprint(Map<String, Object> live) {
    Run run = (Run) live.get("run");
    StringBuilder b = new StringBuilder().append(run.status()).append('/').append(run.nextStep()).append('/')
        .append(run.resumeAt().orElse(null));
    for (StepView s : (java.util.List<StepView>) live.get("steps")) {
      b.append('|').append(s.step().status()).append(s.step().attempts()).append(s.step().finishedAt().isPresent());
    }
    for (var p : (java.util.List<dev.vigil.core.outbox.OutboxEntry>) live.get("posts")) {
      b.append('|').append(p.status());
    }
    return b.toString();
  }

  static String pretty(Map<String, Object> value) {
    return value.isEmpty() ? "" : Bodies.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(value);
  }

  @PreDestroy
  void stop() {
    ticker.shutdownNow();
    followers.keySet().forEach(SseEmitter::complete);
  }
}
