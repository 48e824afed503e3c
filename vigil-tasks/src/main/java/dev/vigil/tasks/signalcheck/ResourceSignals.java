package dev.vigil.tasks.signalcheck;

import dev.vigil.tasks.deploywatch.SignalSets;
import dev.vigil.tasks.deploywatch.SignalTemplate;
import java.util.ArrayList;
import java.util.List;

/**
 * The signal sets a signal check reads: all of {@link SignalSets}, whose saturation and datastore sets
 * (process, pool, postgres) the deploy watch also judges datastores with.
 */
public final class ResourceSignals {
  private ResourceSignals() {
  }

  /** The signals of the named sets, in order; the deploy watch's sets are known here too. */
  public static List<SignalTemplate> named(List<String> names) {
    List<SignalTemplate> out = new ArrayList<>();
    for (String name : names) {
      List<SignalTemplate> set = SignalSets.named(name)
          .orElseThrow(() -> new IllegalArgumentException("unknown signal set '" + name + "' (known: "
              + String.join(", ", names()) + ")"));
      out.addAll(set);
    }
    return out;
  }

  public static List<String> names() {
    return SignalSets.names();
  }
}
