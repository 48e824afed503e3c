package dev.vigil.tasks.heartbeat;

import dev.vigil.core.Durations;
import dev.vigil.core.task.ParameterSchema;
import dev.vigil.core.task.ParameterSpec;
import dev.vigil.core.task.ParameterType;
import dev.vigil.core.task.PlannedStep;
import dev.vigil.core.task.StepContext;
import dev.vigil.core.task.StepFailure;
import dev.vigil.core.task.StepOutcome;
import dev.vigil.core.task.TaskKind;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Posts a message to a channel: proof that an agent is alive and can speak, on a schedule. With
 * {@code delay} the post happens that long after the wake-up, on a durable timer that survives
 * restarts (which is also how the crash tests exercise the engine).
 *
 * <p>Steps: {@code compose} (renders the text), {@code wait} (the durable timer; only planned when
 * there is a delay, since a step costs a checkpoint), {@code post}.
 */
public final class HeartbeatTaskKind implements TaskKind {
  private static final ParameterSchema PARAMETERS = ParameterSchema.of(
      ParameterSpec.required("channel", ParameterType.STRING, "chat channel to post to, e.g. #ops"),
      ParameterSpec.optional("message", ParameterType.STRING, "{agent} is alive ({reason})",
          "text to post; {agent}, {task}, {reason} and {time} are replaced"),
      ParameterSpec.optional("delay", ParameterType.DURATION, "0s", "wait this long after waking before posting"));

  @Override
  public String name() {
    return "heartbeat";
  }

  @Override
  public String description() {
    return "Posts a message to a channel, optionally after a durable delay.";
  }

  @Override
  public ParameterSchema parameters() {
    return PARAMETERS;
  }

  @Override
  public List<PlannedStep> plan(Map<String, Object> parameters) {
    String delay = String.valueOf(parameters.getOrDefault("delay", "0s"));
    PlannedStep compose = new PlannedStep("compose", "render the message");
    PlannedStep post = new PlannedStep("post", "post to " + parameters.get("channel"));
    return Durations.parse(delay, "delay").isZero()
        ? List.of(compose, post)
        : List.of(compose, new PlannedStep("wait", "wait " + delay + " (durable timer)"), post);
  }

  @Override
  public StepOutcome execute(StepContext ctx) throws StepFailure {
    return switch (ctx.stepName()) {
      case "compose" -> {
        String text = ((String) ctx.parameters().get("message"))
            .replace("{agent}", ctx.agent().id().value())
            .replace("{task}", ctx.taskName())
            .replace("{reason}", ctx.wakeReason().describe())
            .replace("{time}", ctx.now().toString());
        yield StepOutcome.done(Map.of("text", text));
      }
      case "wait" -> {
        Duration delay = Durations.parse((String) ctx.parameters().get("delay"), "delay");
        Instant until = ctx.now().plus(delay);
        yield delay.isZero()
            ? StepOutcome.done(Map.of("waited", "0s"))
            : StepOutcome.thenWaitUntil(until, Map.of("resumeAt", until.toString()));
      }
      case "post" -> {
        String channel = (String) ctx.parameters().get("channel");
        String text = (String) ctx.previousOutputs().get("compose").get("text");
        ctx.post(channel, text);
        yield StepOutcome.done(Map.of("channel", channel, "text", text));
      }
      default -> throw StepFailure.permanent("heartbeat has no step '" + ctx.stepName() + "'");
    };
  }
}
