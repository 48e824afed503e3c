package dev.vigil.core.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.core.agent.AgentDocument;
import dev.vigil.core.task.InvalidInputException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IntegrationDocumentTest {

  private static Map<String, Object> doc(Object... integrations) {
    return Map.of("apiVersion", AgentDocument.API_VERSION, "integrations", List.of(integrations));
  }

  @Test
  void a_prometheus_integration_with_bearer_token_reads_into_settings_and_a_credential_reference() {
    AgentDocument.Contents contents = AgentDocument.read(doc(Map.of("name", "prom-main", "type", "prometheus",
        "url", "http://prometheus:9090", "tenant", "team-a", "timeout", "20s",
        "auth", Map.of("bearerToken", "${env:PROM_TOKEN}"))));

    IntegrationConfig prom = contents.integrations().getFirst();
    assertThat(prom.type()).isEqualTo(IntegrationType.PROMETHEUS);
    assertThat(prom.settings()).containsEntry("url", "http://prometheus:9090").containsEntry("tenant", "team-a");
    assertThat(prom.credential("auth.bearerToken")).contains(new SecretRef.Env("PROM_TOKEN"));
    assertThat(contents.agents()).isEmpty();
  }

  @Test
  void writing_and_reading_again_gives_equal_integrations_with_references_not_values() {
    IntegrationConfig am = new IntegrationConfig("am-main", IntegrationType.ALERTMANAGER, List.of("responder"),
        Map.of("url", "http://am:9093", "auth.basic.username", "vigil"),
        Map.of("auth.basic.password", new SecretRef.File(java.nio.file.Path.of("/run/secrets/am"))));

    Map<String, Object> written = AgentDocument.writeDocument(List.of(am), List.of());

    assertThat(written.get("integrations").toString()).contains("${file:/run/secrets/am}");
    assertThat(AgentDocument.read(written).integrations()).containsExactly(am);
  }

  @Test
  void a_literal_credential_is_refused_without_repeating_it() {
    assertThatThrownBy(() -> AgentDocument.read(doc(Map.of("name", "gh", "type", "github",
        "webhookSecret", "hunter2-literal"))))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("integrations[0].webhookSecret: must be a reference such as ${env:NAME}")
        .hasMessageNotContaining("hunter2-literal");
  }

  @Test
  void unknown_fields_wrong_types_and_missing_required_fields_are_reported_with_their_paths_at_once() {
    assertThatThrownBy(() -> AgentDocument.read(doc(
        Map.of("name", "prom", "type", "prometheus", "tenat", "x", "auth", Map.of("bearer", "${env:T}")),
        Map.of("name", "s", "type", "slak"),
        Map.of("name", "t", "type", "teams", "timeout", "soon"))))
        .isInstanceOf(InvalidInputException.class)
        .satisfies(e -> assertThat(((InvalidInputException) e).problems()).contains(
            "integrations[0] (prometheus): unknown field 'tenat' (expected: agents, auth, name, tenant, timeout, type, url)",
            "integrations[0].auth: unknown field 'bearer' (expected: basic, bearerToken)",
            "integrations[0].url: required for a prometheus integration",
            "integrations[1].type: 'slak' is not an integration type (expected: prometheus, alertmanager, github,"
                + " slack, teams, pagerduty, kubernetes, git, webhook)",
            "integrations[2].webhookUrl: required for a teams integration"))
        .hasMessageContaining("integrations[2].timeout: ");
  }

  @Test
  void urls_with_embedded_credentials_and_both_kinds_of_auth_are_refused() {
    assertThatThrownBy(() -> AgentDocument.read(doc(Map.of("name", "p", "type", "prometheus",
        "url", "http://user:pw@prom:9090"))))
        .hasMessageContaining("integrations[0].url: credentials in the URL are not accepted")
        .hasMessageNotContaining("pw@");
    assertThatThrownBy(() -> AgentDocument.read(doc(Map.of("name", "p", "type", "prometheus",
        "url", "http://prom:9090", "auth", Map.of("bearerToken", "${env:A}",
            "basic", Map.of("username", "u", "password", "${env:B}"))))))
        .hasMessageContaining("give auth.bearerToken or auth.basic, not both");
  }

  @Test
  void two_integrations_of_one_name_are_refused() {
    Map<String, Object> one = Map.of("name", "hook", "type", "webhook", "url", "https://example.com/in");
    assertThatThrownBy(() -> AgentDocument.read(doc(one, one)))
        .hasMessageContaining("integrations[1].name: 'hook' appears twice");
  }

  @Test
  void a_document_without_agents_or_integrations_is_refused() {
    assertThatThrownBy(() -> AgentDocument.read(Map.of("apiVersion", AgentDocument.API_VERSION)))
        .hasMessageContaining("agents: required");
  }

  @Test
  void a_git_ssh_key_reads_as_a_reference_and_needs_a_pinned_host_key() {
    String fingerprint = "SHA256:nThbg6kXUpJWGl7E1IGOCspRomTxdCARLviKw6E5SY8";
    IntegrationConfig git = AgentDocument.read(doc(Map.of("name", "git-infra", "type", "git",
        "url", "ssh://git@git.example.com/acme/infra.git", "auth", Map.of("sshKey", "${file:/etc/vigil/deploy_key}"),
        "ssh", Map.of("hostKeyFingerprint", fingerprint, "knownHosts", "/etc/vigil/known_hosts"))))
        .integrations().getFirst();
    assertThat(git.credential("auth.sshKey")).contains(new SecretRef.File(java.nio.file.Path.of("/etc/vigil/deploy_key")));
    assertThat(git.setting("ssh.hostKeyFingerprint")).contains(fingerprint);

    assertThatThrownBy(() -> AgentDocument.read(doc(Map.of("name", "git-a", "type", "git", "url", "ssh://h/a/b",
        "auth", Map.of("sshKey", "${env:DEPLOY_KEY}")))))
        .hasMessageContaining("integrations[0].auth.sshKey: needs the server's host key pinned");
    assertThatThrownBy(() -> AgentDocument.read(doc(Map.of("name", "git-b", "type", "git", "url", "ssh://h/a/b",
        "auth", Map.of("sshKey", "${env:DEPLOY_KEY}"),
        "ssh", Map.of("hostKeyFingerprint", "MD5:16:27:ac", "knownHosts", "known_hosts")))))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.problems())
            .anySatisfy(p -> assertThat(p).startsWith("integrations[0].ssh.hostKeyFingerprint: 'MD5:16:27:ac'"))
            .anySatisfy(p -> assertThat(p).startsWith("integrations[0].ssh.knownHosts: 'known_hosts' must be an absolute")));
  }
}
