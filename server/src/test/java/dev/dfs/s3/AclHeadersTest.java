package dev.dfs.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.dfs.authz.acl.CannedAcl;
import dev.dfs.authz.acl.Grant;
import dev.dfs.authz.acl.Grantee;
import dev.dfs.authz.acl.Permission;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** x-amz-acl and x-amz-grant-* parsing. */
class AclHeadersTest {
  private static AclHeaders.Requested parse(String... nameValues) {
    Map<String, String> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    for (int i = 0; i < nameValues.length; i += 2) h.put(nameValues[i], nameValues[i + 1]);
    return AclHeaders.parse(h::get);
  }

  private static S3Exception error(String... nameValues) {
    return catchThrowableOfType(S3Exception.class, () -> parse(nameValues));
  }

  @Test
  void noHeadersAskForNothing() {
    assertThat(parse().isNone()).isTrue();
    assertThat(parse("x-amz-meta-a", "b").isNone()).isTrue();
  }

  @Test
  void cannedAcl() {
    assertThat(parse("x-amz-acl", "public-read").canned()).isEqualTo(CannedAcl.PUBLIC_READ);
    assertThat(parse("x-amz-acl", " BUCKET-OWNER-FULL-CONTROL ").canned())
        .isEqualTo(CannedAcl.BUCKET_OWNER_FULL_CONTROL);
    assertThat(error("x-amz-acl", "everyone").code()).isEqualTo(S3ErrorCode.INVALID_ARGUMENT);
    assertThat(error("x-amz-acl", "aws-exec-read").code()).isEqualTo(S3ErrorCode.NOT_IMPLEMENTED);
  }

  @Test
  void grantListsOfEveryKind() {
    AclHeaders.Requested r =
        parse(
            "x-amz-grant-read",
                "id=\"alice\", uri=\"http://acs.amazonaws.com/groups/global/AllUsers\"",
            "x-amz-grant-write", "id=bob",
            "x-amz-grant-read-acp", "ID=\"carol\"",
            "x-amz-grant-write-acp",
                "uri=\"http://acs.amazonaws.com/groups/global/AuthenticatedUsers\"",
            "x-amz-grant-full-control", "id=\"dave, the admin\"");
    assertThat(r.canned()).isNull();
    assertThat(r.grants())
        .containsExactly(
            new Grant(Grantee.user("alice"), Permission.READ),
            new Grant(Grantee.ALL_USERS, Permission.READ),
            new Grant(Grantee.user("bob"), Permission.WRITE),
            new Grant(Grantee.user("carol"), Permission.READ_ACP),
            new Grant(Grantee.AUTHENTICATED_USERS, Permission.WRITE_ACP),
            new Grant(Grantee.user("dave, the admin"), Permission.FULL_CONTROL));
    // explicit grants give the owner nothing implicitly, as in S3
    assertThat(r.toAcl("owner", "owner").grants()).hasSize(6);
    assertThat(r.toAcl("owner", "owner").ownerId()).isEqualTo("owner");
  }

  @Test
  void cannedAndGrantsTogetherAreInvalidRequest() {
    assertThat(error("x-amz-acl", "private", "x-amz-grant-read", "id=\"a\"").code())
        .isEqualTo(S3ErrorCode.INVALID_REQUEST);
  }

  @Test
  void malformedGrantsAreInvalidArgument() {
    for (String bad :
        new String[] {
          "", "alice", "id=", "id=\"a", "id=\"a\",", "id=a\"b\"", "canonical=\"a\"", ", id=\"a\""
        }) {
      assertThat(error("x-amz-grant-read", bad).code())
          .as(bad)
          .isEqualTo(S3ErrorCode.INVALID_ARGUMENT);
    }
    assertThat(error("x-amz-grant-read", "uri=\"http://example.com/group\"").code())
        .isEqualTo(S3ErrorCode.INVALID_ARGUMENT);
  }

  @Test
  void emailGranteesAreUnresolvable() {
    S3Exception e = error("x-amz-grant-read", "emailAddress=\"a@example.com\"");
    assertThat(e.code()).isEqualTo(S3ErrorCode.UNRESOLVABLE_GRANT_BY_EMAIL_ADDRESS);
    assertThat(e.extra()).containsEntry("EmailAddress", "a@example.com");
  }
}
