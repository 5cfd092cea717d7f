package dev.dfs.s3;

import dev.dfs.s3.ObjectLockXml.Config;
import dev.dfs.s3.ObjectLockXml.Retention;
import dev.dfs.store.ObjectAttributes;
import dev.dfs.store.ObjectInfo;
import dev.dfs.store.ObjectRef;
import dev.dfs.store.ObjectStore;
import dev.dfs.store.VersioningState;
import java.io.IOException;
import java.time.Instant;

/**
 * Object Lock operations: Get/PutObjectLockConfiguration on buckets, Get/PutObjectRetention and
 * Get/PutObjectLegalHold on object versions ({@code versionId} null: the current one). Retention
 * and legal hold changes run inside the store's metadata update, under the key's lock, so the rule
 * check and the write are atomic. Thread-safe.
 */
final class ObjectLockHandlers {
  private final ObjectStore store;
  private final ObjectLockRules rules;

  ObjectLockHandlers(ObjectStore store) {
    this.store = store;
    this.rules = new ObjectLockRules(store);
  }

  /** GET /bucket?object-lock: ObjectLockConfigurationNotFoundError when the bucket has none. */
  void getConfiguration(S3Exchange ex) throws IOException {
    EngineCapabilities.versioningState(store, ex.bucket()); // NoSuchBucket first
    Config config =
        ObjectLockRules.config(ex)
            .orElseThrow(
                () ->
                    new S3Exception(S3ErrorCode.OBJECT_LOCK_CONFIGURATION_NOT_FOUND)
                        .with("BucketName", ex.bucket()));
    ex.sendXml(200, ObjectLockXml.render(config));
  }

  /**
   * PUT /bucket?object-lock: sets the default retention; enables Object Lock on a bucket whose
   * versioning is Enabled (InvalidBucketState otherwise), as S3 allows today.
   */
  void putConfiguration(S3Exchange ex) throws IOException {
    byte[] body = ChecksumHeaders.verifiedXmlBody(ex, false);
    Config config = ObjectLockXml.parseConfig(body);
    if (!ObjectLockRules.enabled(ex)
        && EngineCapabilities.versioningState(store, ex.bucket()) != VersioningState.ENABLED) {
      throw new S3Exception(
              S3ErrorCode.INVALID_BUCKET_STATE,
              "Versioning must be 'Enabled' on the bucket to apply a Object Lock configuration")
          .with("BucketName", ex.bucket());
    }
    rules.store(ex.bucket(), config);
    ex.sendEmpty(200);
  }

  /** GET ?retention: NoSuchObjectLockConfiguration when the version has none. */
  void getRetention(S3Exchange ex) throws IOException {
    ObjectInfo info = lockedVersion(ex);
    Retention r = ObjectLockRules.retention(info.metadata());
    if (r.isNone()) throw new S3Exception(S3ErrorCode.NO_SUCH_OBJECT_LOCK_CONFIGURATION);
    ex.sendXml(200, ObjectLockXml.render(r));
  }

  /**
   * PUT ?retention: sets, extends, shortens or (empty document) removes a version's retention under
   * {@link ObjectLockRules#checkRetentionChange}; the date must be in the future.
   */
  void putRetention(S3Exchange ex) throws IOException {
    String versionId = ObjectHeaders.checkVersionId(ex.param("versionId"));
    ObjectLockRules.requireEnabled(ex);
    Retention next = ObjectLockXml.parseRetention(ChecksumHeaders.verifiedXmlBody(ex, false));
    Instant now = ex.clock().instant();
    Instant until = next.until(); // null for none (an empty retention)
    if (until != null && !until.isAfter(now)) {
      throw new S3Exception(
          S3ErrorCode.INVALID_ARGUMENT, "The retain until date must be in the future!");
    }
    boolean bypass = ObjectLockRules.bypassGovernance(ex);
    ObjectRef object = new ObjectRef(ex.bucket(), ex.objectKey(), versionId);
    ObjectInfo info =
        EngineCapabilities.metadataUpdates(store)
            .update(
                object,
                md -> {
                  ObjectLockRules.checkRetentionChange(
                      ObjectLockRules.retention(md), next, bypass, now);
                  return ObjectLockRules.withRetention(md, next);
                });
    sendVersion(ex, info);
    ex.sendEmpty(200);
  }

  /** GET ?legal-hold: NoSuchObjectLockConfiguration when never set on the version. */
  void getLegalHold(S3Exchange ex) throws IOException {
    ObjectInfo info = lockedVersion(ex);
    String status = info.metadata().attribute(ObjectAttributes.LOCK_LEGAL_HOLD);
    if (status == null) throw new S3Exception(S3ErrorCode.NO_SUCH_OBJECT_LOCK_CONFIGURATION);
    ex.sendXml(200, ObjectLockXml.renderLegalHold(status));
  }

  /** PUT ?legal-hold: ON or OFF, no permission beyond s3:PutObjectLegalHold needed. */
  void putLegalHold(S3Exchange ex) throws IOException {
    String versionId = ObjectHeaders.checkVersionId(ex.param("versionId"));
    ObjectLockRules.requireEnabled(ex);
    boolean on = ObjectLockXml.parseLegalHold(ChecksumHeaders.verifiedXmlBody(ex, false));
    ObjectInfo info =
        EngineCapabilities.metadataUpdates(store)
            .update(
                new ObjectRef(ex.bucket(), ex.objectKey(), versionId),
                md -> ObjectLockRules.withLegalHold(md, on));
    sendVersion(ex, info);
    ex.sendEmpty(200);
  }

  /** The addressed version of a bucket with Object Lock; 405 for a delete marker. */
  private ObjectInfo lockedVersion(S3Exchange ex) throws IOException {
    String versionId = ObjectHeaders.checkVersionId(ex.param("versionId"));
    ObjectLockRules.requireEnabled(ex);
    ObjectInfo info =
        store
            .head(new ObjectRef(ex.bucket(), ex.objectKey(), versionId))
            .orElseThrow(
                () -> new S3Exception(S3ErrorCode.NO_SUCH_KEY).with("Key", ex.objectKey()));
    if (info.deleteMarker()) throw ErrorMapper.deleteMarkerNotAllowed(info);
    return info;
  }

  private static void sendVersion(S3Exchange ex, ObjectInfo info) {
    if (info.versionId() != null) ex.setHeader("x-amz-version-id", info.versionId());
  }
}
