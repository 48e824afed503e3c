package dev.vigil.integrations.alertmanager;

import java.util.Locale;

/** Whether an alert (or every alert of a group) is firing or has resolved. */
public enum AlertStatus {
  FIRING,
  RESOLVED;

  /** {@code firing} or {@code resolved}, as Alertmanager writes it. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
