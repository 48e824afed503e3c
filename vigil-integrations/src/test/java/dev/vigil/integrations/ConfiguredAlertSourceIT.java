package dev.vigil.integrations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.core.agent.Grant;
import dev.vigil.core.alert.Alert;
import dev.vigil.core.alert.Silence;
import dev.vigil.core.alert.SilenceRequest;
import dev.vigil.core.integration.IntegrationConfig;
import dev.vigil.core.integration.IntegrationFailure;
import dev.vigil.core.integration.IntegrationType;
import dev.vigil.core.integration.SecretResolver;
import dev.vigil.core.metrics.LabelMatcher;
import dev.vigil.core.port.AlertSource;
import dev.vigil.integrations.testing.MapIntegrationStore;
import dev.vigil.integrations.testing.ScriptedServer;
import dev.vigil.integrations.testing.TempDirs;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Alert sources opened from configuration on a real Alertmanager (scripts/alertmanager.sh): the
 * agent's alerts:read scope narrows every read and confines every silence, alerts:silence gates
 * writes, and a refused call is DENIED before anything reaches Alertmanager (the outbound hook
 * records what is actually sent).
 */
class ConfiguredAlertSourceIT {
  private static ScriptedServer alertmanager;
  private static Path workDir;
  private static URI amUrl;

  private final MapIntegrationStore store = new MapIntegrationStore();
  private final ConfiguredIntegrations integrations = new ConfiguredIntegrations(store, new SecretResolver(k -> null));
  private final List<String> sent = new CopyOnWriteArrayList<>();
  private final String alertname = "VigilScope" + UUID.randomUUID().toString().substring(0, 8);
  private IntegrationConfig config;

  @BeforeAll
  static void start() throws IOException {
    workDir = Files.createTempDirectory("vigil-am-scope-it");
    Path yml = Files.writeString(workDir.resolve("alertmanager.yml"), """
        route:
          receiver: nobody
        receivers:
          - name: nobody
        """);
    alertmanager = ScriptedServer.start("alertmanager", "--config", yml.toString());
    amUrl = URI.create(alertmanager.get("VIGIL_AM_URL"));
  }

  @AfterAll
  static void stop() throws IOException {
    if (alertmanager != null) {
      alertmanager.close();
    }
    TempDirs.delete(workDir);
  }

  @BeforeEach
  void configureAndFire() throws Exception {
    config = new IntegrationConfig("am-main", IntegrationType.ALERTMANAGER, List.of(),
        Map.of("url", amUrl.toString(), "timeout", "10s"), Map.of());
    store.save(config, Instant.now());
    String alerts = """
        [{"labels":{"alertname":"%1$s","namespace":"payments","service":"checkout"},"annotations":{"summary":"p"}},
         {"labels":{"alertname":"%1$s","namespace":"search","service":"indexer"},"annotations":{"summary":"s"}}]"""
        .formatted(alertname);
    HttpResponse<String> posted = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(amUrl
        + "/api/v2/alerts")).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
        alerts)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(posted.statusCode()).as(posted.body()).isEqualTo(200);
  }

  private AlertSource open(Grant... grants) {
    return integrations.alerts(config, List.of(grants), source -> new Recording(source, sent));
  }

  private static Grant read(String... scope) {
    return new Grant("am-main", "alerts:read", List.of(scope));
  }

  private static Grant silence() {
    return new Grant("am-main", "alerts:silence", List.of());
  }

  private List<LabelMatcher> ours() {
    return List.of(LabelMatcher.equal("alertname", alertname));
  }

  private SilenceRequest silenceOf(LabelMatcher... matchers) {
    Instant now = Instant.now();
    return new SilenceRequest(List.of(matchers), now, now.plus(Duration.ofMinutes(30)), "vigil agent it",
        "scope test");
  }

  @Test
  void a_scoped_agent_sees_only_the_alerts_inside_its_scope() throws Exception {
    List<Alert> seen = open(read("{namespace=\"payments\"}")).alerts(ours());

    assertThat(seen).singleElement().satisfies(a -> assertThat(a.labels()).containsEntry("namespace", "payments"));
    assertThat(sent).containsExactly("alerts alertname=\"" + alertname + "\", namespace=\"payments\"");
    assertThat(open(read()).alerts(ours())).hasSize(2);
  }

  @Test
  void a_filter_for_another_namespace_is_denied_before_it_is_sent() {
    AlertSource scoped = open(read("{namespace=\"payments\"}"));

    assertThatThrownBy(() -> scoped.alerts(List.of(LabelMatcher.equal("namespace", "search"))))
        .isInstanceOfSatisfying(IntegrationFailure.class, f -> {
          assertThat(f.kind()).isEqualTo(IntegrationFailure.Kind.DENIED);
          assertThat(f.getMessage()).contains("namespace=\"search\"", "outside the alerts:read scope");
        });
    assertThat(sent).isEmpty();
  }

  @Test
  void a_silence_confined_to_the_scope_is_created_listed_mutes_and_expires() throws Exception {
    AlertSource scoped = open(read("{namespace=\"payments\"}"), silence());

    String id = scoped.createSilence(silenceOf(LabelMatcher.equal("alertname", alertname),
        LabelMatcher.equal("namespace", "payments")));

    assertThat(scoped.silences()).extracting(Silence::id).contains(id);
    Instant deadline = Instant.now().plusSeconds(10);
    while (scoped.alerts(ours()).size() == 1 && Instant.now().isBefore(deadline)) {
      Thread.sleep(100);
    }
    assertThat(scoped.alerts(ours())).isEmpty();
    assertThat(scoped.alerts(ours(), true, true)).singleElement().satisfies(a ->
        assertThat(a.silencedBy()).containsExactly(id));
    scoped.expireSilence(id);
    assertThat(open(read()).silences()).filteredOn(s -> s.id().equals(id)).singleElement()
        .satisfies(s -> assertThat(s.state()).isEqualTo("expired"));
  }

  @Test
  void a_silence_that_could_mute_alerts_outside_the_scope_is_denied_unsent() {
    AlertSource scoped = open(read("{namespace=\"payments\"}"), silence());

    for (SilenceRequest wide : List.of(silenceOf(LabelMatcher.equal("alertname", alertname)),
        silenceOf(LabelMatcher.equal("alertname", alertname), LabelMatcher.equal("namespace", "search")),
        silenceOf(LabelMatcher.equal("alertname", alertname),
            new LabelMatcher("namespace", LabelMatcher.Operator.REGEX, "pay.*")))) {
      assertThatThrownBy(() -> scoped.createSilence(wide))
          .isInstanceOfSatisfying(IntegrationFailure.class, f -> {
            assertThat(f.kind()).isEqualTo(IntegrationFailure.Kind.DENIED);
            assertThat(f.getMessage()).contains("could mute alerts outside the alerts:read scope");
          });
    }
    assertThat(sent).isEmpty();
  }

  @Test
  void silences_outside_the_scope_are_neither_listed_nor_expirable_and_silencing_needs_its_grant() throws Exception {
    String elsewhere = open(read(), silence()).createSilence(silenceOf(LabelMatcher.equal("alertname", alertname),
        LabelMatcher.equal("namespace", "search")));
    sent.clear();
    AlertSource scoped = open(read("{namespace=\"payments\"}"), silence());

    assertThat(scoped.silences()).extracting(Silence::id).doesNotContain(elsewhere);
    assertThatThrownBy(() -> scoped.expireSilence(elsewhere))
        .isInstanceOfSatisfying(IntegrationFailure.class, f -> assertThat(f.kind())
            .isEqualTo(IntegrationFailure.Kind.DENIED));
    assertThatThrownBy(() -> scoped.expireSilence("00000000-0000-0000-0000-000000000000"))
        .isInstanceOfSatisfying(IntegrationFailure.class, f -> assertThat(f.kind())
            .isEqualTo(IntegrationFailure.Kind.NOT_FOUND));
    assertThat(sent).containsOnly("silences");

    AlertSource readOnly = open(read("{namespace=\"payments\"}"));
    assertThatThrownBy(() -> readOnly.createSilence(silenceOf(LabelMatcher.equal("namespace", "payments"))))
        .isInstanceOfSatisfying(IntegrationFailure.class, f -> assertThat(f.getMessage())
            .contains("no alerts:silence grant"));
    assertThat(open(read()).silences()).filteredOn(s -> s.id().equals(elsewhere)).singleElement()
        .satisfies(s -> assertThat(s.active()).isTrue());
  }

  @Test
  void opening_needs_an_alertmanager_integration_and_an_alerts_read_grant() {
    assertThatThrownBy(() -> open(silence())).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no alerts:read grant names 'am-main'");
    IntegrationConfig prom = new IntegrationConfig("prom", IntegrationType.PROMETHEUS, List.of(),
        Map.of("url", "http://127.0.0.1:9"), Map.of());
    assertThatThrownBy(() -> integrations.alerts(prom, List.of(new Grant("prom", "alerts:read", List.of())), s -> s))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is a prometheus integration");
    assertThatThrownBy(() -> open(read("namespace=")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("alerts:read scope");
  }

  /** Records what reaches Alertmanager. */
  private record Recording(AlertSource source, List<String> sent) implements AlertSource {
    @Override
    public String integration() {
      return source.integration();
    }

    @Override
    public List<Alert> alerts(List<LabelMatcher> filter, boolean includeSilenced, boolean includeInhibited)
        throws IntegrationFailure {
      sent.add("alerts " + String.join(", ", filter.stream().map(LabelMatcher::toString).toList()));
      return source.alerts(filter, includeSilenced, includeInhibited);
    }

    @Override
    public List<Silence> silences() throws IntegrationFailure {
      sent.add("silences");
      return source.silences();
    }

    @Override
    public String createSilence(SilenceRequest request) throws IntegrationFailure {
      sent.add("create " + request.matchers());
      return source.createSilence(request);
    }

    @Override
    public void expireSilence(String id) throws IntegrationFailure {
      sent.add("expire " + id);
      source.expireSilence(id);
    }
  }
}
