package dev.dfs.store;

import java.util.Map;
import java.util.TreeMap;

/**
 * What a client states about an object when writing it: standard content headers, user
 * metadata ({@code x-amz-meta-*}: keys lower-case, without the prefix), storage class and
 * object tags. Any header field may be null (not set). Immutable.
 *
 * @param tags the object's tag set (key to value, at most 10 as S3 allows; empty for none)
 */
public record ObjectMetadata(
    String contentType,
    String contentEncoding,
    String contentDisposition,
    String contentLanguage,
    String cacheControl,
    String expires,
    Map<String, String> userMetadata,
    String storageClass,
    Map<String, String> tags) {

  public ObjectMetadata {
    userMetadata = userMetadata == null ? Map.of() : Map.copyOf(userMetadata);
    tags = tags == null || tags.isEmpty()
        ? Map.of()
        : java.util.Collections.unmodifiableMap(new TreeMap<>(tags));
  }

  /** Metadata without tags. */
  public ObjectMetadata(
      String contentType,
      String contentEncoding,
      String contentDisposition,
      String contentLanguage,
      String cacheControl,
      String expires,
      Map<String, String> userMetadata,
      String storageClass) {
    this(contentType, contentEncoding, contentDisposition, contentLanguage, cacheControl,
        expires, userMetadata, storageClass, Map.of());
  }

  public static ObjectMetadata empty() {
    return new ObjectMetadata(null, null, null, null, null, null, Map.of(), null, Map.of());
  }

  /** Storage class as S3 reports it: STANDARD when none was given. */
  public String effectiveStorageClass() {
    return storageClass == null ? "STANDARD" : storageClass;
  }

  /** The same metadata with another tag set. */
  public ObjectMetadata withTags(Map<String, String> newTags) {
    return new ObjectMetadata(contentType, contentEncoding, contentDisposition, contentLanguage,
        cacheControl, expires, userMetadata, storageClass, newTags);
  }
}
