package dev.dfs.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.dfs.authz.acl.AccessControlList;
import dev.dfs.authz.acl.Grant;
import dev.dfs.authz.acl.Grantee;
import dev.dfs.authz.acl.Permission;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The AccessControlPolicy document: rendering, parsing, errors. */
class AclXmlTest {
  private static AclXml.Policy parse(String xml) {
    return AclXml.parse(xml.getBytes(StandardCharsets.UTF_8));
  }

  private static S3ErrorCode error(String xml) {
    return catchThrowableOfType(S3Exception.class, () -> parse(xml)).code();
  }

  private static final String NS = "http://s3.amazonaws.com/doc/2006-03-01/";
  private static final String XSI = "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"";

  @Test
  void rendersAsS3DoesWithXsiTypes() {
    AccessControlList acl =
        new AccessControlList(
            "alice",
            "alice",
            List.of(
                new Grant(Grantee.user("alice"), Permission.FULL_CONTROL),
                new Grant(Grantee.ALL_USERS, Permission.READ)));
    String xml = new String(AclXml.render(acl).toBytes(), StandardCharsets.UTF_8);
    assertThat(xml)
        .contains("<AccessControlPolicy xmlns=\"" + NS + "\">")
        .contains("<Owner><ID>alice</ID><DisplayName>alice</DisplayName></Owner>")
        .contains(
            "<Grant><Grantee "
                + XSI
                + " xsi:type=\"CanonicalUser\"><ID>alice</ID>"
                + "<DisplayName>alice</DisplayName></Grantee><Permission>FULL_CONTROL</Permission>"
                + "</Grant>")
        .contains(
            "<Grant><Grantee "
                + XSI
                + " xsi:type=\"Group\"><URI>"
                + Grantee.ALL_USERS_URI
                + "</URI></Grantee><Permission>READ</Permission></Grant>");
  }

  @Test
  void roundTrips() {
    AccessControlList acl =
        new AccessControlList(
            "alice",
            "alice",
            List.of(
                new Grant(Grantee.user("alice"), Permission.FULL_CONTROL),
                new Grant(Grantee.user("b&<ob>"), Permission.WRITE_ACP),
                new Grant(Grantee.AUTHENTICATED_USERS, Permission.READ_ACP),
                new Grant(Grantee.LOG_DELIVERY, Permission.WRITE)));
    byte[] xml = AclXml.render(acl).toBytes();
    AclXml.Policy parsed = AclXml.parse(xml);
    assertThat(parsed.ownerId()).isEqualTo("alice");
    assertThat(parsed.grants()).isEqualTo(acl.grants());
  }

  @Test
  void parsesTheDocumentTheAwsSdkSends() {
    // AWS SDK for Java v2 PutObjectAcl/PutBucketAcl with an AccessControlPolicy: the list
    // first, the owner after, xsi declared on each Grantee, no DisplayName
    AclXml.Policy p =
        parse(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                + "<AccessControlPolicy xmlns=\""
                + NS
                + "\"><AccessControlList>"
                + "<Grant><Grantee "
                + XSI
                + " xsi:type=\"CanonicalUser\"><ID>bob</ID></Grantee>"
                + "<Permission>READ</Permission></Grant>"
                + "<Grant><Grantee "
                + XSI
                + " xsi:type=\"Group\"><URI>"
                + Grantee.ALL_USERS_URI
                + "</URI></Grantee><Permission>READ_ACP</Permission></Grant>"
                + "</AccessControlList><Owner><ID>root</ID></Owner></AccessControlPolicy>");
    assertThat(p.ownerId()).isEqualTo("root");
    assertThat(p.grants())
        .containsExactly(
            new Grant(Grantee.user("bob"), Permission.READ),
            new Grant(Grantee.ALL_USERS, Permission.READ_ACP));
  }

  @Test
  void withoutXsiTypeTheGranteeKindFollowsItsContent() {
    AclXml.Policy p =
        parse(
            "<AccessControlPolicy><AccessControlList>"
                + "<Grant><Grantee><ID>bob</ID></Grantee><Permission>WRITE</Permission></Grant>"
                + "<Grant><Grantee><URI>"
                + Grantee.AUTHENTICATED_USERS_URI
                + "</URI></Grantee>"
                + "<Permission>READ</Permission></Grant>"
                + "</AccessControlList></AccessControlPolicy>");
    assertThat(p.ownerId()).isNull();
    assertThat(p.grants())
        .containsExactly(
            new Grant(Grantee.user("bob"), Permission.WRITE),
            new Grant(Grantee.AUTHENTICATED_USERS, Permission.READ));
    assertThat(parse("<AccessControlPolicy><AccessControlList/></AccessControlPolicy>").grants())
        .isEmpty();
  }

  @Test
  void badDocumentsAreMalformedAcl() {
    for (String bad :
        new String[] {
          "",
          "not xml",
          "<AccessControlPolicy>",
          "<Tagging/>",
          "<AccessControlPolicy><Owner><ID>a</ID></Owner></AccessControlPolicy>",
          "<AccessControlPolicy><AccessControlList><Grant><Permission>READ</Permission></Grant>"
              + "</AccessControlList></AccessControlPolicy>",
          "<AccessControlPolicy><AccessControlList><Grant><Grantee><ID>a</ID></Grantee></Grant>"
              + "</AccessControlList></AccessControlPolicy>",
          "<AccessControlPolicy><AccessControlList/><AccessControlList/></AccessControlPolicy>",
          "<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><AccessControlPolicy>&e;"
              + "</AccessControlPolicy>"
        }) {
      assertThat(error(bad)).as(bad).isEqualTo(S3ErrorCode.MALFORMED_ACL_ERROR);
    }
  }

  @Test
  void unknownPermissionsAndGranteesAreInvalidArgument() {
    String grant =
        "<AccessControlPolicy><AccessControlList><Grant>%s<Permission>%s</Permission>"
            + "</Grant></AccessControlList></AccessControlPolicy>";
    String user = "<Grantee " + XSI + " xsi:type=\"CanonicalUser\"><ID>bob</ID></Grantee>";
    assertThat(error(grant.formatted(user, "EVERYTHING"))).isEqualTo(S3ErrorCode.INVALID_ARGUMENT);
    assertThat(
            error(
                grant.formatted(
                    "<Grantee " + XSI + " xsi:type=\"Robot\"><ID>r</ID></Grantee>", "READ")))
        .isEqualTo(S3ErrorCode.INVALID_ARGUMENT);
    assertThat(
            error(
                grant.formatted(
                    "<Grantee " + XSI + " xsi:type=\"Group\"><URI>http://x/y</URI></Grantee>",
                    "READ")))
        .isEqualTo(S3ErrorCode.INVALID_ARGUMENT);
    assertThat(
            error(
                grant.formatted(
                    "<Grantee " + XSI + " xsi:type=\"CanonicalUser\"></Grantee>", "READ")))
        .isEqualTo(S3ErrorCode.INVALID_ARGUMENT);
    assertThat(
            error(
                grant.formatted(
                    "<Grantee "
                        + XSI
                        + " xsi:type=\"AmazonCustomerByEmail\"><EmailAddress>a@b.c</EmailAddress></Grantee>",
                    "READ")))
        .isEqualTo(S3ErrorCode.UNRESOLVABLE_GRANT_BY_EMAIL_ADDRESS);
  }

  @Test
  void ownershipAndPublicAccessBlockDocuments() {
    for (var o : dev.dfs.authz.acl.ObjectOwnership.values()) {
      assertThat(OwnershipControlsHandlers.parse(OwnershipControlsHandlers.render(o).toBytes()))
          .isEqualTo(o);
    }
    var pab = new dev.dfs.authz.acl.PublicAccessBlock(true, false, true, false);
    assertThat(PublicAccessBlockHandlers.parse(PublicAccessBlockHandlers.render(pab).toBytes()))
        .isEqualTo(pab);
    assertThat(
            PublicAccessBlockHandlers.parse(
                "<PublicAccessBlockConfiguration><IgnorePublicAcls>TRUE</IgnorePublicAcls>"
                    .concat("</PublicAccessBlockConfiguration>")
                    .getBytes(StandardCharsets.UTF_8)))
        .isEqualTo(new dev.dfs.authz.acl.PublicAccessBlock(false, true, false, false));
    for (String bad :
        new String[] {
          "<OwnershipControls/>",
          "<OwnershipControls><Rule><ObjectOwnership>Mine</ObjectOwnership></Rule></OwnershipControls>",
          "<OwnershipControls><Rule><ObjectOwnership>ObjectWriter</ObjectOwnership></Rule>"
              + "<Rule><ObjectOwnership>ObjectWriter</ObjectOwnership></Rule></OwnershipControls>"
        }) {
      assertThat(
              catchThrowableOfType(
                      S3Exception.class,
                      () -> OwnershipControlsHandlers.parse(bad.getBytes(StandardCharsets.UTF_8)))
                  .code())
          .as(bad)
          .isEqualTo(S3ErrorCode.MALFORMED_XML);
    }
    assertThat(
            catchThrowableOfType(
                    S3Exception.class,
                    () ->
                        PublicAccessBlockHandlers.parse(
                            "<PublicAccessBlockConfiguration><BlockPublicAcls>yes</BlockPublicAcls>"
                                .concat("</PublicAccessBlockConfiguration>")
                                .getBytes(StandardCharsets.UTF_8)))
                .code())
        .isEqualTo(S3ErrorCode.MALFORMED_XML);
  }
}
