package dev.dfs.authz.acl;

import dev.dfs.auth.Principal;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An S3 access control list: the owner of the resource and the grants, in order. Immutable.
 * Duplicate grants are kept as given (S3 does the same). The owner holds no implicit right here:
 * what the owner may do beyond the grants is the authorizer's business.
 *
 * <p>Stored form ({@link #encode()}): a versioned line format, one field per tab, every field
 * URL-encoded, e.g. {@code acl1 / owner <id> <name> / grant READ Group <uri> -}. It is private to
 * DFS (bucket configuration document {@code acl} and the object attribute {@code acl}); the XML of
 * the S3 API is rendered by the protocol layer.
 *
 * @param ownerId the owner's user id; never null
 * @param ownerDisplayName the owner's display name (DFS uses the user id), never null
 * @param grants the grants, possibly empty
 */
public record AccessControlList(String ownerId, String ownerDisplayName, List<Grant> grants) {
  private static final String VERSION = "acl1";

  public AccessControlList {
    Objects.requireNonNull(ownerId, "ownerId");
    ownerDisplayName = ownerDisplayName == null ? ownerId : ownerDisplayName;
    grants = List.copyOf(grants);
  }

  /** The default ACL of every bucket and object: the owner has FULL_CONTROL, nobody else. */
  public static AccessControlList privateFor(String ownerId) {
    return new AccessControlList(
        ownerId, ownerId, List.of(new Grant(Grantee.user(ownerId), Permission.FULL_CONTROL)));
  }

  /** The same grants with another owner (the ACL of an object owned by someone else). */
  public AccessControlList withOwner(String newOwnerId) {
    return new AccessControlList(newOwnerId, newOwnerId, grants);
  }

  /** Whether a grant to everyone or to every signed user exists (S3 calls such an ACL public). */
  public boolean isPublic() {
    return grants.stream().anyMatch(g -> g.grantee().isPublic());
  }

  /** This ACL without its grants to AllUsers and AuthenticatedUsers (IgnorePublicAcls). */
  public AccessControlList withoutPublicGrants() {
    return new AccessControlList(
        ownerId, ownerDisplayName, grants.stream().filter(g -> !g.grantee().isPublic()).toList());
  }

  /**
   * Whether the ACL grants nothing beyond FULL_CONTROL to {@code userId} (which includes granting
   * nothing at all): what S3 accepts as "bucket-owner-full-control or equivalent" while ACLs are
   * disabled.
   */
  public boolean onlyFullControlFor(String userId) {
    Grantee owner = Grantee.user(userId);
    return grants.stream()
        .allMatch(g -> g.grantee().sameAs(owner) && g.permission() == Permission.FULL_CONTROL);
  }

  /** Whether some grant gives {@code principal} the permission {@code needed}. */
  public boolean allows(Principal principal, Permission needed) {
    for (Grant g : grants) {
      if (g.permission().covers(needed) && g.grantee().matches(principal)) return true;
    }
    return false;
  }

  /** The stored form; {@link #decode} reads it back to an equal ACL. */
  public String encode() {
    StringBuilder b = new StringBuilder(VERSION).append('\n');
    b.append("owner\t")
        .append(enc(ownerId))
        .append('\t')
        .append(enc(ownerDisplayName))
        .append('\n');
    for (Grant g : grants) {
      Grantee e = g.grantee();
      b.append("grant\t")
          .append(g.permission().name())
          .append('\t')
          .append(e.type().wireName())
          .append('\t')
          .append(enc(e.id()))
          .append('\t')
          .append(e.displayName() == null ? "-" : "=" + enc(e.displayName()))
          .append('\n');
    }
    return b.toString();
  }

  /**
   * Reads the stored form written by {@link #encode()}.
   *
   * @throws IllegalArgumentException when {@code stored} is not such a document (stored data is
   *     written only by DFS, so this means corruption)
   */
  public static AccessControlList decode(String stored) {
    String[] lines = stored.split("\n");
    if (lines.length < 2 || !lines[0].equals(VERSION)) {
      throw new IllegalArgumentException("not a stored ACL");
    }
    String[] owner = lines[1].split("\t", -1);
    if (owner.length != 3 || !owner[0].equals("owner")) {
      throw new IllegalArgumentException("stored ACL without owner");
    }
    List<Grant> grants = new ArrayList<>();
    for (int i = 2; i < lines.length; i++) {
      String[] f = lines[i].split("\t", -1);
      if (f.length != 5 || !f[0].equals("grant")) {
        throw new IllegalArgumentException("bad stored grant: " + lines[i]);
      }
      Permission p =
          Permission.fromWire(f[1])
              .orElseThrow(() -> new IllegalArgumentException("bad stored permission " + f[1]));
      Grantee.Type type = f[2].equals("Group") ? Grantee.Type.GROUP : Grantee.Type.CANONICAL_USER;
      String display = f[4].equals("-") ? null : dec(f[4].substring(1));
      grants.add(new Grant(new Grantee(type, dec(f[3]), display), p));
    }
    return new AccessControlList(dec(owner[1]), dec(owner[2]), grants);
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private static String dec(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }
}
