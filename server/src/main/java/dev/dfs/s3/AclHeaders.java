package dev.dfs.s3;

import dev.dfs.authz.acl.AccessControlList;
import dev.dfs.authz.acl.CannedAcl;
import dev.dfs.authz.acl.Grant;
import dev.dfs.authz.acl.Grantee;
import dev.dfs.authz.acl.Permission;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Reads the ACL a request states in headers: the canned {@code x-amz-acl} or the explicit {@code
 * x-amz-grant-read / -write / -read-acp / -write-acp / -full-control} lists ({@code id="user"},
 * {@code uri="http://acs.amazonaws.com/groups/global/AllUsers"}, {@code emailAddress="…"},
 * comma-separated). Pure.
 *
 * <p>Errors, as S3: both kinds at once → InvalidRequest; an unknown canned ACL, a malformed grant
 * list, an unknown group or grantee type → InvalidArgument; an e-mail grantee →
 * UnresolvableGrantByEmailAddress (DFS has no e-mail addresses); {@code aws-exec-read} →
 * NotImplemented.
 */
final class AclHeaders {
  private AclHeaders() {}

  /** A grant header and the permission it grants. */
  private record GrantHeader(String name, Permission permission) {}

  private static final List<GrantHeader> GRANT_HEADERS =
      List.of(
          new GrantHeader("x-amz-grant-read", Permission.READ),
          new GrantHeader("x-amz-grant-write", Permission.WRITE),
          new GrantHeader("x-amz-grant-read-acp", Permission.READ_ACP),
          new GrantHeader("x-amz-grant-write-acp", Permission.WRITE_ACP),
          new GrantHeader("x-amz-grant-full-control", Permission.FULL_CONTROL));

  /**
   * What the headers ask for: a canned ACL, explicit grants, or nothing (both null/empty).
   *
   * @param canned the canned ACL, or null
   * @param grants the explicit grants, in header order; empty when none
   */
  record Requested(@Nullable CannedAcl canned, List<Grant> grants) {
    static final Requested NONE = new Requested(null, List.of());

    Requested {
      grants = List.copyOf(grants);
    }

    boolean isNone() {
      return canned == null && grants.isEmpty();
    }

    /**
     * The ACL of a resource owned by {@code ownerId} in a bucket owned by {@code bucketOwnerId};
     * explicit grants give the owner nothing implicitly (as in S3). Nothing asked: private.
     */
    AccessControlList toAcl(String ownerId, String bucketOwnerId) {
      if (canned != null) return canned.toAcl(ownerId, bucketOwnerId);
      if (grants.isEmpty()) return AccessControlList.privateFor(ownerId);
      return new AccessControlList(ownerId, ownerId, grants);
    }
  }

  /** Parses the ACL headers of a request; {@code header} returns a header's value or null. */
  static Requested parse(Function<String, String> header) {
    String cannedValue = header.apply("x-amz-acl");
    List<Grant> grants = new ArrayList<>();
    boolean anyGrantHeader = false;
    for (GrantHeader h : GRANT_HEADERS) {
      String value = header.apply(h.name());
      if (value == null) continue;
      anyGrantHeader = true;
      if (cannedValue == null) grants.addAll(parseGrants(h.name(), value, h.permission()));
    }
    if (cannedValue != null && anyGrantHeader) {
      throw new S3Exception(
          S3ErrorCode.INVALID_REQUEST,
          "Specifying both Canned ACLs and Header Grants is not allowed");
    }
    if (cannedValue != null) return new Requested(canned(cannedValue), List.of());
    return new Requested(null, grants);
  }

  /** Whether the request carries any ACL header. */
  static boolean present(Function<String, String> header) {
    if (header.apply("x-amz-acl") != null) return true;
    return GRANT_HEADERS.stream().anyMatch(h -> header.apply(h.name()) != null);
  }

  static CannedAcl canned(String value) {
    if (value.strip().equalsIgnoreCase("aws-exec-read")) {
      throw new S3Exception(
          S3ErrorCode.NOT_IMPLEMENTED,
          "DFS does not implement the canned ACL aws-exec-read (a grant to Amazon EC2).");
    }
    return CannedAcl.fromWire(value)
        .orElseThrow(() -> S3Exception.invalidArgument("Invalid canned ACL.", "x-amz-acl", value));
  }

  /** One grant header: {@code type="value"} items separated by commas. */
  static List<Grant> parseGrants(String headerName, String value, Permission permission) {
    List<Grant> out = new ArrayList<>();
    for (String item : splitItems(headerName, value)) {
      int eq = item.indexOf('=');
      if (eq <= 0) throw badGrant(headerName, value);
      String type = item.substring(0, eq).strip().toLowerCase(Locale.ROOT);
      String v = unquote(item.substring(eq + 1).strip(), headerName, value);
      if (v.isEmpty()) throw badGrant(headerName, value);
      Grantee grantee =
          switch (type) {
            case "id" -> Grantee.user(v);
            case "uri" -> {
              if (!Grantee.isKnownGroup(v)) {
                throw S3Exception.invalidArgument("Invalid group uri", "uri", v);
              }
              yield new Grantee(Grantee.Type.GROUP, v, null);
            }
            case "emailaddress" ->
                throw new S3Exception(S3ErrorCode.UNRESOLVABLE_GRANT_BY_EMAIL_ADDRESS)
                    .with("EmailAddress", v);
            default ->
                throw S3Exception.invalidArgument(
                    "Argument format not recognized", headerName, value);
          };
      out.add(new Grant(grantee, permission));
    }
    return out;
  }

  /** Splits at commas outside double quotes; an empty item is malformed. */
  private static List<String> splitItems(String headerName, String value) {
    List<String> items = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '"') quoted = !quoted;
      if (c == ',' && !quoted) {
        items.add(cur.toString());
        cur.setLength(0);
      } else {
        cur.append(c);
      }
    }
    if (quoted) throw badGrant(headerName, value);
    items.add(cur.toString());
    for (String item : items) {
      if (item.isBlank()) throw badGrant(headerName, value);
    }
    return items;
  }

  private static String unquote(String v, String headerName, String value) {
    if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
      v = v.substring(1, v.length() - 1);
    }
    if (v.indexOf('"') >= 0) throw badGrant(headerName, value);
    return v.strip();
  }

  private static S3Exception badGrant(String headerName, String value) {
    return S3Exception.invalidArgument("Argument format not recognized", headerName, value);
  }
}
