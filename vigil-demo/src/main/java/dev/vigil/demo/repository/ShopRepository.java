package dev.vigil.demo.repository;

import dev.vigil.demo.shop.Effect;
import dev.vigil.demo.shop.ServiceKind;
import dev.vigil.demo.shop.ServiceSpec;
import dev.vigil.demo.shop.Shop;
import dev.vigil.demo.shop.TimedEffect;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;

/**
 * Writes the shop's Git repository: an initial import of every service's source, configuration and
 * catalog entry, then one commit per effect that is a change to the code (a deploy, a migration, a
 * feature flag flip), dated at the effect's instant and written by someone of the owning team.
 *
 * <p>Author and committer times come from the effects, never from the clock, and authors are drawn
 * from the seed, so the same shop, seed and effects give the same commit SHAs; a deploy watch that
 * reads a changeset through the {@code git} integration sees the same history every time.
 */
public final class ShopRepository {
  /** The repository's name on the (pretend) forge; catalog links and the deploy payloads use it. */
  public static final String NAME = "acme/shop";
  /** Git's initial branch, and the ref the catalog's source links point into. */
  public static final String BRANCH = "main";
  /** The initial import lies this long before the first moment of history. */
  static final Duration IMPORT_LEAD = Duration.ofDays(1);

  private static final String FORGE = "https://github.com/" + NAME;
  private static final Map<String, List<String>> PEOPLE = Map.of(
      "storefront", List.of("Ana Lima", "Jonas Weber"),
      "payments-team", List.of("Priya Nair", "Tom Becker"),
      "catalog-team", List.of("Mei Chen", "Lukas Novak"),
      "discovery-team", List.of("Sara Rossi", "Omar Haddad"),
      "fulfilment-team", List.of("Kofi Mensah", "Ines Duarte"),
      "platform-team", List.of("Eva Lindqvist", "Raj Patel"));

  /**
   * A commit made for an effect.
   *
   * @param effect the deploy, migration or flag flip it carries
   * @param sha the commit's full hexadecimal id
   * @param tag the tag on it ({@code checkout-v2.4.0} for a deploy), empty for other effects
   */
  public record Release(TimedEffect effect, String sha, Optional<String> tag) {
    public Release {
      Objects.requireNonNull(effect, "effect");
      Objects.requireNonNull(sha, "sha");
      Objects.requireNonNull(tag, "tag");
    }
  }

  private final Path directory;
  private final List<Release> releases;
  private final String importSha;

  private ShopRepository(Path directory, List<Release> releases, String importSha) {
    this.directory = directory;
    this.releases = List.copyOf(releases);
    this.importSha = importSha;
  }

  /** Where the working tree is ({@code .git} inside); {@code file://} plus this path clones it. */
  public Path directory() {
    return directory;
  }

  /** The commits made for effects, oldest first. */
  public List<Release> releases() {
    return releases;
  }

  /** The commit made for this effect, if it is one that changes the code. */
  public Optional<Release> releaseOf(TimedEffect effect) {
    return releases.stream().filter(r -> r.effect().equals(effect)).findFirst();
  }

  /**
   * The commit that was running before {@code release} was deployed: the service's previous release, else the
   * initial import. What a deploy tool reports as the previously deployed commit.
   */
  public String deployedBefore(Release release) {
    String service = release.effect().effect() instanceof Effect.Deploy d ? d.service() : null;
    String before = importSha;
    for (Release r : releases) {
      if (r.equals(release)) {
        return before;
      }
      if (r.effect().effect() instanceof Effect.Deploy d && d.service().equals(service)) {
        before = r.sha();
      }
    }
    throw new IllegalArgumentException("release " + release.sha() + " is not one of this repository's");
  }

  /** The name of the tag a deploy gets: service and version, since versions repeat across services. */
  public static String tagOf(Effect.Deploy deploy) {
    return deploy.service() + "-v" + deploy.version();
  }

  /**
   * Replaces whatever is at {@code directory} with the shop's repository.
   *
   * @param historyStart the first moment of the simulated history; the initial import is a day before
   * @param effects every effect of history and scenario, in any order; deploys, slowdowns of a datastore
   *     (a migration) and flag flips become commits, others (a leak) leave no trace in the code
   */
  public static ShopRepository write(Path directory, Shop shop, long seed, Instant historyStart,
      List<TimedEffect> effects, Map<String, Boolean> initialFlags) throws IOException {
    Objects.requireNonNull(shop, "shop");
    deleteRecursively(directory);
    Files.createDirectories(directory);
    List<TimedEffect> ordered = effects.stream().sorted(Comparator.comparing(TimedEffect::at)).toList();
    Map<String, Boolean> flags = new TreeMap<>(initialFlags);
    for (TimedEffect e : ordered) {
      if (e.effect() instanceof Effect.FlagFlip flip) {
        flags.putIfAbsent(flip.flag(), !flip.on());
      }
    }
    SplittableRandom random = new SplittableRandom(seed);
    ShopTree tree = new ShopTree(shop, FORGE, BRANCH);
    List<Release> releases = new ArrayList<>();
    try (Git git = Git.init().setDirectory(directory.toFile()).setInitialBranch(BRANCH).call()) {
      Writer writer = new Writer(git, directory);
      writer.files(tree.initialImport(flags));
      String importSha = writer.commit("Import the shop: services, migrations, catalog, runbooks",
          person("platform-team", random, historyStart.minus(IMPORT_LEAD))).getName();
      int migration = ShopTree.FIRST_NEW_MIGRATION;
      for (TimedEffect e : ordered) {
        Change change = switch (e.effect()) {
          case Effect.Deploy d -> new Change(tree.deploy(d), d.summary() + "\n\nRelease " + d.service() + " "
              + d.version() + ".", team(shop, d.service()), Optional.of(tagOf(d)));
          case Effect.Slowdown s when kind(shop, s.service()) == ServiceKind.DATASTORE -> {
            Map<String, String> files = tree.migration(migration++);
            yield new Change(files, "Migration " + files.keySet().iterator().next().replaceAll(".*/", "")
                .replace(".sql", "") + "\n\n" + s.cause() + ".", team(shop, s.service()), Optional.empty());
          }
          case Effect.FlagFlip f -> {
            flags.put(f.flag(), f.on());
            yield new Change(Map.of(ShopTree.FLAGS, ShopTree.featureFlags(flags)), "Switch " + f.flag() + " "
                + (f.on() ? "on" : "off") + " for " + f.service(), team(shop, f.service()), Optional.empty());
          }
          default -> null;
        };
        if (change == null) {
          continue;
        }
        writer.files(change.files());
        RevCommit commit = writer.commit(change.message(), person(change.team(), random, e.at()));
        if (change.tag().isPresent()) {
          git.tag().setName(change.tag().get()).setObjectId(commit).setAnnotated(false).setForceUpdate(true).call();
        }
        releases.add(new Release(e, commit.getName(), change.tag()));
      }
      return new ShopRepository(directory, releases, importSha);
    } catch (GitAPIException e) {
      throw new IOException("could not write the shop's repository at " + directory + ": " + e.getMessage(), e);
    }
  }

  private record Change(Map<String, String> files, String message, String team, Optional<String> tag) {
  }

  private static String team(Shop shop, String service) {
    return shop.find(service).map(ServiceSpec::team).orElse("platform-team");
  }

  private static ServiceKind kind(Shop shop, String service) {
    return shop.find(service).map(ServiceSpec::kind).orElse(null);
  }

  private static PersonIdent person(String team, SplittableRandom random, Instant at) {
    List<String> people = PEOPLE.getOrDefault(team, PEOPLE.get("platform-team"));
    String name = people.get(random.nextInt(people.size()));
    String email = name.toLowerCase(java.util.Locale.ROOT).replace(' ', '.') + "@acme.example";
    return new PersonIdent(name, email, at, ZoneOffset.UTC);
  }

  /** Writes files into the working tree and commits them. */
  private record Writer(Git git, Path root) {
    void files(Map<String, String> files) throws IOException {
      for (Map.Entry<String, String> f : new TreeMap<>(files).entrySet()) {
        Path target = root.resolve(f.getKey());
        Files.createDirectories(target.getParent());
        Files.writeString(target, f.getValue(), StandardCharsets.UTF_8);
      }
    }

    RevCommit commit(String message, PersonIdent who) throws GitAPIException {
      git.add().addFilepattern(".").call();
      return git.commit().setMessage(message).setAuthor(who).setCommitter(who).setSign(false)
          .setAllowEmpty(true).call();
    }
  }

  private static void deleteRecursively(Path directory) throws IOException {
    if (!Files.exists(directory)) {
      return;
    }
    Files.walkFileTree(directory, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        Files.delete(file);
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
        if (e != null) {
          throw e;
        }
        Files.delete(dir);
        return FileVisitResult.CONTINUE;
      }
    });
  }
}
