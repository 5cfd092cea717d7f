package dev.dfs.store;

import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * What a client states about an object when writing it: standard content headers, user metadata
 * ({@code x-amz-meta-*}: keys lower-case, without the prefix), storage class and object tags, and
 * the system attributes the protocol layer keeps with an object. Any header field may be null (not
 * set). Immutable.
 *
 * @param tags the object's tag set (key to value, at most 10 as S3 allows; empty for none)
 * @param attributes system attributes that travel with the object but are not client metadata (its
 *     ACL, encryption parameters, retention, legal hold…), name to value; engines store them
 *     opaquely and never show them as headers. Names are constants of the feature that owns them
 *     (see {@link ObjectAttributes}). Empty for none.
 */
public record ObjectMetadata(
    @Nullable String contentType,
    @Nullable String contentEncoding,
    @Nullable String contentDisposition,
    @Nullable String contentLanguage,
    @Nullable String cacheControl,
    @Nullable String expires,
    @Nullable Map<String, String> userMetadata,
    @Nullable String storageClass,
    Map<String, String> tags,
    Map<String, String> attributes) {

  public ObjectMetadata {
    userMetadata = userMetadata == null ? Map.of() : Map.copyOf(userMetadata);
    tags = sortedCopy(tags);
    attributes = sortedCopy(attributes);
  }

  private static Map<String, String> sortedCopy(Map<String, String> map) {
    return map == null || map.isEmpty()
        ? Map.of()
        : java.util.Collections.unmodifiableMap(new TreeMap<>(map));
  }

  /** Metadata with tags and no system attributes. */
  public ObjectMetadata(
      @Nullable String contentType,
      @Nullable String contentEncoding,
      @Nullable String contentDisposition,
      @Nullable String contentLanguage,
      @Nullable String cacheControl,
      @Nullable String expires,
      @Nullable Map<String, String> userMetadata,
      @Nullable String storageClass,
      Map<String, String> tags) {
    this(
        contentType,
        contentEncoding,
        contentDisposition,
        contentLanguage,
        cacheControl,
        expires,
        userMetadata,
        storageClass,
        tags,
        Map.of());
  }

  /** Metadata without tags. */
  public ObjectMetadata(
      @Nullable String contentType,
      @Nullable String contentEncoding,
      @Nullable String contentDisposition,
      @Nullable String contentLanguage,
      @Nullable String cacheControl,
      @Nullable String expires,
      @Nullable Map<String, String> userMetadata,
      @Nullable String storageClass) {
    this(
        contentType,
        contentEncoding,
        contentDisposition,
        contentLanguage,
        cacheControl,
        expires,
        userMetadata,
        storageClass,
        Map.of(),
        Map.of());
  }

  public static ObjectMetadata empty() {
    return new ObjectMetadata(
        null, null, null, null, null, null, Map.of(), null, Map.of(), Map.of());
  }

  /** Storage class as S3 reports it: STANDARD when none was given. */
  public String effectiveStorageClass() {
    return storageClass == null ? "STANDARD" : storageClass;
  }

  /** The same metadata with another tag set. */
  public ObjectMetadata withTags(Map<String, String> newTags) {
    return new ObjectMetadata(
        contentType,
        contentEncoding,
        contentDisposition,
        contentLanguage,
        cacheControl,
        expires,
        userMetadata,
        storageClass,
        newTags,
        attributes);
  }

  /** The same metadata with another set of system attributes. */
  public ObjectMetadata withAttributes(Map<String, String> newAttributes) {
    return new ObjectMetadata(
        contentType,
        contentEncoding,
        contentDisposition,
        contentLanguage,
        cacheControl,
        expires,
        userMetadata,
        storageClass,
        tags,
        newAttributes);
  }

  /** The value of one system attribute, or null. */
  public @Nullable String attribute(String name) {
    return attributes.get(name);
  }
}
