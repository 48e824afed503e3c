package dev.vigil.tasks;

import dev.vigil.core.task.TaskKind;
import dev.vigil.tasks.alerttriage.AlertTriageTaskKind;
import dev.vigil.tasks.heartbeat.HeartbeatTaskKind;
import dev.vigil.tasks.deploywatch.DeployWatchTaskKind;
import dev.vigil.tasks.digest.DigestTaskKind;
import dev.vigil.tasks.httpcheck.HttpCheckTaskKind;
import dev.vigil.tasks.signalcheck.SignalCheckTaskKind;
import java.util.List;

/** The task kinds that ship with Vigil. */
public final class BuiltInTaskKinds {
  private BuiltInTaskKinds() {}

  public static List<TaskKind> all() {
    return List.of(new HeartbeatTaskKind(), new HttpCheckTaskKind(), new DeployWatchTaskKind(),
        new SignalCheckTaskKind(), new AlertTriageTaskKind(), new DigestTaskKind());
  }
}
