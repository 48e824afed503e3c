package dev.vigil.core.agent;

import dev.vigil.core.Validation;
import java.util.List;

/**
 * A scoped permission of an agent on one integration, e.g. {@code chat:post} on {@code slack-main}
 * limited to {@code ["#payments-deploys"]}. An empty scope means the whole integration.
 *
 * @param integration name of the configured integration
 * @param permission what may be done, {@code area:verb}
 * @param scope the targets the permission is limited to (channels, namespaces, matchers)
 */
public record Grant(String integration, String permission, List<String> scope) {
  public Grant {
    Validation.requireText(integration, "grant.integration");
    Validation.requireText(permission, "grant.permission");
    if (!permission.matches("[a-z0-9-]+:[a-z0-9-]+")) {
      throw new IllegalArgumentException(
          "grant.permission '" + permission + "' must look like area:verb, e.g. chat:post");
    }
    scope = scope == null ? List.of() : List.copyOf(scope);
  }

  /**
   * Whether this grant allows {@code permission} on {@code integration} for {@code target}. A null
   * {@code target} (a check without a target) is allowed only by an unscoped grant.
   */
  public boolean allows(String integration, String permission, String target) {
    return this.integration.equals(integration)
        && this.permission.equals(permission)
        // List.copyOf's contains(null) throws, so a missing target is answered before asking it.
        && (scope.isEmpty() || (target != null && scope.contains(target)));
  }
}
