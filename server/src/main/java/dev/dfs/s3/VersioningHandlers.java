package dev.dfs.s3;

import dev.dfs.store.BucketInfo;
import dev.dfs.store.ObjectStore;
import dev.dfs.store.VersionIds;
import dev.dfs.store.VersioningState;
import dev.dfs.store.VersionsPage;
import dev.dfs.store.VersionsQuery;
import java.io.IOException;
import org.jspecify.annotations.Nullable;

/**
 * Bucket versioning: GetBucketVersioning, PutBucketVersioning and ListObjectVersions. The state
 * lives with the bucket in the store, so every write sees one state. Thread-safe.
 */
final class VersioningHandlers {
  private final ObjectStore store;

  VersioningHandlers(ObjectStore store) {
    this.store = store;
  }

  /** GET /bucket?versioning: Enabled, Suspended, or an empty document if never versioned. */
  void getBucketVersioning(S3Exchange ex) throws IOException {
    ex.sendXml(200, VersioningXml.render(EngineCapabilities.versioningState(store, ex.bucket())));
  }

  /**
   * PUT /bucket?versioning: Enabled or Suspended. MFA delete is not implemented (NotImplemented); a
   * bucket with Object Lock cannot be suspended (InvalidBucketState).
   */
  void putBucketVersioning(S3Exchange ex) throws IOException {
    byte[] body = ChecksumHeaders.verifiedXmlBody(ex, false);
    VersioningXml.Config config = VersioningXml.parse(body);
    if (config.mfaDelete() || ex.header("x-amz-mfa") != null) {
      throw new S3Exception(S3ErrorCode.NOT_IMPLEMENTED, "DFS does not implement MFA delete.");
    }
    if (config.state() == VersioningState.SUSPENDED && ObjectLockRules.enabled(ex)) {
      throw new S3Exception(
              S3ErrorCode.INVALID_BUCKET_STATE,
              "An Object Lock configuration is present on this bucket, so the versioning state"
                  + " cannot be changed.")
          .with("BucketName", ex.bucket());
    }
    EngineCapabilities.versioning(store).setState(ex.bucket(), config.state());
    ex.sendEmpty(200);
  }

  /**
   * GET /bucket?versions: prefix, delimiter, key-marker, version-id-marker (only with a
   * key-marker), max-keys and encoding-type=url, as ListObjects takes them.
   */
  void listObjectVersions(S3Exchange ex) throws IOException {
    ListParams p = ListParams.parse(ex.s3());
    String keyMarker = emptyToNull(ex.param("key-marker"));
    String versionIdMarker = emptyToNull(ex.param("version-id-marker"));
    if (versionIdMarker != null) {
      if (keyMarker == null) {
        throw S3Exception.invalidArgument(
            "A version-id marker cannot be specified without a key marker.",
            "version-id-marker",
            versionIdMarker);
      }
      if (!VersionIds.isWellFormed(versionIdMarker)) {
        throw S3Exception.invalidArgument(
            "Invalid version id specified", "version-id-marker", versionIdMarker);
      }
    }
    BucketInfo bucket =
        store
            .bucket(ex.bucket())
            .orElseThrow(
                () -> new S3Exception(S3ErrorCode.NO_SUCH_BUCKET).with("BucketName", ex.bucket()));
    ex.setHeader("x-amz-bucket-region", bucket.region());
    VersionsPage page =
        EngineCapabilities.versioning(store)
            .listVersions(
                ex.bucket(),
                new VersionsQuery(
                    p.prefix(), p.delimiter(), keyMarker, versionIdMarker, p.maxKeys()));
    ex.sendXml(
        200,
        VersioningXml.listing(
            ex.bucket(),
            new VersioningXml.ListRequest(p, keyMarker, versionIdMarker),
            page,
            ex.principal().userId()));
  }

  private static @Nullable String emptyToNull(@Nullable String s) {
    return s == null || s.isEmpty() ? null : s;
  }
}
