package dev.vigil.core.security;

import dev.vigil.core.Validation;
import java.time.Instant;
import java.util.Optional;

/**
 * A bearer token's stored form: its name and a hash, never the token itself.
 *
 * @param hash hex SHA-256 of the token
 */
public record ApiToken(String name, String hash, Instant createdAt, Optional<Instant> lastUsedAt, boolean revoked) {
  public ApiToken {
    Validation.requireText(name, "token name");
    Validation.requireText(hash, "token hash");
    Validation.requireNonNull(createdAt, "createdAt");
    lastUsedAt = lastUsedAt == null ? Optional.empty() : lastUsedAt;
  }
}
