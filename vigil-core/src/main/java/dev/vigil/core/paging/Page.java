package dev.vigil.core.paging;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An alert to raise on a paging service (PagerDuty Events API v2 {@code trigger}).
 *
 * @param summary what a person reads on the page, at most 1024 characters
 * @param source the affected system, e.g. a service or host name
 * @param dedupKey groups triggers into one incident and is what acknowledge and resolve name; when
 *     empty the service makes one up and returns it. At most 255 characters
 * @param customDetails extra facts shown with the incident (evidence, thresholds); copied, sorted
 * @param links links shown with the incident (runbook, finding)
 * @param images images shown with the incident (a chart)
 */
public record Page(String summary, String source, Severity severity, Optional<String> dedupKey,
    Map<String, String> customDetails, List<Link> links, List<Image> images) {
  /** How bad it is; the paging service's urgency rules decide who is woken for which. */
  public enum Severity {
    CRITICAL, ERROR, WARNING, INFO
  }

  /** A link, with its text when it has one. */
  public record Link(URI href, String text) {
    public Link {
      if (href == null) {
        throw new IllegalArgumentException("a page link needs an href");
      }
      text = text == null ? "" : text;
    }
  }

  /** An image ({@code src} must be https for PagerDuty to show it), optionally linked and described. */
  public record Image(URI src, Optional<URI> href, String alt) {
    public Image {
      if (src == null) {
        throw new IllegalArgumentException("a page image needs a src");
      }
      href = href == null ? Optional.empty() : href;
      alt = alt == null ? "" : alt;
    }
  }

  public Page {
    if (summary == null || summary.isBlank()) {
      throw new IllegalArgumentException("a page needs a summary");
    }
    if (summary.length() > 1024) {
      throw new IllegalArgumentException("page summary has " + summary.length() + " characters; at most 1024");
    }
    if (source == null || source.isBlank()) {
      throw new IllegalArgumentException("a page needs a source (the affected service or host)");
    }
    if (severity == null) {
      throw new IllegalArgumentException("a page needs a severity (critical, error, warning or info)");
    }
    dedupKey = dedupKey == null ? Optional.empty() : dedupKey.filter(k -> !k.isBlank());
    dedupKey.ifPresent(Page::requireDedupKey);
    customDetails = customDetails == null ? Map.of()
        : java.util.Collections.unmodifiableSortedMap(new TreeMap<>(customDetails));
    links = links == null ? List.of() : List.copyOf(links);
    images = images == null ? List.of() : List.copyOf(images);
  }

  /** A page with only the required fields. */
  public static Page of(String summary, String source, Severity severity, String dedupKey) {
    return new Page(summary, source, severity, Optional.ofNullable(dedupKey), Map.of(), List.of(), List.of());
  }

  /**
   * Rejects a dedup key the paging service would refuse.
   *
   * @throws IllegalArgumentException naming the problem
   */
  public static String requireDedupKey(String key) {
    if (key == null || key.isBlank()) {
      throw new IllegalArgumentException("a dedup key must not be empty");
    }
    if (key.length() > 255) {
      throw new IllegalArgumentException("dedup key has " + key.length() + " characters; at most 255");
    }
    return key;
  }
}
