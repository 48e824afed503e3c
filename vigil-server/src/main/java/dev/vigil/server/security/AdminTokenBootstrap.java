package dev.vigil.server.security;

import dev.vigil.core.port.ApiTokenStore;
import dev.vigil.core.security.ApiToken;
import dev.vigil.server.config.ServerSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Makes sure an admin token exists: {@code VIGIL_ADMIN_TOKEN} when set (re-hashed on every start,
 * so changing the variable rotates it), else one generated on first start into
 * {@code <data>/admin-token} with mode 0600 and printed once.
 */
@Component
public class AdminTokenBootstrap {
  private static final Logger log = LoggerFactory.getLogger(AdminTokenBootstrap.class);

  public AdminTokenBootstrap(ServerSettings settings, ApiTokenStore tokens, Clock clock) throws IOException {
    Optional<ApiToken> row = tokens.list().stream().filter(t -> t.name().equals("admin")).findFirst();
    Optional<ApiToken> existing = row.filter(t -> !t.revoked());
    if (!settings.adminToken().isBlank()) {
      String hash = Tokens.hash(settings.adminToken());
      if (existing.isPresent() && existing.get().hash().equals(hash)) return;
      install(tokens, hash, clock, row.isPresent());
      log.info("admin token taken from VIGIL_ADMIN_TOKEN");
      return;
    }
    if (existing.isPresent()) return;
    String token = Tokens.newToken();
    Path file = settings.dataDir().resolve("admin-token");
    Files.createDirectories(settings.dataDir());
    Files.deleteIfExists(file);
    Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(file, token, StandardCharsets.UTF_8);
    install(tokens, Tokens.hash(token), clock, row.isPresent());
    // Printed once, on purpose: this is the only time the token is shown.
    System.out.println();
    System.out.println("  Vigil admin token (saved to " + file + ", mode 0600; shown only now):");
    System.out.println("  " + token);
    System.out.println();
  }

  private static void install(ApiTokenStore tokens, String hash, Clock clock, boolean replacing) {
    if (replacing) {
      tokens.delete("admin");
    }
    tokens.create(new ApiToken("admin", hash, clock.instant(), Optional.empty(), false));
  }
}
