package dev.dfs.store.tier;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * One tier as the operator defined it. Immutable; {@link #toString()} never shows the secret.
 *
 * @param name 1 to 32 lower-case letters, digits and dashes, starting with a letter
 * @param kind a directory on this machine, or an S3-compatible bucket
 * @param storageClasses the S3 storage classes whose objects live in this tier (at least one of
 *     {@link #CLASSES}); a class is served by at most one tier
 * @param cost what storing and reading data there costs (a null given: the first class's default)
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
    @Nullable String path,
    @Nullable String endpoint,
    @Nullable String bucket,
    String prefix,
    @Nullable String region,
    @Nullable String accessKey,
    @Nullable String secretKey,
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

  /**
   * Checks a definition as the operator gave it (IllegalArgumentException naming what is wrong).
   * The parameters are those of the components, but this constructor validates untrusted input: it
   * refuses a null name, kind or storage class list (and a null bucket or region of an S3 tier, a
   * null path of a directory tier), and fills the defaults of a null {@code cost} (the first
   * storage class's) and a null {@code prefix} (""), so the components it sets are non-null where
   * they say so.
   */
  public TierDefinition(
      @Nullable String name,
      @Nullable Kind kind,
      @Nullable List<String> storageClasses,
      @Nullable CostModel cost,
      @Nullable String path,
      @Nullable String endpoint,
      @Nullable String bucket,
      @Nullable String prefix,
      @Nullable String region,
      @Nullable String accessKey,
      @Nullable String secretKey,
      long partSize) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "a tier name is 1 to 32 lower-case letters, digits and"
              + " dashes, starting with a letter");
    }
    if (kind == null) throw new IllegalArgumentException("the tier's type is missing");
    List<String> classes = storageClasses == null ? List.of() : List.copyOf(storageClasses);
    checkClasses(classes);
    if (kind == Kind.DIRECTORY) checkDirectory(path);
    else checkRemote(bucket, region, accessKey, secretKey);
    long parts = kind == Kind.DIRECTORY ? 0 : partSize == 0 ? DEFAULT_PART_SIZE : partSize;
    if (kind == Kind.S3 && (parts < MIN_PART_SIZE || parts > MAX_PART_SIZE)) {
      throw new IllegalArgumentException("an S3 tier's part size is 5 MiB to 5 GiB");
    }
    this.name = name;
    this.kind = kind;
    this.storageClasses = classes;
    this.cost = cost == null ? CostModel.defaultFor(classes.getFirst()) : cost;
    this.path = path;
    this.endpoint = endpoint;
    this.bucket = bucket;
    this.prefix = prefix == null ? "" : prefix;
    this.region = region;
    this.accessKey = accessKey;
    this.secretKey = secretKey;
    this.partSize = parts;
  }

  /** A definition with the default part size. */
  public TierDefinition(
      @Nullable String name,
      @Nullable Kind kind,
      @Nullable List<String> storageClasses,
      @Nullable CostModel cost,
      @Nullable String path,
      @Nullable String endpoint,
      @Nullable String bucket,
      @Nullable String prefix,
      @Nullable String region,
      @Nullable String accessKey,
      @Nullable String secretKey) {
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

  private static void checkClasses(List<String> storageClasses) {
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
  }

  private static void checkDirectory(@Nullable String path) {
    if (path == null || !java.nio.file.Path.of(path).isAbsolute()) {
      throw new IllegalArgumentException("a directory tier needs an absolute path");
    }
  }

  private static void checkRemote(
      @Nullable String bucket,
      @Nullable String region,
      @Nullable String accessKey,
      @Nullable String secretKey) {
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

  /**
   * The directory of a DIRECTORY tier (the constructor requires it); IllegalStateException else.
   */
  public String requirePath() {
    return required(path, Kind.DIRECTORY, "path");
  }

  /** The bucket of an S3 tier (the constructor requires it); IllegalStateException else. */
  public String requireBucket() {
    return required(bucket, Kind.S3, "bucket");
  }

  /** The signing region of an S3 tier (the constructor requires it); IllegalStateException else. */
  public String requireRegion() {
    return required(region, Kind.S3, "region");
  }

  private String required(@Nullable String value, Kind of, String what) {
    if (kind != of || value == null) {
      throw new IllegalStateException("tier " + name + " (" + kind + ") has no " + what);
    }
    return value;
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
