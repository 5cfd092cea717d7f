package dev.dfs.s3;

import dev.dfs.store.ObjectInfo;
import dev.dfs.store.ObjectRef;
import dev.dfs.store.ObjectStore;
import java.io.IOException;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Get/Put/DeleteObjectTagging. Tags live with the object's metadata in the store; they are read
 * through {@link ObjectStore#objectTagging}, since a gateway's HEAD cannot return them.
 */
final class TaggingHandlers {
  private final ObjectStore store;

  TaggingHandlers(ObjectStore store) {
    this.store = store;
  }

  /** GET ?tagging[&versionId=]: the tag set of the current or the named version. */
  void getObjectTagging(S3Exchange ex) throws IOException {
    String versionId = ObjectHeaders.checkVersionId(ex.param("versionId"));
    Map<String, String> tags =
        store.objectTagging(new ObjectRef(ex.bucket(), ex.objectKey(), versionId));
    if (versionId != null) ex.setHeader("x-amz-version-id", versionId);
    ex.sendXml(200, ObjectTags.toXml(tags));
  }

  void putObjectTagging(S3Exchange ex) throws IOException {
    String versionId = ObjectHeaders.checkVersionId(ex.param("versionId"));
    byte[] body = ChecksumHeaders.verifiedXmlBody(ex, false);
    Map<String, String> tags = ObjectTags.fromXml(body);
    sendVersion(ex, setTags(ex, versionId, tags));
    ex.sendEmpty(200);
  }

  void deleteObjectTagging(S3Exchange ex) throws IOException {
    String versionId = ObjectHeaders.checkVersionId(ex.param("versionId"));
    sendVersion(ex, setTags(ex, versionId, Map.of()));
    ex.sendEmpty(204);
  }

  private ObjectInfo setTags(S3Exchange ex, @Nullable String versionId, Map<String, String> tags)
      throws IOException {
    return versionId == null
        ? store.putObjectTagging(ex.bucket(), ex.objectKey(), tags)
        : EngineCapabilities.metadataUpdates(store)
            .update(new ObjectRef(ex.bucket(), ex.objectKey(), versionId), md -> md.withTags(tags));
  }

  private static void sendVersion(S3Exchange ex, ObjectInfo info) {
    if (info != null && info.versionId() != null)
      ex.setHeader("x-amz-version-id", info.versionId());
  }

  /** The bucket's tag set is stored as its Tagging document under this name. */
  static final String BUCKET_DOCUMENT = "tagging";

  /** The bucket's tag set, served by {@link BucketConfigHandler}; PUT answers 204 as S3. */
  static final class BucketTagging implements BucketConfigHandler.Document<Map<String, String>> {
    @Override
    public String name() {
      return BUCKET_DOCUMENT;
    }

    @Override
    public S3ErrorCode notFound() {
      return S3ErrorCode.NO_SUCH_TAG_SET;
    }

    @Override
    public Map<String, String> fromXml(byte[] xml) {
      return ObjectTags.fromXml(xml, ObjectTags.MAX_BUCKET_TAGS);
    }

    @Override
    public XmlOut toXml(Map<String, String> value) {
      return ObjectTags.toXml(value);
    }

    @Override
    public int putStatus() {
      return 204;
    }
  }
}
