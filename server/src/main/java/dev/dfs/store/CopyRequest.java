package dev.dfs.store;

/**
 * One CopyObject ({@link ObjectStore#copyObject}): the whole of {@code source} becomes {@code
 * target}, whose metadata the caller has already decided (COPY or REPLACE).
 */
public record CopyRequest(ReadRequest source, PutObjectRequest target) {

  /** Copies the current plaintext object {@code srcBucket/srcKey} to {@code target}. */
  public static CopyRequest of(String srcBucket, String srcKey, PutObjectRequest target) {
    return new CopyRequest(ReadRequest.of(srcBucket, srcKey), target);
  }
}
