package dev.vigil.tasks.deploywatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class DeployReportTest {
  @Test
  void the_rollback_advice_puts_the_deployed_sha_next_to_the_deployed_version() {
    DeployNotice deploy = new DeployNotice("checkout", "2.4.0", "e752177a9c0e1b2d3f4a5b6c7d8e9f0a1b2c3d4e",
        "production", "acme/shop", Instant.parse("2026-11-25T21:26:23Z"), "ev-1");

    assertThat(DeployReport.rollback(deploy))
        .isEqualTo("roll checkout back from 2.4.0 (e752177) to the release before it");
  }

  @Test
  void without_a_sha_the_advice_names_the_version_alone() {
    DeployNotice deploy = new DeployNotice("checkout", "2.4.0", "", "", "", Instant.parse("2026-11-25T21:26:23Z"),
        "ev-1");

    assertThat(DeployReport.rollback(deploy)).isEqualTo("roll checkout back from 2.4.0 to the release before it");
  }
}
