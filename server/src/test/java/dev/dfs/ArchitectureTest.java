package dev.dfs;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.AccessTarget;
import com.tngtech.archunit.core.domain.JavaCall;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Keeps the layer arrows of the README's Architecture section true: a lower layer never imports a
 * higher one, the protocol layers never touch files or RocksDB, and no engine sees HTTP. Each rule
 * is named after what it checks. (authzSitsBelowTheProtocols was dropped: every package it forbade
 * is also forbidden by authzKnowsNoPolicyLanguageProtocolsOrHttp.)
 *
 * <pre>
 * cli → server → s3, admin → authz → auth → store → util
 *               s3, admin → observe → util
 *                   admin → identity → auth, crypto, util
 *               s3, admin → kms → crypto, util
 *               any layer → crypto (JDK only)
 *        server, s3, admin → lifecycle → store → util
 * </pre>
 */
class ArchitectureTest {
  private static JavaClasses classes;

  @BeforeAll
  static void importMainClasses() {
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.dfs");
  }

  private static void check(ArchRule rule) {
    rule.check(classes);
  }

  @Test
  void utilKnowsNoStoreAuthProtocolsOrWiring() {
    check(
        noClasses()
            .that()
            .resideInAPackage("dev.dfs.util..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                "dev.dfs.store..",
                "dev.dfs.auth..",
                "dev.dfs.s3..",
                "dev.dfs.admin..",
                "dev.dfs.server..",
                "dev.dfs.cli..")
            .because("util is the bottom layer"));
  }

  @Test
  void storeKnowsNoAuthProtocolsOrWiring() {
    check(
        noClasses()
            .that()
            .resideInAPackage("dev.dfs.store..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                "dev.dfs.auth..",
                "dev.dfs.s3..",
                "dev.dfs.admin..",
                "dev.dfs.server..",
                "dev.dfs.cli..")
            .because("engines know nothing of protocols, auth or wiring"));
  }

  @Test
  void authKnowsNoProtocolsOrWiring() {
    check(
        noClasses()
            .that()
            .resideInAPackage("dev.dfs.auth..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                "dev.dfs.s3..", "dev.dfs.admin..", "dev.dfs.server..", "dev.dfs.cli..")
            .because("auth sits below the protocols"));
  }

  @Test
  void s3KnowsNoAdminOrWiring() {
    check(
        noClasses()
            .that()
            .resideInAPackage("dev.dfs.s3..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("dev.dfs.admin..", "dev.dfs.server..", "dev.dfs.cli..")
            .because("protocols are siblings and never reach up to the wiring"));
  }

  @Test
  void cryptoKnowsNoOtherLayer() {
    check(
        noClasses()
            .that()
            .resideInAPackage("dev.dfs.crypto..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                "dev.dfs.store..",
                "dev.dfs.auth..",
                "dev.dfs.authz..",
                "dev.dfs.identity..",
                "dev.dfs.s3..",
                "dev.dfs.admin..",
                "dev.dfs.server..",
                "dev.dfs.cli..")
            .because("key handling is a bottom layer every other layer may use"));
  }

  @Test
  void adminKnowsNoS3OrWiring() {
    check(
        noClasses()
            .that()
            .resideInAPackage("dev.dfs.admin..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("dev.dfs.s3..", "dev.dfs.server..", "dev.dfs.cli..")
            .because("protocols are siblings and never reach up to the wiring"));
  }

  @Test
  void authzKnowsNoPolicyLanguageProtocolsOrHttp() {
    check(
        noClasses()
            .that()
            .resideInAPackage("dev.dfs.authz..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                "dev.dfs.policy..",
                "dev.dfs.s3..",
                "dev.dfs.admin..",
                "dev.dfs.server..",
                "dev.dfs.cli..",
                "org.eclipse.jetty..")
            .because(
                "the authorizer combines grant sources it is given; it knows no policy"
                    + " language and no HTTP"));
  }

  @Test
  void policyKnowsNoProtocolsMetricsOrHttp() {
    check(
        noClasses()
            .that()
            .resideInAPackage("dev.dfs.policy..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                "dev.dfs.s3..",
                "dev.dfs.admin..",
                "dev.dfs.server..",
                "dev.dfs.cli..",
                "dev.dfs.observe..",
                "org.eclipse.jetty..")
            .because(
                "policies are parsed and evaluated without HTTP; only BucketPolicies reads"
                    + " the store"));
  }

  @Test
  void observeKnowsNoStoreAuthProtocolsOrBench() {
    check(
        noClasses()
            .that()
            .resideInAPackage("dev.dfs.observe..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                "dev.dfs.store..",
                "dev.dfs.auth..",
                "dev.dfs.s3..",
                "dev.dfs.admin..",
                "dev.dfs.server..",
                "dev.dfs.cli..",
                "dev.dfs.bench..")
            .because(
                "observation sits below the protocols and sees the store only as plain values"));
  }

  @Test
  void utilStoreAndAuthDoNotUseObserve() {
    check(
        noClasses()
            .that()
            .resideInAnyPackage("dev.dfs.util..", "dev.dfs.store..", "dev.dfs.auth..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("dev.dfs.observe..")
            .because("engines and auth are observed from above, never call up"));
  }

  @Test
  void lifecycleKnowsNoAuthProtocolsMetricsOrHttp() {
    check(
        noClasses()
            .that()
            .resideInAPackage("dev.dfs.lifecycle..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                "dev.dfs.auth..",
                "dev.dfs.s3..",
                "dev.dfs.admin..",
                "dev.dfs.server..",
                "dev.dfs.cli..",
                "dev.dfs.observe..",
                "org.eclipse.jetty..")
            .because("lifecycle rules and their worker sit between the protocols and the engines"));
  }

  @Test
  void utilStoreAuthAndObserveDoNotUseLifecycle() {
    check(
        noClasses()
            .that()
            .resideInAnyPackage(
                "dev.dfs.util..", "dev.dfs.store..", "dev.dfs.auth..", "dev.dfs.observe..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("dev.dfs.lifecycle..")
            .because("engines, auth and observation never call up into lifecycle"));
  }

  @Test
  void consoleKnowsOnlyHttp() {
    check(
        noClasses()
            .that()
            .resideInAPackage("dev.dfs.console..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                "dev.dfs.store..",
                "dev.dfs.auth..",
                "dev.dfs.authz..",
                "dev.dfs.identity..",
                "dev.dfs.s3..",
                "dev.dfs.admin..",
                "dev.dfs.server..",
                "dev.dfs.cli..")
            .because(
                "the console is static files: the browser signs its own S3 and /api/v1"
                    + " requests, so the server side never sees a console credential"));
  }

  @Test
  void kmsKnowsNoStoreProtocolsOrHttp() {
    check(
        noClasses()
            .that()
            .resideInAPackage("dev.dfs.kms..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                "dev.dfs.store..",
                "dev.dfs.auth..",
                "dev.dfs.authz..",
                "dev.dfs.s3..",
                "dev.dfs.admin..",
                "dev.dfs.server..",
                "dev.dfs.cli..",
                "org.eclipse.jetty..")
            .because(
                "the key service sits beside identity, below the protocols: S3 and the"
                    + " management API use it, it uses only crypto and a system table"));
  }

  @Test
  void serverDoesNotUseCli() {
    check(
        noClasses()
            .that()
            .resideInAPackage("dev.dfs.server..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("dev.dfs.cli..")
            .because("the CLI is the only place that wires everything"));
  }

  @Test
  void onlyLocalEngineIdentityAndWiringUseRocksDb() {
    check(
        noClasses()
            .that()
            .resideInAPackage("dev.dfs..")
            .and()
            .resideOutsideOfPackages(
                "dev.dfs.store.local..",
                "dev.dfs.identity..",
                "dev.dfs.server..",
                "dev.dfs.cli..",
                "dev.dfs.store.cluster.meta..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("org.rocksdb..")
            // store.cluster.meta replicates the local engine's metadata: it hands serialized
            // RocksDB WriteBatches between MetaLog and the Raft log, and nothing more
            .because("RocksDB is the local engine's and the identity store's private detail"));
  }

  @Test
  void theLocalEngineNeverReachesTheCluster() {
    check(
        noClasses()
            .that()
            .resideInAPackage("dev.dfs.store.local..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("dev.dfs.store.cluster..", "org.apache.ratis..")
            .because(
                "the single-node default loads no cluster class (see LocalEngineLoadsNoClusterClassTest)"));
  }

  @Test
  void onlyTheClusterMetadataUsesRatis() {
    check(
        noClasses()
            .that()
            .resideInAPackage("dev.dfs..")
            .and()
            .resideOutsideOfPackage("dev.dfs.store.cluster.meta..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("org.apache.ratis..")
            .because("Raft is the cluster metadata's private detail"));
  }

  @Test
  void identityKnowsNoStoreProtocolsMetricsOrHttp() {
    check(
        noClasses()
            .that()
            .resideInAPackage("dev.dfs.identity..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                "dev.dfs.s3..",
                "dev.dfs.admin..",
                "dev.dfs.server..",
                "dev.dfs.cli..",
                "dev.dfs.store..",
                "dev.dfs.observe..",
                "org.eclipse.jetty..")
            .because("the identity store sits beside auth, below the protocols"));
  }

  @Test
  void protocolsAuthAndStoreNeverTouchFiles() {
    check(
        noClasses()
            .that()
            .resideInAnyPackage(
                "dev.dfs.s3..", "dev.dfs.admin..", "dev.dfs.auth..", "dev.dfs.store..")
            // the cluster engine keeps its Raft log and metadata snapshots on disk, as store.local
            // keeps chunks: engines own their files; no user string becomes a path there either
            // (and store.tier its tier directories, named by random ids, never by a client's key)
            .and()
            .resideOutsideOfPackages(
                "dev.dfs.store.local..", "dev.dfs.store.cluster..", "dev.dfs.store.tier..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("java.nio.file..")
            .orShould()
            .dependOnClassesThat()
            .haveFullyQualifiedName("java.io.File")
            .orShould()
            .dependOnClassesThat()
            .haveFullyQualifiedName("java.io.RandomAccessFile")
            .orShould()
            .dependOnClassesThat()
            .haveFullyQualifiedName("java.io.FileInputStream")
            .orShould()
            .dependOnClassesThat()
            .haveFullyQualifiedName("java.io.FileOutputStream")
            .because(
                "keys are never file paths: only engines (store.local), server and cli "
                    + "touch the file system"));
  }

  @Test
  void storeAuthAndUtilNeverSeeHttpExceptNodeTransport() {
    // store.cluster.data is exempt: its Jetty use is the node-to-node chunk transport (its own
    // listener, cluster-secret auth, no S3 request ever reaches it); the rule below keeps S3
    // HTTP, and every other engine, away from Jetty
    check(
        noClasses()
            .that()
            .resideInAnyPackage("dev.dfs.store..", "dev.dfs.auth..", "dev.dfs.util..")
            .and()
            .resideOutsideOfPackage("dev.dfs.store.cluster.data..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("org.eclipse.jetty..")
            .because("HTTP stays in the protocol and server layers"));
  }

  @Test
  void chunkTransportSeesNoS3() {
    // (that store.local never reaches the cluster is theLocalEngineNeverReachesTheCluster)
    check(
        noClasses()
            .that()
            .resideInAPackage("dev.dfs.store.cluster.data..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("dev.dfs.s3..", "dev.dfs.auth..")
            .because("node-to-node transport carries chunks, never S3 requests or S3 credentials"));
  }

  /**
   * Main classes outside the CLI and the bench that may still read the system's time, each with
   * why: none of them stamps a time a client, a peer or a comparison with the server's clock sees.
   */
  private static final Map<String, String> SYSTEM_TIME_READERS =
      Map.of(
          "dev.dfs.util.NodeClock", "the one clock's factory",
          "dev.dfs.store.local.LocalStore",
              "the orphan-file sweep's cutoff is compared with file modification times, which the"
                  + " kernel stamps with the system clock",
          "dev.dfs.store.local.ChunkVolume",
              "a quarantined replica's file-name suffix: unique, never read back as a time",
          "dev.dfs.store.local.Multipart",
              "upload ids: unique and increasing on this node, never read back as a time",
          "dev.dfs.store.local.InlineIds",
              "inline chunk ids: unique and increasing on this node, never read back as a time");

  private static final Set<String> NOW_OWNERS =
      Set.of(
          "java.time.Instant",
          "java.time.LocalDate",
          "java.time.LocalDateTime",
          "java.time.LocalTime",
          "java.time.OffsetDateTime",
          "java.time.OffsetTime",
          "java.time.ZonedDateTime",
          "java.time.Year",
          "java.time.YearMonth",
          "java.time.MonthDay");

  /**
   * A call that takes the time from the system instead of the server's one {@link java.time.Clock}
   * ({@code dev.dfs.util.NodeClock}): {@code System.currentTimeMillis()}, {@code Clock.systemUTC()}
   * and its kin, any {@code now(…)} without a Clock argument, {@code new Date()}. ({@code
   * System.nanoTime} measures durations and is fine.)
   */
  private static final DescribedPredicate<JavaCall<?>> READS_SYSTEM_TIME =
      DescribedPredicate.describe(
          "read the system's time (System.currentTimeMillis, Clock.system*, now() without a Clock,"
              + " new Date()) instead of the server's Clock",
          call -> readsSystemTime(call.getTarget()));

  private static boolean readsSystemTime(AccessTarget.CodeUnitCallTarget t) {
    String owner = t.getOwner().getName();
    String name = t.getName();
    List<String> params = t.getRawParameterTypes().stream().map(JavaClass::getName).toList();
    return switch (owner) {
      case "java.lang.System" -> name.equals("currentTimeMillis");
      case "java.time.Clock" -> name.startsWith("system");
      case "java.util.Date" -> name.equals("<init>") && params.isEmpty();
      case "java.util.Calendar", "java.util.GregorianCalendar" ->
          name.equals("getInstance") || (name.equals("<init>") && params.isEmpty());
      default ->
          NOW_OWNERS.contains(owner) && name.equals("now") && !params.contains("java.time.Clock");
    };
  }

  private static ArchRule oneClockRule() {
    return noClasses()
        .that()
        .resideOutsideOfPackages("dev.dfs.cli..", "dev.dfs.bench..")
        .and(
            DescribedPredicate.describe(
                "are not allowed to (" + String.join(", ", SYSTEM_TIME_READERS.keySet()) + ")",
                c -> !SYSTEM_TIME_READERS.containsKey(c.getName().replaceFirst("\\$.*", ""))))
        .should()
        .callCodeUnitWhere(READS_SYSTEM_TIME)
        .because(
            "the server hands one Clock (NodeClock: the system's, or the fault suite's skewed one)"
                + " to everything that stamps or compares times, so a skewed node is skewed"
                + " everywhere (DFS_TEST_CLOCK_OFFSET_MS); CLI tools and the bench are outside");
  }

  @Test
  void timeComesFromTheOneClock() {
    check(oneClockRule());
  }

  /** The rule above can fail: it flags each kind of direct read in a class of this test. */
  @Test
  void theClockRuleCatchesDirectReads() {
    JavaClasses offender = new ClassFileImporter().importClasses(ReadsTheSystemClock.class);
    AssertionError e =
        Assertions.assertThrows(AssertionError.class, () -> oneClockRule().check(offender));
    for (String call :
        List.of(
            "System.currentTimeMillis()",
            "Instant.now()",
            "Clock.systemUTC()",
            "LocalDate.now()",
            "ZonedDateTime.now(java.time.ZoneId)",
            "Date.<init>()")) {
      Assertions.assertTrue(
          e.getMessage().contains(call), call + " not flagged: " + e.getMessage());
    }
    Assertions.assertFalse(e.getMessage().contains("Instant.now(java.time.Clock)"), e.getMessage());
  }

  /** Each kind of direct time read once, and a read of a given clock (which is fine). */
  @SuppressWarnings({"JavaUtilDate", "JavaTimeDefaultTimeZone", "unused"})
  static final class ReadsTheSystemClock {
    static Object reads(java.time.Clock given) {
      return List.of(
          System.currentTimeMillis(),
          java.time.Instant.now(),
          java.time.Clock.systemUTC(),
          java.time.LocalDate.now(),
          java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC),
          new java.util.Date(),
          java.time.Instant.now(given));
    }
  }
}
