package dev.vigil.server.api;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The integrations contract on the embedded H2 database in a private data folder. */
class H2IntegrationsIT extends IntegrationsContract {
  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    ApiContract.commonProperties(registry);
  }
}
