package dev.dfs.lifecycle;

import org.jspecify.annotations.Nullable;

/**
 * One S3 Intelligent-Tiering configuration of a bucket ({@code
 * PutBucketIntelligentTieringConfiguration}): which {@code INTELLIGENT_TIERING} objects may move to
 * the archive access tiers, and after how many days without access. The move to the infrequent
 * access tier after {@link #INFREQUENT_DAYS} days, and to the archive instant access tier after
 * {@link #ARCHIVE_INSTANT_DAYS}, need no configuration (as in S3). Immutable.
 *
 * @param id the configuration's id (1 to 64 characters)
 * @param filter the objects it covers (prefix and tags; no size bounds)
 * @param enabled {@code Status} Enabled
 * @param archiveDays days without access before ARCHIVE_ACCESS, or null
 * @param deepArchiveDays days without access before DEEP_ARCHIVE_ACCESS, or null
 */
public record IntelligentTieringConfiguration(
    String id,
    RuleFilter filter,
    boolean enabled,
    @Nullable Integer archiveDays,
    @Nullable Integer deepArchiveDays) {

  /** Days without access after which an object moves to the infrequent access tier. */
  public static final int INFREQUENT_DAYS = 30;

  /**
   * Days without access after which an object moves to the Archive Instant Access tier (automatic,
   * as in S3: no configuration, and GETs read through).
   */
  public static final int ARCHIVE_INSTANT_DAYS = 90;

  /** S3's bounds of {@code Days}: ARCHIVE_ACCESS at least 90, DEEP_ARCHIVE_ACCESS 180. */
  public static final int MIN_ARCHIVE_DAYS = 90;

  public static final int MIN_DEEP_ARCHIVE_DAYS = 180;
  public static final int MAX_DAYS = 730;

  /** Most configurations a bucket may have (S3's limit). */
  public static final int MAX_PER_BUCKET = 1000;
}
