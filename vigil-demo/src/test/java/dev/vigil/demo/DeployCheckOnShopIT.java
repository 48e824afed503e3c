package dev.vigil.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.analysis.judge.Verdict;
import dev.vigil.demo.shop.Scenario;
import dev.vigil.core.outbox.ChatAttachment;
import dev.vigil.core.outbox.ChatPost;
import dev.vigil.tasks.deploywatch.DeployCheck;
import dev.vigil.tasks.deploywatch.DeployNotice;
import dev.vigil.tasks.deploywatch.DeployReport;
import dev.vigil.tasks.deploywatch.SignalSets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The deploy watch's check on the shop's real history in the real Prometheus, evaluated as of the
 * check's time (a backtest): the standard scenario is played three hours ago, so its good shipping
 * deploy (+1 min) and bad checkout deploy (+3 min) are both in the backfilled history.
 */
class DeployCheckOnShopIT {
  private static ShopHistory shop;

  @BeforeAll
  static void start() throws IOException {
    shop = ShopHistory.start("standard", 5);
  }

  @AfterAll
  static void stop() {
    if (shop != null) {
      shop.close();
    }
  }

  @Test
  void theBadCheckoutDeployFailsAtTheFirstCheckOnLatencyAndErrors() throws Exception {
    Instant deployed = shop.scenarioStart().plus(Scenario.standard().deployOffset("checkout"));
    DeployCheck.Result result = check("checkout", deployed, Duration.ofMinutes(5));

    assertThat(result.verdict().verdict()).isEqualTo(Verdict.FAIL);
    assertThat(ShopHistory.verdicts(result)).containsEntry("latency_p99", Verdict.FAIL).containsEntry("error_ratio", Verdict.FAIL)
        .containsEntry("traffic", Verdict.PASS);
    assertThat(result.signals()).allSatisfy(s -> assertThat(s.notes())
        .as("history is one day: nothing a week back").anyMatch(n -> n.contains("no data a week back")));

    DeployNotice notice = new DeployNotice("checkout", "2.4.0", "", "production", "acme/shop", deployed, "e-1");
    ChatPost post = DeployReport.card("#deploys", notice, result, Duration.ofMinutes(5), false,
        shop.prometheusUrl());
    assertThat(post.card()).get().satisfies(card -> {
      assertThat(card.title()).isEqualTo("checkout 2.4.0 (production): FAIL at +5m");
      assertThat(card.nextStep()).get().asString().contains("roll checkout back");
      assertThat(card.evidence()).hasSize(3);
    });
    assertThat(post.text()).contains("latency_p99: ").contains("/graph?g0.expr=");
    assertThat(post.attachments()).as("a chart per failing signal").hasSize(2);
    Path charts = Files.createDirectories(Path.of("target/charts"));
    for (ChatAttachment chart : post.attachments()) {
      Files.write(charts.resolve(chart.name()), chart.content()); // for a look after the run
      assertThat(javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(chart.content())).getWidth())
          .isEqualTo(800);
    }
  }

  @Test
  void theGoodShippingDeployPasses() throws Exception {
    Instant deployed = shop.scenarioStart().plus(Scenario.standard().deployOffset("shipping"));
    DeployCheck.Result result = check("shipping", deployed, Duration.ofMinutes(5));

    assertThat(result.verdict().verdict()).as(result.signals().toString()).isEqualTo(Verdict.PASS);
  }

  @Test
  void aCheckReadsNothingAfterItsTime() throws Exception {
    // At +3 min the bad deploy's after-window holds the minute from +2 to +3 only, all of it already bad.
    Instant deployed = shop.scenarioStart().plus(Scenario.standard().deployOffset("checkout"));
    DeployCheck.Result result = check("checkout", deployed, Duration.ofMinutes(3));

    assertThat(result.windows().after().end()).isEqualTo(deployed.plus(Duration.ofMinutes(3)));
    assertThat(result.signals().getFirst().judgement().vsBefore().candidateSize()).isLessThanOrEqualTo(2);
  }

  private static DeployCheck.Result check(String service, Instant deployed, Duration at) throws Exception {
    return shop.check(service, deployed, at, SignalSets.named("prometheus-http").orElseThrow());
  }
}
