package dev.dfs.s3;

import dev.dfs.authz.acl.AccessControlList;
import dev.dfs.authz.acl.Grant;
import dev.dfs.authz.acl.Grantee;
import dev.dfs.authz.acl.Permission;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The {@code AccessControlPolicy} document of Get/PutBucketAcl and Get/PutObjectAcl: rendering an
 * {@link AccessControlList} and parsing a client's document. Grantees carry {@code xsi:type}
 * (CanonicalUser, Group, AmazonCustomerByEmail) in the XMLSchema-instance namespace. Pure.
 *
 * <p>Parse errors, as S3: not well-formed or missing required elements → MalformedACLError; an
 * unknown permission, grantee type or group URI → InvalidArgument; an e-mail grantee →
 * UnresolvableGrantByEmailAddress.
 */
final class AclXml {
  static final String XSI = "http://www.w3.org/2001/XMLSchema-instance";

  /** Most grants one ACL may hold (S3's limit). */
  static final int MAX_GRANTS = 100;

  private AclXml() {}

  /**
   * A parsed AccessControlPolicy.
   *
   * @param ownerId the {@code Owner/ID} sent, or null when absent
   * @param grants the grants, in document order
   */
  record Policy(@Nullable String ownerId, List<Grant> grants) {
    Policy {
      grants = List.copyOf(grants);
    }
  }

  static XmlOut render(AccessControlList acl) {
    XmlOut xml = XmlOut.document("AccessControlPolicy");
    xml.start("Owner")
        .element("ID", acl.ownerId())
        .element("DisplayName", acl.ownerDisplayName())
        .end();
    xml.start("AccessControlList");
    for (Grant g : acl.grants()) {
      Grantee e = g.grantee();
      xml.start("Grant")
          .start("Grantee")
          .prefixedAttribute("xsi", XSI, "type", e.type().wireName());
      if (e.type() == Grantee.Type.CANONICAL_USER) {
        xml.element("ID", e.id()).element("DisplayName", e.displayName());
      } else {
        xml.element("URI", e.id());
      }
      xml.end().element("Permission", g.permission().name()).end();
    }
    return xml.end();
  }

  static Policy parse(byte[] body) {
    try {
      return parseDocument(body);
    } catch (S3Exception e) {
      if (e.code() == S3ErrorCode.MALFORMED_XML) throw malformed();
      throw e;
    }
  }

  private static Policy parseDocument(byte[] body) {
    XmlWalk walk = XmlWalk.open(body, "AccessControlPolicy");
    String ownerId = null;
    List<Grant> grants = null;
    while (walk.nextChild()) {
      switch (walk.name()) {
        case "Owner" -> ownerId = owner(walk);
        case "AccessControlList" -> {
          if (grants != null) throw malformed();
          grants = grants(walk);
        }
        default -> walk.skip();
      }
    }
    walk.finish();
    if (grants == null) throw malformed();
    return new Policy(ownerId, grants);
  }

  private static @Nullable String owner(XmlWalk walk) {
    String id = null;
    while (walk.nextChild()) {
      if (walk.name().equals("ID")) {
        id = walk.text().strip();
      } else {
        walk.skip();
      }
    }
    return id;
  }

  private static List<Grant> grants(XmlWalk walk) {
    List<Grant> grants = new ArrayList<>();
    while (walk.nextChild()) {
      if (!walk.name().equals("Grant")) {
        walk.skip();
        continue;
      }
      if (grants.size() == MAX_GRANTS) {
        throw new S3Exception(
            S3ErrorCode.MALFORMED_ACL_ERROR, "An ACL may hold at most " + MAX_GRANTS + " grants.");
      }
      grants.add(grant(walk));
    }
    return grants;
  }

  private static Grant grant(XmlWalk walk) {
    Grantee grantee = null;
    String permission = null;
    while (walk.nextChild()) {
      switch (walk.name()) {
        case "Grantee" -> grantee = grantee(walk);
        case "Permission" -> permission = walk.text();
        default -> walk.skip();
      }
    }
    if (grantee == null || permission == null) throw malformed();
    String p = permission;
    Permission parsed =
        Permission.fromWire(p)
            .orElseThrow(() -> S3Exception.invalidArgument("Invalid permission", "Permission", p));
    return new Grant(grantee, parsed);
  }

  private static Grantee grantee(XmlWalk walk) {
    String type = walk.attribute(XSI, "type");
    String id = null;
    String uri = null;
    String email = null;
    while (walk.nextChild()) {
      switch (walk.name()) {
        case "ID" -> id = walk.text().strip();
        case "URI" -> uri = walk.text().strip();
        case "EmailAddress" -> email = walk.text().strip();
        default -> walk.skip();
      }
    }
    if (type == null) {
      type =
          id != null
              ? "CanonicalUser"
              : uri != null ? "Group" : email != null ? "AmazonCustomerByEmail" : null;
      if (type == null) throw malformed();
    }
    switch (type.strip()) {
      case "CanonicalUser" -> {
        if (id == null || id.isEmpty()) throw S3Exception.invalidArgument("Invalid id", "ID", id);
        return Grantee.user(id);
      }
      case "Group" -> {
        if (uri == null || !Grantee.isKnownGroup(uri)) {
          throw S3Exception.invalidArgument("Invalid group uri", "Group", uri);
        }
        return new Grantee(Grantee.Type.GROUP, uri, null);
      }
      case "AmazonCustomerByEmail" -> {
        S3Exception e = new S3Exception(S3ErrorCode.UNRESOLVABLE_GRANT_BY_EMAIL_ADDRESS);
        throw email == null ? e : e.with("EmailAddress", email);
      }
      default -> throw S3Exception.invalidArgument("Invalid grantee type", "xsi:type", type);
    }
  }

  private static S3Exception malformed() {
    return new S3Exception(S3ErrorCode.MALFORMED_ACL_ERROR);
  }
}
