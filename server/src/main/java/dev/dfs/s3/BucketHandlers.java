package dev.dfs.s3;

import dev.dfs.auth.Principal;
import dev.dfs.authz.Authorizer;
import dev.dfs.authz.BucketOwner;
import dev.dfs.store.BucketInfo;
import dev.dfs.store.ObjectStore;
import dev.dfs.store.StoreError;
import dev.dfs.store.StoreException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Bucket-level operations: ListBuckets, CreateBucket, HeadBucket, DeleteBucket and
 * GetBucketLocation (versioning: {@link VersioningHandlers}). DFS serves one region ({@link
 * S3Settings#region()}). A bucket belongs to the user who created it ({@link BucketOwner}),
 * recorded with its Object Ownership and ACL ({@link BucketAccess}); ListBuckets shows a user its
 * own buckets (root and open mode: all). Thread-safe.
 */
final class BucketHandlers {
  /** S3's region whose LocationConstraint is empty and where re-creating an owned bucket is OK. */
  static final String US_EAST_1 = "us-east-1";

  private final ObjectStore store;
  private final S3Settings settings;
  private final Authorizer authorizer;

  /** Cached lifecycle configurations, forgotten when a bucket is created or deleted. */
  private final LifecycleConfigs lifecycleConfigs;

  private final AclRules acls;

  BucketHandlers(
      ObjectStore store,
      S3Settings settings,
      Authorizer authorizer,
      LifecycleConfigs lifecycleConfigs,
      AclRules acls) {
    this.acls = acls;
    this.store = store;
    this.settings = settings;
    this.authorizer = authorizer;
    this.lifecycleConfigs = lifecycleConfigs;
  }

  /**
   * GET /: every bucket in name order, optionally filtered by {@code prefix} and {@code
   * bucket-region} and paged by {@code max-buckets} (1..10000) and {@code continuation-token}.
   */
  void listBuckets(S3Exchange ex) throws IOException {
    ListBucketsParams p = ListBucketsParams.parse(ex.s3());
    List<BucketInfo> matching = new ArrayList<>();
    Principal who = ex.principal();
    boolean all = authorizer.seesAllBuckets(who);
    for (BucketInfo b : store.listBuckets()) {
      if (p.matches(b.name(), region(b)) && (all || ownsListed(who, b.name()))) matching.add(b);
    }
    List<BucketInfo> page = matching.subList(0, Math.min(matching.size(), p.maxBuckets()));
    XmlOut xml = XmlOut.document("ListAllMyBucketsResult").start("Buckets");
    for (BucketInfo b : page) {
      xml.start("Bucket")
          .element("Name", b.name())
          .element("CreationDate", b.created())
          .element("BucketRegion", region(b))
          .end();
    }
    xml.end();
    ListingXml.owner(xml, ex.principal().userId());
    if (page.size() < matching.size()) {
      xml.element("ContinuationToken", ContinuationTokens.encode(page.getLast().name()));
    }
    xml.element("Prefix", p.prefix());
    ex.sendXml(200, xml);
  }

  /**
   * PUT /bucket: checks the name ({@link BucketNames}) and the optional {@code
   * CreateBucketConfiguration}; answers 200 with {@code Location: /bucket}. An existing bucket is
   * 409 BucketAlreadyOwnedByYou, except in us-east-1, where S3 keeps its legacy answer 200 for a
   * request that asks for nothing the bucket does not already have (see {@link
   * BucketAccess#matches}); DFS never changes an existing bucket's ACL this way.
   */
  void createBucket(S3Exchange ex) throws IOException {
    String name = ex.bucket();
    lifecycleConfigs.invalidate(name);
    BucketNames.validate(name);
    CreateBucketConfig.checkRegion(
        CreateBucketConfig.locationConstraint(ex.body()), settings.region());
    String lockHeader = ex.header("x-amz-bucket-object-lock-enabled");
    boolean lock = lockHeader != null && lockHeader.trim().equalsIgnoreCase("true");
    if (lockHeader != null && !lock && !lockHeader.trim().equalsIgnoreCase("false")) {
      throw S3Exception.invalidArgument(
          "Invalid x-amz-bucket-object-lock-enabled header value",
          "x-amz-bucket-object-lock-enabled",
          lockHeader);
    }
    BucketAccess access = BucketAccess.fromRequest(ex, settings.defaultOwnership(), acls);
    Principal who = ex.principal();
    try {
      store.createBucket(name, settings.region());
      if (lock) enableObjectLock(name);
    } catch (StoreException e) {
      if (e.error() != StoreError.BUCKET_ALREADY_OWNED_BY_YOU) {
        throw ErrorMapper.fromStore(e).with("BucketName", name);
      }
      if (!who.anonymous()
          && !authorizer.unrestricted(who)
          && !authorizer.owns(who.userId(), name)) {
        throw new S3Exception(S3ErrorCode.BUCKET_ALREADY_EXISTS).with("BucketName", name);
      }
      if (!US_EAST_1.equals(settings.region()) || !access.matches(store, name)) {
        throw ErrorMapper.fromStore(e).with("BucketName", name);
      }
      access = null; // the legacy 200 of us-east-1 changes nothing of the existing bucket
    }
    if (access != null) access.record(store, name);
    ex.setHeader("Location", "/" + name);
    ex.sendEmpty(200);
  }

  /**
   * Turns versioning on for good and stores an Object Lock configuration without default retention.
   * An engine that cannot (NotImplemented) gets its new bucket removed again, so a failed request
   * leaves no bucket behind. Not atomic with the creation: a crash in between leaves a plain
   * bucket.
   */
  private void enableObjectLock(String name) throws IOException {
    try {
      EngineCapabilities.versioning(store).setState(name, dev.dfs.store.VersioningState.ENABLED);
      new ObjectLockRules(store).store(name, ObjectLockXml.Config.ENABLED_ONLY);
    } catch (StoreException | S3Exception | IOException e) {
      try {
        store.deleteBucket(name);
      } catch (StoreException | IOException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
  }

  /** HEAD /bucket: 200 with {@code x-amz-bucket-region}; 404 without body when missing. */
  void headBucket(S3Exchange ex) throws IOException {
    BucketInfo b = existing(ex);
    ex.setHeader("x-amz-bucket-region", region(b));
    ex.setHeader("x-amz-access-point-alias", "false");
    ex.sendEmpty(200);
  }

  /** DELETE /bucket: 204; BucketNotEmpty while objects or multipart uploads remain. */
  void deleteBucket(S3Exchange ex) throws IOException {
    try {
      store.deleteBucket(ex.bucket());
    } catch (StoreException e) {
      throw ErrorMapper.fromStore(e).with("BucketName", ex.bucket());
    } finally {
      authorizer.bucketPolicies().invalidate(ex.bucket());
    }
    ex.sendEmpty(204);
    lifecycleConfigs.invalidate(ex.bucket());
  }

  /** GET /bucket?location: the region, written empty for us-east-1 as S3 does. */
  void getBucketLocation(S3Exchange ex) throws IOException {
    String region = region(existing(ex));
    XmlOut xml = XmlOut.document("LocationConstraint");
    if (!US_EAST_1.equals(region)) xml.text(region);
    ex.sendXml(200, xml);
  }

  /** Whether {@code who} owns a bucket just listed (false if it vanished meanwhile). */
  private boolean ownsListed(Principal who, String bucket) throws IOException {
    if (who.anonymous()) return false;
    try {
      return authorizer.owns(who.userId(), bucket);
    } catch (StoreException e) {
      if (e.error() == StoreError.NO_SUCH_BUCKET) return false;
      throw e;
    }
  }

  private BucketInfo existing(S3Exchange ex) throws IOException {
    return store
        .bucket(ex.bucket())
        .orElseThrow(
            () -> new S3Exception(S3ErrorCode.NO_SUCH_BUCKET).with("BucketName", ex.bucket()));
  }

  private String region(BucketInfo b) {
    return b.region() == null || b.region().isEmpty() ? settings.region() : b.region();
  }
}
