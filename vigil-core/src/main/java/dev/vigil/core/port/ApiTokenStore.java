package dev.vigil.core.port;

import dev.vigil.core.security.ApiToken;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Hashed API tokens. Thread-safe. */
public interface ApiTokenStore {
  /** Stores a token; fails when the name is taken. */
  void create(ApiToken token);

  /** The unrevoked token with this hash. */
  Optional<ApiToken> findActiveByHash(String hash);

  List<ApiToken> list();

  boolean revoke(String name);

  /** Removes the token row entirely. */
  boolean delete(String name);

  void touch(String name, Instant at);
}
