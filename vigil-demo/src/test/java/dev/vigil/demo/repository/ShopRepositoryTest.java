package dev.vigil.demo.repository;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.demo.shop.Effect;
import dev.vigil.demo.shop.Scenario;
import dev.vigil.demo.shop.ServiceKind;
import dev.vigil.demo.shop.ServiceSpec;
import dev.vigil.demo.shop.Shop;
import dev.vigil.demo.shop.TimedEffect;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import dev.vigil.core.change.ChangeLimits;
import dev.vigil.core.change.Changeset;
import dev.vigil.core.change.CommitSha;
import dev.vigil.core.change.FileChange;
import dev.vigil.integrations.git.GitChangeSource;
import dev.vigil.integrations.git.GitRemote;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.diff.DiffFormatter;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

class ShopRepositoryTest {
  // A Wednesday afternoon: the past week holds deploys on five weekdays.
  private static final Instant NOW = Instant.parse("2026-11-25T16:00:00Z");
  private static final Shop SHOP = Shop.standard();
  private static final Map<String, Boolean> FLAGS = Map.of("express-checkout", true);

  @TempDir
  Path tmp;

  private static List<TimedEffect> effects() {
    List<TimedEffect> effects = new ArrayList<>(Scenario.pastWeek(SHOP, NOW, ZoneId.of("UTC")));
    effects.addAll(Scenario.standard().at(NOW, 1));
    return effects;
  }

  private ShopRepository write(String name, long seed) throws IOException {
    return ShopRepository.write(tmp.resolve(name), SHOP, seed, NOW.minus(Duration.ofDays(7)), effects(), FLAGS);
  }

  @Test
  void the_same_seed_and_effects_give_the_same_commit_shas_and_another_seed_other_authors_and_shas()
      throws IOException {
    List<String> first = write("a", 42).releases().stream().map(ShopRepository.Release::sha).toList();
    List<String> again = write("b", 42).releases().stream().map(ShopRepository.Release::sha).toList();
    List<String> other = write("c", 7).releases().stream().map(ShopRepository.Release::sha).toList();

    assertThat(first).hasSize(again.size()).isEqualTo(again).doesNotContainNull();
    assertThat(other).hasSameSizeAs(first).isNotEqualTo(first);
  }

  @Test
  void every_deploy_is_a_tagged_commit_at_the_deploy_time_that_touches_its_service_folder() throws Exception {
    ShopRepository repo = write("shop", 42);
    List<TimedEffect> deploys = effects().stream().filter(e -> e.effect() instanceof Effect.Deploy).toList();
    assertThat(deploys).hasSizeGreaterThan(6);
    try (Git git = Git.open(repo.directory().toFile()); RevWalk walk = new RevWalk(git.getRepository())) {
      for (TimedEffect e : deploys) {
        Effect.Deploy d = (Effect.Deploy) e.effect();
        ShopRepository.Release release = repo.releaseOf(e).orElseThrow();
        RevCommit commit = walk.parseCommit(ObjectId.fromString(release.sha()));
        assertThat(commit.getAuthorIdent().getWhenAsInstant()).isEqualTo(e.at());
        assertThat(commit.getCommitterIdent().getWhenAsInstant()).isEqualTo(e.at());
        assertThat(commit.getFullMessage()).startsWith(d.summary());
        assertThat(changedPaths(git.getRepository(), commit)).allMatch(p -> p.startsWith("services/" + d.service()
            + "/")).contains("services/" + d.service() + "/config/app.yaml");
        assertThat(git.getRepository().exactRef("refs/tags/" + ShopRepository.tagOf(d)).getObjectId().getName())
            .isEqualTo(release.sha());
      }
    }
  }

  @Test
  void the_bad_checkout_deploy_calls_the_tax_rules_per_line_and_its_revert_restores_them() throws Exception {
    ShopRepository repo = write("shop", 42);
    List<TimedEffect> scenario = Scenario.standard().at(NOW, 1);
    String bad = repo.releaseOf(scenario.get(0)).orElseThrow().sha();
    String revert = repo.releaseOf(scenario.get(5)).orElseThrow().sha();
    try (Git git = Git.open(repo.directory().toFile()); RevWalk walk = new RevWalk(git.getRepository())) {
      RevCommit badCommit = walk.parseCommit(ObjectId.fromString(bad));
      assertThat(changedPaths(git.getRepository(), badCommit)).contains("services/checkout/src/tax.py");
      assertThat(patch(git.getRepository(), badCommit)).contains("+        rule = await call(request, \"tax-rules\"");
      RevCommit revertCommit = walk.parseCommit(ObjectId.fromString(revert));
      assertThat(patch(git.getRepository(), revertCommit)).contains("-        rule = await call(request,"
          + " \"tax-rules\"");
    }
  }

  @Test
  void the_migration_adds_0042_dropping_the_customer_index_and_the_flag_flip_edits_the_flags_file() throws Exception {
    ShopRepository repo = write("shop", 42);
    List<TimedEffect> scenario = Scenario.standard().at(NOW, 1);
    try (Git git = Git.open(repo.directory().toFile()); RevWalk walk = new RevWalk(git.getRepository())) {
      RevCommit migration = walk.parseCommit(ObjectId.fromString(repo.releaseOf(scenario.get(3)).orElseThrow().sha()));
      assertThat(changedPaths(git.getRepository(), migration))
          .containsExactly("db/migrations/0042_drop_orders_customer_id_index.sql");
      assertThat(patch(git.getRepository(), migration)).contains("+DROP INDEX IF EXISTS orders_customer_id_idx;");
      RevCommit flip = walk.parseCommit(ObjectId.fromString(repo.releaseOf(scenario.get(4)).orElseThrow().sha()));
      assertThat(changedPaths(git.getRepository(), flip)).containsExactly("config/feature-flags.yaml");
      assertThat(patch(git.getRepository(), flip)).contains("-  new-recommendations-model: false")
          .contains("+  new-recommendations-model: true");
    }
    // the leak changes no code
    assertThat(repo.releaseOf(scenario.get(2))).isEmpty();
  }

  @Test
  void the_configuration_change_that_crash_loops_puts_the_metrics_server_on_the_applications_port_and_no_code()
      throws Exception {
    List<TimedEffect> scenario = Scenario.configChange().at(NOW, 1);
    List<TimedEffect> effects = new ArrayList<>(Scenario.pastWeek(SHOP, NOW, ZoneId.of("UTC")));
    effects.addAll(scenario);
    ShopRepository repo = ShopRepository.write(tmp.resolve("config"), SHOP, 42, NOW.minus(Duration.ofDays(7)),
        effects, FLAGS);
    try (Git git = Git.open(repo.directory().toFile()); RevWalk walk = new RevWalk(git.getRepository())) {
      RevCommit healthy = walk.parseCommit(ObjectId.fromString(repo.releaseOf(scenario.get(0)).orElseThrow().sha()));
      assertThat(patch(git.getRepository(), healthy)).doesNotContain("+metrics_port").doesNotContain("-metrics_port");
      RevCommit crashing = walk.parseCommit(ObjectId.fromString(repo.releaseOf(scenario.get(1)).orElseThrow().sha()));
      assertThat(changedPaths(git.getRepository(), crashing)).containsExactlyInAnyOrder(
          "services/cart/config/app.yaml", "services/cart/CHANGELOG.md");
      assertThat(patch(git.getRepository(), crashing)).contains("-metrics_port: 9090").contains("+metrics_port: 8080");
    }
  }

  @Test
  void the_catalog_names_owner_system_dependencies_and_runbooks_of_every_service() throws IOException {
    ShopRepository repo = write("shop", 42);
    for (ServiceSpec s : SHOP.services()) {
      if (s.kind() != ServiceKind.SERVICE) {
        continue;
      }
      String catalog = Files.readString(repo.directory().resolve("services/" + s.name() + "/catalog-info.yaml"));
      assertThat(catalog).contains("kind: Component", "name: " + s.name() + "\n", "owner: group:" + s.team(),
          "system: shop", "providesApis: [" + s.name() + "-api]", "vigil.dev/paths: services/" + s.name(),
          "backstage.io/source-location: url:https://github.com/acme/shop/tree/main/services/" + s.name() + "/",
          "vigil.dev/runbook: https://github.com/acme/shop/blob/main/runbooks/");
      for (String target : s.calls().keySet()) {
        String kind = SHOP.find(target).orElseThrow().kind() == ServiceKind.SERVICE ? "component:" : "resource:";
        assertThat(catalog).contains("    - " + kind + target + "\n");
      }
    }
    String shared = Files.readString(repo.directory().resolve("catalog-info.yaml"));
    assertThat(shared).contains("kind: System", "name: shop", "kind: Group", "name: payments-team",
        "kind: Resource", "name: postgres", "type: database", "name: orders-queue", "type: queue");
    String codeowners = Files.readString(repo.directory().resolve(".github/CODEOWNERS"));
    assertThat(codeowners).contains("/services/checkout/", "@acme/payments-team", "/db/migrations/");
    for (String runbook : List.of("high-error-ratio", "high-latency", "slow-queries", "memory")) {
      assertThat(repo.directory().resolve("runbooks/" + runbook + ".md")).isRegularFile();
      assertThat(Files.readString(Path.of("../demo/prometheus/shop.rules.yml")))
          .contains("runbook_url: \"runbooks/" + runbook + ".md\"");
    }
  }

  @Test
  void every_yaml_file_of_the_repository_parses_and_every_catalog_document_has_a_backstage_kind_and_name()
      throws IOException {
    ShopRepository repo = write("shop", 42);
    YAMLMapper yaml = new YAMLMapper();
    List<Path> files;
    try (var walk = Files.walk(repo.directory())) {
      files = walk.filter(p -> !p.toString().contains("/.git/"))
          .filter(p -> p.toString().endsWith(".yaml")).toList();
    }
    assertThat(files).hasSize(2 + 9 * 2); // catalog and flags, then per service its entry and app.yaml
    int entities = 0;
    for (Path f : files) {
      try (var parser = yaml.createParser(f.toFile())) {
        var documents = yaml.readValues(parser, JsonNode.class);
        while (documents.hasNext()) {
          JsonNode doc = documents.next();
          if (f.getFileName().toString().equals("catalog-info.yaml")) {
            assertThat(doc.path("apiVersion").asString()).as(f.toString()).isEqualTo("backstage.io/v1alpha1");
            assertThat(doc.path("kind").asString()).as(f.toString()).isIn("Component", "API", "System", "Group",
                "Resource");
            assertThat(doc.path("metadata").path("name").asString()).as(f.toString()).isNotBlank();
            entities++;
          }
        }
      }
    }
    // 9 services with their APIs, the system, 6 teams, postgres and the queue
    assertThat(entities).isEqualTo(9 * 2 + 1 + 6 + 2);
  }

  @Test
  void the_git_integration_reads_the_bad_deploys_changeset_from_the_previous_checkout_release_over_file_url()
      throws Exception {
    // Under git/acme/shop the integration names the repository acme/shop, as the deploy payloads do.
    ShopRepository repo = ShopRepository.write(tmp.resolve("git/acme/shop"), SHOP, 42, NOW.minus(Duration.ofDays(7)),
        effects(), FLAGS);
    List<ShopRepository.Release> checkout = repo.releases().stream()
        .filter(r -> r.effect().effect() instanceof Effect.Deploy d && d.service().equals("checkout")).toList();
    ShopRepository.Release bad = checkout.stream().filter(r -> r.tag().orElseThrow().equals("checkout-v2.4.0"))
        .findFirst().orElseThrow();
    ShopRepository.Release before = checkout.get(checkout.indexOf(bad) - 1);
    GitChangeSource source = new GitChangeSource("shop-git", GitRemote.of(repo.directory().toUri().toString()),
        tmp.resolve("vigil-clone"));

    Changeset changes = source.changeset("acme/shop", CommitSha.of(before.sha()), CommitSha.of(bad.sha()),
        ChangeLimits.DEFAULT);

    assertThat(changes.commits()).extracting(c -> c.sha().value()).first().isEqualTo(bad.sha());
    assertThat(changes.commits().getFirst().time()).isEqualTo(bad.effect().at());
    assertThat(changes.commits().getFirst().subject()).startsWith("new tax calculation");
    assertThat(changes.files()).extracting(FileChange::path).contains("services/checkout/src/tax.py",
        "services/checkout/config/app.yaml");
    // Between the two checkout releases, other teams' commits (the past week's releases) are in it too.
    assertThat(changes.files()).extracting(FileChange::path).anyMatch(p -> !p.startsWith("services/checkout/"));
  }

  @Test
  void a_file_url_clone_sees_every_commit_and_tag() throws Exception {
    ShopRepository repo = write("shop", 42);
    Path clone = tmp.resolve("clone");
    try (Git git = Git.cloneRepository().setURI(repo.directory().toUri().toString()).setDirectory(clone.toFile())
        .setBare(true).call()) {
      for (ShopRepository.Release r : repo.releases()) {
        assertThat(git.getRepository().parseCommit(ObjectId.fromString(r.sha())).getName()).isEqualTo(r.sha());
        if (r.tag().isPresent()) {
          assertThat(git.getRepository().exactRef("refs/tags/" + r.tag().get())).isNotNull();
        }
      }
    }
  }

  private static List<String> changedPaths(Repository repo, RevCommit commit) throws IOException {
    try (DiffFormatter diff = new DiffFormatter(new ByteArrayOutputStream()); RevWalk walk = new RevWalk(repo)) {
      diff.setRepository(repo);
      return diff.scan(walk.parseCommit(commit.getParent(0)).getTree(), commit.getTree()).stream()
          .map(DiffEntry::getNewPath).toList();
    }
  }

  private static String patch(Repository repo, RevCommit commit) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (DiffFormatter diff = new DiffFormatter(out); RevWalk walk = new RevWalk(repo)) {
      diff.setRepository(repo);
      diff.format(walk.parseCommit(commit.getParent(0)).getTree(), commit.getTree());
    }
    return out.toString(StandardCharsets.UTF_8);
  }
}
