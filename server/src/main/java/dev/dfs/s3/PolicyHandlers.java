package dev.dfs.s3;

import dev.dfs.authz.BucketPolicySource;
import dev.dfs.policy.BucketPolicies;
import dev.dfs.policy.MalformedPolicyException;
import dev.dfs.policy.Policy;
import dev.dfs.policy.PolicyParser;
import dev.dfs.policy.PolicyStatus;
import dev.dfs.store.ObjectStore;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Bucket policies: Put/Get/DeleteBucketPolicy and GetBucketPolicyStatus. The document is validated
 * ({@link PolicyParser}) and stored as given under the bucket configuration name {@value
 * BucketPolicies#DOCUMENT}; every change drops the authorizer's cached copy. Who may call these is
 * the authorizer's decision (the bucket owner and root). Thread-safe.
 */
final class PolicyHandlers {
  private final ObjectStore store;
  private final BucketPolicySource policies;

  PolicyHandlers(ObjectStore store, BucketPolicySource policies) {
    this.store = store;
    this.policies = policies;
  }

  /** PUT /bucket?policy: 204; MalformedPolicy naming the problem. */
  void putBucketPolicy(S3Exchange ex) throws IOException {
    byte[] body = ChecksumHeaders.verifiedXmlBody(ex, false);
    if (body.length > PolicyParser.MAX_BYTES) {
      throw new S3Exception(
          S3ErrorCode.MALFORMED_POLICY, "Policy exceeds the maximum allowed document size.");
    }
    String doc = new String(body, StandardCharsets.UTF_8);
    existing(ex);
    Policy policy;
    try {
      policy = PolicyParser.parseBucketPolicy(doc, ex.bucket());
    } catch (MalformedPolicyException e) {
      throw new S3Exception(S3ErrorCode.MALFORMED_POLICY, e.getMessage());
    }
    if (ex.bucketContext().publicAccessBlock().blockPublicPolicy()
        && PolicyStatus.isPublic(policy)) {
      throw new S3Exception(
          S3ErrorCode.ACCESS_DENIED,
          "The bucket's public access block (BlockPublicPolicy) refuses a public policy.");
    }
    try {
      documents().put(ex.bucket(), doc);
    } finally {
      policies.invalidate(ex.bucket());
    }
    ex.sendEmpty(204);
  }

  /** GET /bucket?policy: the document as stored, JSON; NoSuchBucketPolicy. */
  void getBucketPolicy(S3Exchange ex) throws IOException {
    byte[] doc = stored(ex).getBytes(StandardCharsets.UTF_8);
    ex.setHeader("Content-Type", "application/json");
    try (OutputStream out = ex.openBody(200, doc.length)) {
      if (!ex.isHead()) out.write(doc);
    }
  }

  /** DELETE /bucket?policy: 204, also when there was none. */
  void deleteBucketPolicy(S3Exchange ex) throws IOException {
    existing(ex);
    try {
      documents().put(ex.bucket(), null);
    } finally {
      policies.invalidate(ex.bucket());
    }
    ex.sendEmpty(204);
  }

  /**
   * GET /bucket?policyStatus: {@code <PolicyStatus><IsPublic>}. As Ceph RGW (and the conformance
   * suites S3-compatible stores are held to), public grants in the bucket's ACL make it public too,
   * unless IgnorePublicAcls discounts them; a bucket without a policy answers from its ACL when
   * that is public, else NoSuchBucketPolicy as S3.
   */
  void getBucketPolicyStatus(S3Exchange ex) throws IOException {
    Optional<String> doc = documents().get(ex.bucket());
    boolean publicAcl = publicByAcl(ex.bucketContext());
    if (doc.isEmpty() && !publicAcl) {
      throw new S3Exception(S3ErrorCode.NO_SUCH_BUCKET_POLICY).with("BucketName", ex.bucket());
    }
    boolean isPublic = publicAcl || doc.isPresent() && publicPolicy(doc.get(), ex.bucket());
    ex.sendXml(
        200, XmlOut.document("PolicyStatus").element("IsPublic", Boolean.toString(isPublic)));
  }

  private static boolean publicPolicy(String doc, String bucket) {
    try {
      return PolicyStatus.isPublic(PolicyParser.parseBucketPolicy(doc, bucket));
    } catch (MalformedPolicyException e) {
      return false;
    }
  }

  /** Whether the bucket's ACL grants to AllUsers or AuthenticatedUsers, and that counts. */
  private static boolean publicByAcl(BucketContext bucket) {
    return !bucket.publicAccessBlock().ignorePublicAcls() && bucket.bucketAcl().isPublic();
  }

  private String stored(S3Exchange ex) throws IOException {
    Optional<String> doc = documents().get(ex.bucket());
    return doc.orElseThrow(
        () -> new S3Exception(S3ErrorCode.NO_SUCH_BUCKET_POLICY).with("BucketName", ex.bucket()));
  }

  private dev.dfs.store.BucketConfig documents() {
    return EngineCapabilities.bucketConfig(store, BucketPolicies.DOCUMENT);
  }

  private void existing(S3Exchange ex) throws IOException {
    if (store.bucket(ex.bucket()).isEmpty()) {
      throw new S3Exception(S3ErrorCode.NO_SUCH_BUCKET).with("BucketName", ex.bucket());
    }
  }
}
