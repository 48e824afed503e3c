package dev.vigil.server.api;

import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The integrations contract on a fresh PostgreSQL database, as {@link PostgresApiIT} makes one. */
@ExtendWith(PostgresApiIT.RequiresPostgres.class)
class PostgresIntegrationsIT extends IntegrationsContract {
  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    PostgresApiIT.properties(registry);
  }
}
