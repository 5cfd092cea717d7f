package dev.dfs.store.tier;

import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The access tiers of S3 Intelligent-Tiering, coldest last. An object of class {@code
 * INTELLIGENT_TIERING} keeps that class wherever it lives; its access tier says where: {@link
 * #FREQUENT} on the engine's own disk, the others in the tier that serves one of {@link
 * #servingClasses()} (the operator maps access tiers to tiers through the storage classes a tier
 * serves). Immutable.
 */
public enum AccessTier {
  FREQUENT("FREQUENT_ACCESS", 0),
  INFREQUENT("INFREQUENT_ACCESS", 1),
  /** S3's automatic tier after 90 days without access: read through like INFREQUENT. */
  ARCHIVE_INSTANT("ARCHIVE_INSTANT_ACCESS", 2),
  ARCHIVE("ARCHIVE_ACCESS", 3),
  DEEP_ARCHIVE("DEEP_ARCHIVE_ACCESS", 4);

  private final String wireName;
  private final int coldness;

  AccessTier(String wireName, int coldness) {
    this.wireName = wireName;
    this.coldness = coldness;
  }

  /** S3's name ({@code ARCHIVE_ACCESS}, as in {@code x-amz-archive-status}). */
  public String wireName() {
    return wireName;
  }

  /**
   * The storage classes whose tier holds objects of this access tier, in order of preference: the
   * first class some tier serves picks the tier. Empty for {@link #FREQUENT} (local disk).
   */
  public List<String> servingClasses() {
    return switch (this) {
      case FREQUENT -> List.of();
      case INFREQUENT -> List.of("INTELLIGENT_TIERING", "STANDARD_IA", "ONEZONE_IA", "GLACIER_IR");
      case ARCHIVE_INSTANT -> List.of("GLACIER_IR");
      case ARCHIVE -> List.of("GLACIER", "DEEP_ARCHIVE");
      case DEEP_ARCHIVE -> List.of("DEEP_ARCHIVE", "GLACIER");
    };
  }

  /**
   * Whether objects here need RestoreObject before a GET (as S3's opt-in archive access tiers; not
   * {@link #ARCHIVE_INSTANT}, which S3 reads through).
   */
  public boolean archived() {
    return this == ARCHIVE || this == DEEP_ARCHIVE;
  }

  /** Whether this tier is colder than {@code other}. */
  public boolean colderThan(AccessTier other) {
    return coldness > other.coldness;
  }

  /** The tier named {@code name} (its enum or wire name, any case), or empty. */
  public static Optional<AccessTier> parse(@Nullable String name) {
    if (name == null) return Optional.empty();
    for (AccessTier t : values()) {
      if (t.name().equalsIgnoreCase(name) || t.wireName.equalsIgnoreCase(name)) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }
}
