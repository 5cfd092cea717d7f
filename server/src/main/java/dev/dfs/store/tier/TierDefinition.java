package dev.dfs.store.tier;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One tier as the operator defined it. Immutable; {@link #toString()} never shows the secret.
 *
 * @param name 1 to 32 lower-case letters, digits and dashes, starting with a letter
 * @param kind a directory on this machine, or an S3-compatible bucket
 * @param storageClasses the S3 storage classes whose objects live in this tier (at least one of
 *     {@link #CLASSES}); a class is served by at most one tier
 * @param cost what storing and reading data there costs
 * @param path DIRECTORY: an absolute directory (created when missing); else null
 * @param endpoint S3: the service's URL (null: the AWS default for {@code region})
 * @param bucket S3: the bucket, which must exist
 * @param prefix S3: prepended to every key DFS writes there ("" for none), so several installations
 *     can share one bucket
 * @param region S3: the signing region
 * @param accessKey S3: the access key id, or null for the SDK's default credentials
 * @param secretKey S3: its secret (kept sealed by the master key at rest), or null
 * @param partSize S3: objects larger than this go up as multipart uploads of parts this size (0:
 *     {@link #DEFAULT_PART_SIZE}; {@link #MIN_PART_SIZE} to {@link #MAX_PART_SIZE}); 0 for a
 *     directory
 */
public record TierDefinition(
    String name,
    Kind kind,
    List<String> storageClasses,
    CostModel cost,
    String path,
    String endpoint,
    String bucket,
    String prefix,
    String region,
    String accessKey,
    String secretKey,
    long partSize) {

  /** The part size of S3 tiers that do not name one. */
  public static final long DEFAULT_PART_SIZE = 64L << 20;

  /** S3's smallest part (but the last). */
  public static final long MIN_PART_SIZE = 5L << 20;

  /** S3's largest part, and largest single PutObject. */
  public static final long MAX_PART_SIZE = 5L << 30;

  /** The storage classes a tier may serve (STANDARD stays on DFS's own disk). */
  public static final Set<String> CLASSES =
      Set.of(
          "STANDARD_IA",
          "ONEZONE_IA",
          "INTELLIGENT_TIERING",
          "GLACIER_IR",
          "GLACIER",
          "DEEP_ARCHIVE");

  /** The classes whose objects must be restored before they can be read, as in S3. */
  public static final Set<String> ARCHIVE_CLASSES = Set.of("GLACIER", "DEEP_ARCHIVE");

  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,31}");

  /** Where a tier's bytes live. */
  public enum Kind {
    DIRECTORY,
    S3
  }

  public TierDefinition {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "a tier name is 1 to 32 lower-case letters, digits and"
              + " dashes, starting with a letter");
    }
    if (kind == null) throw new IllegalArgumentException("the tier's type is missing");
    storageClasses = storageClasses == null ? List.of() : List.copyOf(storageClasses);
    if (storageClasses.isEmpty()) {
      throw new IllegalArgumentException("a tier serves at least one storage class");
    }
    for (String c : storageClasses) {
      if (!CLASSES.contains(c)) {
        throw new IllegalArgumentException(
            "a tier cannot serve storage class '"
                + c
                + "'; one of "
                + String.join(", ", CLASSES.stream().sorted().toList()));
      }
    }
    if (cost == null) cost = CostModel.defaultFor(storageClasses.getFirst());
    if (prefix == null) prefix = "";
    if (kind == Kind.DIRECTORY) checkDirectory(path);
    else checkRemote(bucket, region, accessKey, secretKey);
    partSize = kind == Kind.DIRECTORY ? 0 : partSize == 0 ? DEFAULT_PART_SIZE : partSize;
    if (kind == Kind.S3 && (partSize < MIN_PART_SIZE || partSize > MAX_PART_SIZE)) {
      throw new IllegalArgumentException("an S3 tier's part size is 5 MiB to 5 GiB");
    }
  }

  /** A definition with the default part size. */
  public TierDefinition(
      String name,
      Kind kind,
      List<String> storageClasses,
      CostModel cost,
      String path,
      String endpoint,
      String bucket,
      String prefix,
      String region,
      String accessKey,
      String secretKey) {
    this(
        name,
        kind,
        storageClasses,
        cost,
        path,
        endpoint,
        bucket,
        prefix,
        region,
        accessKey,
        secretKey,
        0);
  }

  private static void checkDirectory(String path) {
    if (path == null || !java.nio.file.Path.of(path).isAbsolute()) {
      throw new IllegalArgumentException("a directory tier needs an absolute path");
    }
  }

  private static void checkRemote(
      String bucket, String region, String accessKey, String secretKey) {
    if (bucket == null || bucket.isBlank()) {
      throw new IllegalArgumentException("an S3 tier needs a bucket");
    }
    if (region == null || region.isBlank()) {
      throw new IllegalArgumentException("an S3 tier needs a region");
    }
    if ((accessKey == null) != (secretKey == null)) {
      throw new IllegalArgumentException("give both the access key and its secret, or neither");
    }
  }

  /** Whether this tier's objects need RestoreObject before a GET (an archive class). */
  public boolean archives(String storageClass) {
    return ARCHIVE_CLASSES.contains(storageClass) && storageClasses.contains(storageClass);
  }

  @Override
  public String toString() {
    return "TierDefinition["
        + name
        + ", "
        + kind
        + ", "
        + storageClasses
        + ", "
        + (kind == Kind.DIRECTORY ? path : endpoint + "/" + bucket + "/" + prefix)
        + (secretKey == null ? "" : ", secret ****")
        + "]";
  }
}
