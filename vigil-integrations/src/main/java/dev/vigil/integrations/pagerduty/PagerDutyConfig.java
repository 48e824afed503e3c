package dev.vigil.integrations.pagerduty;

import dev.vigil.core.security.Secret;
import java.net.URI;
import java.time.Duration;

/**
 * How to reach PagerDuty's Events API v2 for one service.
 *
 * @param eventsUrl where {@code /v2/enqueue} lives; {@link #PAGERDUTY_COM} unless a test or a proxy
 *     says otherwise
 * @param routingKey the integration key of the service's Events API v2 integration (32 characters);
 *     prints as {@code ***}
 * @param timeout how long one call may take in total, retries included
 * @param maxAttempts attempts on 429, 5xx and connection failures
 */
public record PagerDutyConfig(URI eventsUrl, Secret routingKey, Duration timeout, int maxAttempts) {
  public static final URI PAGERDUTY_COM = URI.create("https://events.pagerduty.com");

  public PagerDutyConfig {
    if (eventsUrl == null || eventsUrl.getScheme() == null || !eventsUrl.getScheme().matches("https?")) {
      throw new IllegalArgumentException("pagerduty url must be an http(s) URL, got '" + eventsUrl + "'");
    }
    String text = eventsUrl.toString();
    eventsUrl = URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
    if (routingKey == null) {
      throw new IllegalArgumentException("pagerduty needs a routingKey (the service's Events API v2 integration key)");
    }
    if (timeout == null || timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("pagerduty timeout must be positive, got " + timeout);
    }
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("pagerduty maxAttempts must be positive, got " + maxAttempts);
    }
  }

  /** 15 s per call, 4 attempts. */
  public static PagerDutyConfig of(URI eventsUrl, Secret routingKey) {
    return new PagerDutyConfig(eventsUrl, routingKey, Duration.ofSeconds(15), 4);
  }

  public PagerDutyConfig withTimeout(Duration timeout) {
    return new PagerDutyConfig(eventsUrl, routingKey, timeout, maxAttempts);
  }
}
