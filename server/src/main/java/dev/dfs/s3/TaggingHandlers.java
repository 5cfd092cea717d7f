package dev.dfs.s3;

import dev.dfs.store.ObjectStore;
import java.io.IOException;
import java.util.Map;

/**
 * Get/Put/DeleteObjectTagging. Tags live with the object's metadata in the store; they are read
 * through {@link ObjectStore#objectTagging}, since a gateway's HEAD cannot return them.
 */
final class TaggingHandlers {
  private final ObjectStore store;

  TaggingHandlers(ObjectStore store) {
    this.store = store;
  }

  void getObjectTagging(S3Exchange ex) throws IOException {
    ObjectHeaders.checkVersionId(ex.param("versionId"));
    ex.sendXml(200, ObjectTags.toXml(store.objectTagging(ex.bucket(), ex.key())));
  }

  void putObjectTagging(S3Exchange ex) throws IOException {
    ObjectHeaders.checkVersionId(ex.param("versionId"));
    byte[] body = ChecksumHeaders.verifiedXmlBody(ex, false);
    Map<String, String> tags = ObjectTags.fromXml(body);
    store.putObjectTagging(ex.bucket(), ex.key(), tags);
    ex.sendEmpty(200);
  }

  void deleteObjectTagging(S3Exchange ex) throws IOException {
    ObjectHeaders.checkVersionId(ex.param("versionId"));
    store.putObjectTagging(ex.bucket(), ex.key(), Map.of());
    ex.sendEmpty(204);
  }
}
