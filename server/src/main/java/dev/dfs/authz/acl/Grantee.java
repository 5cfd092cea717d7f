package dev.dfs.authz.acl;

import dev.dfs.auth.Principal;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Who a grant is for: one DFS user ({@link Type#CANONICAL_USER}, identified by user id) or a
 * predefined group ({@link Type#GROUP}, identified by its URI). E-mail grantees never reach this
 * type: DFS cannot resolve e-mail addresses, so the protocol layer refuses them with S3's {@code
 * UnresolvableGrantByEmailAddress}. Immutable.
 *
 * @param type the grantee type, as {@code xsi:type} names it on the wire
 * @param id the user id (CanonicalUser) or the group URI (Group); never null or blank
 * @param displayName the user's display name, or null (groups have none)
 */
public record Grantee(Type type, String id, @Nullable String displayName) {
  /** URI of the group of everyone, signed or anonymous. */
  public static final String ALL_USERS_URI = "http://acs.amazonaws.com/groups/global/AllUsers";

  /** URI of the group of every signed (authenticated) user. */
  public static final String AUTHENTICATED_USERS_URI =
      "http://acs.amazonaws.com/groups/global/AuthenticatedUsers";

  /** URI of S3's log delivery group; DFS has no log delivery, so it matches no request. */
  public static final String LOG_DELIVERY_URI = "http://acs.amazonaws.com/groups/s3/LogDelivery";

  public static final Grantee ALL_USERS = new Grantee(Type.GROUP, ALL_USERS_URI, null);
  public static final Grantee AUTHENTICATED_USERS =
      new Grantee(Type.GROUP, AUTHENTICATED_USERS_URI, null);
  public static final Grantee LOG_DELIVERY = new Grantee(Type.GROUP, LOG_DELIVERY_URI, null);

  /** Grantee types, with their {@code xsi:type} wire names. */
  public enum Type {
    CANONICAL_USER("CanonicalUser"),
    GROUP("Group");

    private final String wireName;

    Type(String wireName) {
      this.wireName = wireName;
    }

    public String wireName() {
      return wireName;
    }
  }

  public Grantee {
    Objects.requireNonNull(type, "type");
    if (id == null || id.isBlank()) throw new IllegalArgumentException("grantee without id");
    if (type == Type.GROUP && !isKnownGroup(id)) {
      throw new IllegalArgumentException("unknown group " + id);
    }
  }

  /** A DFS user by id; the display name is the id, as DFS has no separate names. */
  public static Grantee user(String userId) {
    return new Grantee(Type.CANONICAL_USER, userId, userId);
  }

  /** Whether {@code uri} names one of the groups S3 defines. */
  public static boolean isKnownGroup(String uri) {
    return ALL_USERS_URI.equals(uri)
        || AUTHENTICATED_USERS_URI.equals(uri)
        || LOG_DELIVERY_URI.equals(uri);
  }

  /** Whether this grantee is everyone or every signed user (what makes an ACL "public"). */
  public boolean isPublic() {
    return type == Type.GROUP && (ALL_USERS_URI.equals(id) || AUTHENTICATED_USERS_URI.equals(id));
  }

  /**
   * Whether a request by {@code principal} is covered by this grantee: a CanonicalUser matches the
   * signed user with that id; AllUsers matches everyone, anonymous included; AuthenticatedUsers
   * matches every signed user; LogDelivery matches nobody.
   */
  public boolean matches(Principal principal) {
    if (type == Type.CANONICAL_USER) {
      return !principal.anonymous() && id.equals(principal.userId());
    }
    return switch (id) {
      case ALL_USERS_URI -> true;
      case AUTHENTICATED_USERS_URI -> !principal.anonymous();
      default -> false;
    };
  }

  /** Same grantee (type and id); display names do not matter. */
  public boolean sameAs(Grantee other) {
    return type == other.type && id.equals(other.id);
  }
}
