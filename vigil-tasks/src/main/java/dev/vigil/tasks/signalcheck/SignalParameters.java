package dev.vigil.tasks.signalcheck;

import dev.vigil.core.Durations;
import dev.vigil.core.task.ParameterSpec;
import dev.vigil.core.task.ParameterType;
import dev.vigil.tasks.deploywatch.SignalTemplate;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Parameters shared by the task kinds that judge services' signals: one wording and one default each. */
public final class SignalParameters {
  public static final ParameterSpec METRICS = ParameterSpec.required("metrics", ParameterType.STRING,
      "the Prometheus-compatible integration to read");
  public static final ParameterSpec SIGNAL_SETS = ParameterSpec.optional("signals", ParameterType.STRING_LIST,
      List.of("prometheus-http", "process", "pool", "postgres"), "signal sets: "
          + String.join(", ", ResourceSignals.names()));
  public static final ParameterSpec RATE_WINDOW = ParameterSpec.optional("rateWindow", ParameterType.DURATION, "2m",
      "the $window of rate() in the signals");
  public static final ParameterSpec STEP = ParameterSpec.optional("step", ParameterType.DURATION, "15s",
      "resolution of the queries");

  private SignalParameters() {}

  /** A validated duration parameter. */
  public static Duration duration(Map<String, Object> p, String name) {
    return Durations.parse((String) p.get(name), name);
  }

  /** The signal sets named by {@link #SIGNAL_SETS}, as templates. */
  @SuppressWarnings("unchecked")
  public static List<SignalTemplate> signals(Map<String, Object> p) {
    return ResourceSignals.named((List<String>) p.get(SIGNAL_SETS.name()));
  }
}
