package dev.dfs.authz;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dfs.auth.Principal;
import dev.dfs.store.local.LocalStore;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The decision order of {@link Authorizer}, with scripted grant sources. */
class AuthorizerTest {
  @TempDir static Path dir;
  static LocalStore store;
  static final Principal ALICE = new Principal("alice", "AKA", false);
  static final Principal BOB = new Principal("bob", "AKB", false);
  static final Principal ROOT = new Principal("root", "AKR", false);

  @BeforeAll
  static void open() throws Exception {
    store = LocalStore.open(dir);
    store.createBucket("alices", "us-east-1");
    BucketOwner.record(store, "alices", "alice");
    store.createBucket("roots", "us-east-1");
  }

  @AfterAll
  static void close() throws Exception {
    store.close();
  }

  static AccessRequest req(Principal who, String action, String bucket, String key) {
    return new AccessRequest(
        who, action, bucket, key, "127.0.0.1", false, Instant.now(), Map.of(), Map.of(), null);
  }

  /** A bucket policy source answering {@code decision}, recording whom it was asked about. */
  static final class Scripted implements BucketPolicySource {
    final Decision decision;
    final boolean isPublic;
    final List<String> asked = new ArrayList<>();

    Scripted(Decision decision, boolean isPublic) {
      this.decision = decision;
      this.isPublic = isPublic;
    }

    @Override
    public Decision decide(AccessRequest r) {
      asked.add(r.principal().userId());
      return decision;
    }

    @Override
    public boolean isPublic(String bucket) {
      return isPublic;
    }

    @Override
    public void invalidate(String bucket) {}
  }

  static Authorizer authorizer(
      BucketPolicySource policies,
      GrantSource identity,
      List<GrantSource> extra,
      PublicAccessCheck pab) {
    return new Authorizer(store, false, policies, identity, extra, pab);
  }

  @Test
  void rootAndOpenModeNeverConsultAnything() throws Exception {
    Scripted policies = new Scripted(Decision.DENY, false);
    Authorizer a = authorizer(policies, null, List.of(), null);
    assertThat(a.unrestricted(ROOT)).isTrue();
    assertThat(a.allowed(req(ROOT, "s3:GetObject", "alices", "k"))).isTrue();
    assertThat(policies.asked).isEmpty();
    Authorizer open = new Authorizer(store, true, policies, null, List.of(), null);
    assertThat(open.allowed(req(Principal.ANONYMOUS, "s3:PutObject", "alices", "k"))).isTrue();
    assertThat(open.seesAllBuckets(Principal.ANONYMOUS)).isTrue();
    assertThat(a.seesAllBuckets(ALICE)).isFalse();
  }

  @Test
  void ownershipAndPolicies() throws Exception {
    Authorizer none = authorizer(new Scripted(Decision.NONE, false), null, List.of(), null);
    assertThat(none.allowed(req(ALICE, "s3:PutObject", "alices", "k"))).isTrue();
    assertThat(none.allowed(req(BOB, "s3:GetObject", "alices", "k"))).isFalse();
    assertThat(none.allowed(req(ALICE, "s3:GetObject", "roots", "k")))
        .as("unrecorded owner is root")
        .isFalse();
    Authorizer allow = authorizer(new Scripted(Decision.ALLOW, false), null, List.of(), null);
    assertThat(allow.allowed(req(BOB, "s3:GetObject", "alices", "k"))).isTrue();
    Authorizer deny = authorizer(new Scripted(Decision.DENY, false), null, List.of(), null);
    assertThat(deny.allowed(req(ALICE, "s3:GetObject", "alices", "k")))
        .as("deny binds the owner")
        .isFalse();
  }

  @Test
  void policyManagementIsTheOwnersAlone() throws Exception {
    Authorizer allow = authorizer(new Scripted(Decision.ALLOW, false), null, List.of(), null);
    assertThat(allow.allowed(req(BOB, "s3:PutBucketPolicy", "alices", null))).isFalse();
    Authorizer deny = authorizer(new Scripted(Decision.DENY, false), null, List.of(), null);
    for (String action :
        List.of(
            "s3:PutBucketPolicy",
            "s3:GetBucketPolicy",
            "s3:DeleteBucketPolicy",
            "s3:GetBucketPolicyStatus")) {
      assertThat(deny.allowed(req(ALICE, action, "alices", null))).isTrue();
    }
  }

  @Test
  void serviceLevelAndCreateBucket() throws Exception {
    Authorizer a = authorizer(new Scripted(Decision.DENY, false), null, List.of(), null);
    assertThat(a.allowed(req(BOB, "s3:ListAllMyBuckets", null, null))).isTrue();
    assertThat(a.allowed(req(Principal.ANONYMOUS, "s3:ListAllMyBuckets", null, null))).isFalse();
    assertThat(a.allowed(req(BOB, "s3:CreateBucket", "new-one", null))).isTrue();
    assertThat(a.allowed(req(Principal.ANONYMOUS, "s3:CreateBucket", "new-one", null))).isFalse();
    Authorizer identityDeny = authorizer(null, r -> Decision.DENY, List.of(), null);
    assertThat(identityDeny.allowed(req(BOB, "s3:CreateBucket", "new-one", null))).isFalse();
  }

  @Test
  void identityAndExtraSourcesJoinTheDecision() throws Exception {
    Authorizer identityAllows = authorizer(null, r -> Decision.ALLOW, List.of(), null);
    assertThat(identityAllows.allowed(req(BOB, "s3:GetObject", "alices", "k"))).isTrue();
    assertThat(identityAllows.allowed(req(Principal.ANONYMOUS, "s3:GetObject", "alices", "k")))
        .as("anonymous callers have no identity policy")
        .isFalse();
    Authorizer aclAllows =
        authorizer(null, null, List.of(r -> Decision.NONE, r -> Decision.ALLOW), null);
    assertThat(aclAllows.allowed(req(Principal.ANONYMOUS, "s3:GetObject", "alices", "k"))).isTrue();
    Authorizer aclDenies =
        authorizer(
            new Scripted(Decision.ALLOW, false),
            r -> Decision.ALLOW,
            List.of(r -> Decision.DENY),
            null);
    assertThat(aclDenies.allowed(req(ALICE, "s3:GetObject", "alices", "k"))).isFalse();
  }

  @Test
  void restrictPublicBucketsLimitsAPublicPolicyToTheOwner() throws Exception {
    PublicAccessCheck restrict = bucket -> true;
    Authorizer publicPolicy =
        authorizer(new Scripted(Decision.ALLOW, true), null, List.of(), restrict);
    assertThat(publicPolicy.allowed(req(Principal.ANONYMOUS, "s3:GetObject", "alices", "k")))
        .isFalse();
    assertThat(publicPolicy.allowed(req(BOB, "s3:GetObject", "alices", "k"))).isFalse();
    assertThat(publicPolicy.allowed(req(ALICE, "s3:GetObject", "alices", "k"))).isTrue();
    Authorizer privatePolicy =
        authorizer(new Scripted(Decision.ALLOW, false), null, List.of(), restrict);
    assertThat(privatePolicy.allowed(req(BOB, "s3:GetObject", "alices", "k"))).isTrue();
    Authorizer notBlocked = authorizer(new Scripted(Decision.ALLOW, true), null, List.of(), null);
    assertThat(notBlocked.allowed(req(Principal.ANONYMOUS, "s3:GetObject", "alices", "k")))
        .isTrue();
  }
}
