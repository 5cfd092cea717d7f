package dev.dfs.store;

import java.util.Map;

/**
 * What a client states about an object when writing it: standard content headers, user
 * metadata ({@code x-amz-meta-*}: keys lower-case, without the prefix) and storage class.
 * Any header field may be null (not set). Immutable.
 */
public record ObjectMetadata(
    String contentType,
    String contentEncoding,
    String contentDisposition,
    String contentLanguage,
    String cacheControl,
    String expires,
    Map<String, String> userMetadata,
    String storageClass) {

  public ObjectMetadata {
    userMetadata = userMetadata == null ? Map.of() : Map.copyOf(userMetadata);
  }

  public static ObjectMetadata empty() {
    return new ObjectMetadata(null, null, null, null, null, null, Map.of(), null);
  }

  /** Storage class as S3 reports it: STANDARD when none was given. */
  public String effectiveStorageClass() {
    return storageClass == null ? "STANDARD" : storageClass;
  }
}
