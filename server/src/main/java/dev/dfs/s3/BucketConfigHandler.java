package dev.dfs.s3;

import dev.dfs.store.ObjectStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Get, Put and Delete of one bucket configuration document kept with {@link
 * ObjectStore#putBucketConfig} (tagging, CORS, default encryption, lifecycle, ownership controls,
 * public access block): the shape is the same for all of them, what differs is described by a
 * {@link Document}. GET without a stored document is the document's 404; PUT verifies the body's
 * integrity headers, parses it (MalformedXML and the like), checks it and stores it; DELETE removes
 * it (204, also when there was none). Thread-safe.
 *
 * @param <T> the parsed configuration
 */
final class BucketConfigHandler<T> {
  /** What one configuration document is: its name, codec and checks. */
  interface Document<T> {
    /** The name the document is stored under. */
    String name();

    /** What GET answers when the bucket has none. */
    S3ErrorCode notFound();

    /** A request body, parsed and validated. */
    T fromXml(byte[] xml);

    /** The GET response body. */
    XmlOut toXml(T value);

    /** What is stored: by default the rendered XML. */
    default String encode(T value) {
      return new String(toXml(value).toBytes(), StandardCharsets.UTF_8);
    }

    /** The stored document of {@code bucket}, decoded; by default it is parsed as XML. */
    default Optional<T> load(ObjectStore store, String bucket) throws IOException {
      return EngineCapabilities.bucketConfig(store, name())
          .get(bucket)
          .map(doc -> fromXml(doc.getBytes(StandardCharsets.UTF_8)));
    }

    /** Whether S3 requires Content-MD5 or an x-amz-checksum-* header on the PUT. */
    default boolean integrityRequired() {
      return false;
    }

    /** The status of a successful PUT (S3 answers 200 for most, 204 for some). */
    default int putStatus() {
      return 200;
    }

    /**
     * Refuses a PUT the bucket cannot take; called after parsing, before storing. What it reads of
     * the bucket comes from {@code ex}'s {@link BucketContext}.
     */
    default void checkPut(ObjectStore store, S3Exchange ex, T value) throws IOException {}

    /** Refuses a DELETE the bucket cannot take (reading the bucket as {@link #checkPut}). */
    default void checkDelete(ObjectStore store, S3Exchange ex) throws IOException {}

    /** Called after every PUT or DELETE, also a failed one (to drop caches). */
    default void changed(String bucket) {}
  }

  private final ObjectStore store;
  private final Document<T> document;

  BucketConfigHandler(ObjectStore store, Document<T> document) {
    this.store = store;
    this.document = document;
  }

  void get(S3Exchange ex) throws IOException {
    T value =
        document
            .load(store, ex.bucket())
            .orElseThrow(
                () -> new S3Exception(document.notFound()).with("BucketName", ex.bucket()));
    ex.sendXml(200, document.toXml(value));
  }

  void put(S3Exchange ex) throws IOException {
    byte[] body = ChecksumHeaders.verifiedXmlBody(ex, document.integrityRequired());
    T value = document.fromXml(body);
    document.checkPut(store, ex, value);
    try {
      EngineCapabilities.bucketConfig(store, document.name())
          .put(ex.bucket(), document.encode(value));
    } finally {
      document.changed(ex.bucket());
    }
    ex.sendEmpty(document.putStatus());
  }

  void delete(S3Exchange ex) throws IOException {
    document.checkDelete(store, ex);
    try {
      EngineCapabilities.bucketConfig(store, document.name()).put(ex.bucket(), null);
    } finally {
      document.changed(ex.bucket());
    }
    ex.sendEmpty(204);
  }
}
