package dev.dfs.authz.acl;

/**
 * A bucket's Public Access Block configuration: four independent switches. Immutable.
 *
 * @param blockPublicAcls refuse (403 AccessDenied) any request that sets a public ACL on the bucket
 *     or its objects
 * @param ignorePublicAcls grants to AllUsers / AuthenticatedUsers in the bucket's and its objects'
 *     ACLs count for nothing
 * @param blockPublicPolicy refuse a bucket policy that grants public access
 * @param restrictPublicBuckets while the bucket's policy is public, only the bucket owner, root and
 *     principals the policy names explicitly get access through it
 */
public record PublicAccessBlock(
    boolean blockPublicAcls,
    boolean ignorePublicAcls,
    boolean blockPublicPolicy,
    boolean restrictPublicBuckets) {

  /** Nothing blocked: what a bucket without a configuration behaves as. */
  public static final PublicAccessBlock NONE = new PublicAccessBlock(false, false, false, false);

  /** The stored form, e.g. {@code pab1 1 0 1 0}. */
  public String encode() {
    return "pab1 "
        + bit(blockPublicAcls)
        + " "
        + bit(ignorePublicAcls)
        + " "
        + bit(blockPublicPolicy)
        + " "
        + bit(restrictPublicBuckets);
  }

  /**
   * Reads the form {@link #encode()} writes.
   *
   * @throws IllegalArgumentException for anything else (stored data is written by DFS only)
   */
  public static PublicAccessBlock decode(String stored) {
    String[] f = stored.strip().split(" ");
    if (f.length != 5 || !f[0].equals("pab1")) {
      throw new IllegalArgumentException("not a stored public access block: " + stored);
    }
    return new PublicAccessBlock(on(f[1]), on(f[2]), on(f[3]), on(f[4]));
  }

  private static String bit(boolean b) {
    return b ? "1" : "0";
  }

  private static boolean on(String s) {
    return switch (s) {
      case "1" -> true;
      case "0" -> false;
      default -> throw new IllegalArgumentException("bad flag " + s);
    };
  }
}
