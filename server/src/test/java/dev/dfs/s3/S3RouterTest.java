package dev.dfs.s3;

import static dev.dfs.s3.S3Operation.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The router table: every operation in path style and in virtual-host style, sub-resources, key
 * decoding and the errors the router itself raises.
 */
class S3RouterTest {
  static final String DOMAIN = "s3.example.test";
  static final S3Router PATH_ONLY = new S3Router(null);
  static final S3Router WITH_DOMAIN = new S3Router(DOMAIN);

  /** One row: a request against bucket {@code bkt} (key may be null) and what it resolves to. */
  record Row(String method, String key, String query, boolean copy, S3Operation op, String sub) {
    @Override
    public String toString() {
      return method
          + " "
          + (key == null ? "" : key)
          + (query == null ? "" : "?" + query)
          + (copy ? " +copy-source" : "")
          + " -> "
          + op;
    }
  }

  static Row row(String method, String key, String query, S3Operation op) {
    return new Row(method, key, query, false, op, null);
  }

  /** Every bucket- and object-scoped operation, at least once. */
  static List<Row> table() {
    List<Row> rows =
        new ArrayList<>(
            List.of(
                row("PUT", null, null, CREATE_BUCKET),
                row("HEAD", null, null, HEAD_BUCKET),
                row("DELETE", null, null, DELETE_BUCKET),
                row("GET", null, "location", GET_BUCKET_LOCATION),
                row("GET", null, "versioning", GET_BUCKET_VERSIONING),
                row("GET", null, null, LIST_OBJECTS),
                row("GET", null, "list-type=1&prefix=a", LIST_OBJECTS),
                row("GET", null, "prefix=a&list-type=2", LIST_OBJECTS_V2),
                row("GET", null, "uploads", LIST_MULTIPART_UPLOADS),
                row("GET", null, "uploads=&prefix=x", LIST_MULTIPART_UPLOADS),
                row("POST", null, "delete", DELETE_OBJECTS),
                row("GET", null, "tagging", GET_BUCKET_TAGGING),
                row("PUT", null, "tagging", PUT_BUCKET_TAGGING),
                row("DELETE", null, "tagging", DELETE_BUCKET_TAGGING),
                row("GET", null, "cors", GET_BUCKET_CORS),
                row("PUT", null, "cors", PUT_BUCKET_CORS),
                row("DELETE", null, "cors", DELETE_BUCKET_CORS),
                row("GET", null, "acl", GET_BUCKET_ACL),
                row("PUT", null, "acl", PUT_BUCKET_ACL),
                row("GET", null, "ownershipControls", GET_BUCKET_OWNERSHIP_CONTROLS),
                row("PUT", null, "ownershipControls", PUT_BUCKET_OWNERSHIP_CONTROLS),
                row("DELETE", null, "ownershipControls", DELETE_BUCKET_OWNERSHIP_CONTROLS),
                row("GET", null, "publicAccessBlock", GET_PUBLIC_ACCESS_BLOCK),
                row("PUT", null, "publicAccessBlock", PUT_PUBLIC_ACCESS_BLOCK),
                row("DELETE", null, "publicAccessBlock", DELETE_PUBLIC_ACCESS_BLOCK),
                row("PUT", null, "policy", PUT_BUCKET_POLICY),
                row("GET", null, "policy", GET_BUCKET_POLICY),
                row("DELETE", null, "policy", DELETE_BUCKET_POLICY),
                row("GET", null, "policyStatus", GET_BUCKET_POLICY_STATUS),
                row("GET", null, "lifecycle", GET_BUCKET_LIFECYCLE_CONFIGURATION),
                row("PUT", null, "lifecycle", PUT_BUCKET_LIFECYCLE_CONFIGURATION),
                row("DELETE", null, "lifecycle", DELETE_BUCKET_LIFECYCLE),
                row("GET", null, "encryption", GET_BUCKET_ENCRYPTION),
                row("PUT", null, "encryption", PUT_BUCKET_ENCRYPTION),
                row("DELETE", null, "encryption", DELETE_BUCKET_ENCRYPTION),
                row("OPTIONS", null, null, CORS_PREFLIGHT),
                row("OPTIONS", "k", null, CORS_PREFLIGHT),
                row("POST", null, "delete=", DELETE_OBJECTS),
                row("POST", null, null, POST_OBJECT),
                row("GET", "k", null, GET_OBJECT),
                row("GET", "k", "partNumber=2", GET_OBJECT),
                row("GET", "k", "x-id=GetObject", GET_OBJECT),
                row("HEAD", "k", null, HEAD_OBJECT),
                row("PUT", "k", null, PUT_OBJECT),
                new Row("PUT", "k", null, true, COPY_OBJECT, null),
                row("DELETE", "k", null, DELETE_OBJECT),
                row("POST", "k", "uploads", CREATE_MULTIPART_UPLOAD),
                row("PUT", "k", "partNumber=1&uploadId=u", UPLOAD_PART),
                new Row("PUT", "k", "partNumber=1&uploadId=u", true, UPLOAD_PART_COPY, null),
                row("POST", "k", "uploadId=u", COMPLETE_MULTIPART_UPLOAD),
                row("DELETE", "k", "uploadId=u", ABORT_MULTIPART_UPLOAD),
                row("GET", "k", "uploadId=u&max-parts=2", LIST_PARTS),
                row("GET", "k", "acl", GET_OBJECT_ACL),
                row("GET", "k", "attributes&versionId=v", GET_OBJECT_ATTRIBUTES),
                row("PUT", "k", "acl&versionId=null", PUT_OBJECT_ACL),
                row("GET", "k", "tagging", GET_OBJECT_TAGGING),
                row("PUT", "k", "tagging", PUT_OBJECT_TAGGING),
                row("DELETE", "k", "tagging=&versionId=null", DELETE_OBJECT_TAGGING),
                row("PUT", null, "versioning", PUT_BUCKET_VERSIONING),
                row("GET", null, "versions", LIST_OBJECT_VERSIONS),
                row("GET", null, "versions&prefix=a&key-marker=b", LIST_OBJECT_VERSIONS),
                row("GET", null, "object-lock", GET_OBJECT_LOCK_CONFIGURATION),
                row("PUT", null, "object-lock", PUT_OBJECT_LOCK_CONFIGURATION),
                row("GET", "k", "retention&versionId=null", GET_OBJECT_RETENTION),
                row("PUT", "k", "retention", PUT_OBJECT_RETENTION),
                row("GET", "k", "legal-hold", GET_OBJECT_LEGAL_HOLD),
                row("PUT", "k", "legal-hold", PUT_OBJECT_LEGAL_HOLD),
                row(
                    "GET",
                    null,
                    "intelligent-tiering&id=a",
                    GET_BUCKET_INTELLIGENT_TIERING_CONFIGURATION),
                row(
                    "GET",
                    null,
                    "intelligent-tiering",
                    LIST_BUCKET_INTELLIGENT_TIERING_CONFIGURATIONS),
                row(
                    "PUT",
                    null,
                    "intelligent-tiering&id=a",
                    PUT_BUCKET_INTELLIGENT_TIERING_CONFIGURATION),
                row(
                    "DELETE",
                    null,
                    "intelligent-tiering&id=a",
                    DELETE_BUCKET_INTELLIGENT_TIERING_CONFIGURATION)));
    for (String sub : S3Router.UNSUPPORTED_BUCKET_SUBRESOURCES) {
      for (String method : List.of("GET", "PUT", "DELETE")) {
        rows.add(new Row(method, null, sub, false, UNSUPPORTED_BUCKET_SUBRESOURCE, sub));
      }
    }
    for (String sub : S3Router.UNSUPPORTED_OBJECT_SUBRESOURCES) {
      for (String method : List.of("GET", "PUT", "DELETE")) {
        rows.add(new Row(method, "k", sub, false, UNSUPPORTED_OBJECT_SUBRESOURCE, sub));
      }
    }
    rows.add(row("POST", "k", "restore", RESTORE_OBJECT));
    rows.add(
        new Row(
            "POST", "k", "select&select-type=2", false, UNSUPPORTED_OBJECT_SUBRESOURCE, "select"));
    rows.add(new Row("POST", null, "website", false, UNSUPPORTED_BUCKET_SUBRESOURCE, "website"));
    return rows;
  }

  @Test
  void tableCoversEveryOperation() {
    Set<S3Operation> covered = EnumSet.of(LIST_BUCKETS); // service level: serviceLevel()
    table().forEach(r -> covered.add(r.op()));
    assertThat(covered).containsExactlyInAnyOrderElementsOf(EnumSet.allOf(S3Operation.class));
  }

  @ParameterizedTest(name = "path style: {0}")
  @MethodSource("table")
  void pathStyle(Row r) {
    String path = "/bkt" + (r.key() == null ? "" : "/" + r.key());
    for (S3Router router : List.of(PATH_ONLY, WITH_DOMAIN)) {
      check(r, router.route(r.method(), "localhost:5555", path, r.query(), r.copy()));
      check(r, router.route(r.method(), DOMAIN, path, r.query(), r.copy()));
    }
  }

  @ParameterizedTest(name = "virtual host: {0}")
  @MethodSource("table")
  void virtualHostStyle(Row r) {
    String path = "/" + (r.key() == null ? "" : r.key());
    check(r, WITH_DOMAIN.route(r.method(), "bkt." + DOMAIN + ":5555", path, r.query(), r.copy()));
    check(r, WITH_DOMAIN.route(r.method(), "BKT.S3.Example.Test", path, r.query(), r.copy()));
    if (r.key() == null) {
      check(r, WITH_DOMAIN.route(r.method(), "bkt." + DOMAIN, "", r.query(), r.copy()));
    }
  }

  private static void check(Row r, S3Request s3) {
    assertThat(s3.operation()).isEqualTo(r.op());
    assertThat(s3.operation().action()).isNotBlank();
    assertThat(s3.method()).isEqualTo(r.method());
    assertThat(s3.bucket()).isEqualTo("bkt");
    assertThat(s3.key()).isEqualTo(r.key());
    assertThat(s3.subresource()).isEqualTo(r.sub());
    S3Operation.Scope expected =
        r.key() == null ? S3Operation.Scope.BUCKET : S3Operation.Scope.OBJECT;
    if (r.op() != S3Operation.CORS_PREFLIGHT) { // a preflight may address a bucket or a key
      assertThat(s3.operation().scope()).isEqualTo(expected);
    }
  }

  @Test
  void serviceLevel() {
    for (S3Router router : List.of(PATH_ONLY, WITH_DOMAIN)) {
      for (String path : new String[] {"/", ""}) {
        S3Request r = router.route("GET", DOMAIN, path, null, false);
        assertThat(r.operation()).isEqualTo(LIST_BUCKETS);
        assertThat(r.bucket()).isNull();
        assertThat(r.key()).isNull();
        assertThat(r.operation().scope()).isEqualTo(S3Operation.Scope.SERVICE);
      }
    }
    assertThat(
            WITH_DOMAIN
                .route("GET", DOMAIN + ":9000", "/", "max-buckets=5", false)
                .param("max-buckets"))
        .isEqualTo("5");
  }

  @ParameterizedTest
  @CsvSource({
    "POST,/",
    "PUT,/",
    "DELETE,/",
    "HEAD,/",
    "PATCH,/bkt",
    "OPTIONS,/",
    "POST,/bkt/k",
    "TRACE,/"
  })
  void methodNotAllowed(String method, String path) {
    assertError(
        () -> PATH_ONLY.route(method, "h", path, null, false), S3ErrorCode.METHOD_NOT_ALLOWED);
  }

  static Stream<Arguments> keys() {
    return Stream.of(
        Arguments.of("a%2Fb", "a/b"),
        Arguments.of("dir/sub/file.txt", "dir/sub/file.txt"),
        Arguments.of("a+b", "a+b"),
        Arguments.of("a%2Bb", "a+b"),
        Arguments.of("a%20b", "a b"),
        Arguments.of("a b", "a b"),
        Arguments.of("%C3%BC%E2%82%AC", "ü€"),
        Arguments.of("ü€😀", "ü€😀"),
        Arguments.of("%F0%9F%98%80", "😀"),
        Arguments.of("/leading", "/leading"),
        Arguments.of("a//b", "a//b"),
        Arguments.of("//", "//"),
        Arguments.of("a/../b/./c", "a/../b/./c"),
        Arguments.of("%2e%2e/x", "../x"),
        Arguments.of("100%25", "100%"),
        Arguments.of("%3F%23%26%3D", "?#&="),
        Arguments.of("trailing/", "trailing/"),
        Arguments.of("%00nul", "\u0000nul"));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @MethodSource("keys")
  void decodesKeys(String raw, String key) {
    assertThat(PATH_ONLY.route("GET", "h", "/bkt/" + raw, null, false).key()).isEqualTo(key);
    assertThat(WITH_DOMAIN.route("GET", "bkt." + DOMAIN, "/" + raw, null, false).key())
        .isEqualTo(key);
  }

  @Test
  void emptyKeyAfterSlashIsTheBucket() {
    S3Request r = PATH_ONLY.route("GET", "h", "/bkt/", null, false);
    assertThat(r.operation()).isEqualTo(LIST_OBJECTS);
    assertThat(r.key()).isNull();
  }

  @Test
  void bucketInPathIsDecoded() {
    assertThat(PATH_ONLY.route("HEAD", "h", "/my%2Dbucket", null, false).bucket())
        .isEqualTo("my-bucket");
  }

  @Test
  void keyLengthIsCountedInUtf8Bytes() {
    String ok = "a".repeat(ObjectKeys.MAX_KEY_BYTES);
    assertThat(PATH_ONLY.route("PUT", "h", "/bkt/" + ok, null, false).key()).hasSize(1024);
    String euros = "€".repeat(341); // 1023 bytes
    assertThat(PATH_ONLY.route("PUT", "h", "/bkt/" + euros, null, false).key()).isEqualTo(euros);
    assertError(
        () -> PATH_ONLY.route("PUT", "h", "/bkt/" + ok + "b", null, false),
        S3ErrorCode.KEY_TOO_LONG);
    assertError(
        () -> PATH_ONLY.route("GET", "h", "/bkt/" + "%E2%82%AC".repeat(342), null, false),
        S3ErrorCode.KEY_TOO_LONG);
    assertError(
        () -> WITH_DOMAIN.route("GET", "bkt." + DOMAIN, "/" + ok + "b", null, false),
        S3ErrorCode.KEY_TOO_LONG);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/bkt/a%2",
        "/bkt/a%",
        "/bkt/%zz",
        "/bkt/a%G1",
        "/bkt/%\u0661\u0661",
        "/bkt/%C3%28",
        "/bkt/%FF",
        "/bkt/%ED%A0%80",
        "/b%kt/k"
      })
  void badEscapesAreInvalidUri(String path) {
    assertError(() -> PATH_ONLY.route("GET", "h", path, null, false), S3ErrorCode.INVALID_URI);
  }

  @Test
  void badQueryEscapeIsInvalidUri() {
    assertError(
        () -> PATH_ONLY.route("GET", "h", "/bkt", "prefix=%zz", false), S3ErrorCode.INVALID_URI);
  }

  @Test
  void pathMustStartWithSlash() {
    assertError(
        () -> PATH_ONLY.route("GET", "h", "bkt/k", null, false), S3ErrorCode.INVALID_REQUEST);
  }

  @Test
  void queryIsFormDecodedAndFirstValueWins() {
    S3Request r =
        PATH_ONLY.route(
            "GET",
            "h",
            "/bkt",
            "prefix=a+b%2Bc&delimiter=%2F&prefix=ignored&encoding-type=url&empty=&flag",
            false);
    assertThat(r.param("prefix")).isEqualTo("a b+c");
    assertThat(r.param("delimiter")).isEqualTo("/");
    assertThat(r.param("empty")).isEmpty();
    assertThat(r.param("flag")).isEmpty();
    assertThat(r.hasParam("flag")).isTrue();
    assertThat(r.param("absent")).isNull();
    assertThat(r.param("encoding-type")).isEqualTo("url");
  }

  @Test
  void hostsThatAreNotBucketHostsMeanPathStyle() {
    for (String host :
        new String[] {
          null, DOMAIN, "other.example.test", "[::1]:5555", "127.0.0.1:5555", "xs3.example.test"
        }) {
      S3Request r = WITH_DOMAIN.route("GET", host, "/bkt/k", null, false);
      assertThat(r.bucket()).as(String.valueOf(host)).isEqualTo("bkt");
      assertThat(r.key()).isEqualTo("k");
    }
  }

  @Test
  void dottedBucketInHost() {
    S3Request r = WITH_DOMAIN.route("GET", "my.dotted.bkt." + DOMAIN, "/a/b", null, false);
    assertThat(r.bucket()).isEqualTo("my.dotted.bkt");
    assertThat(r.key()).isEqualTo("a/b");
  }

  @Test
  void withoutDomainHostIsIgnored() {
    S3Request r = PATH_ONLY.route("GET", "bkt." + DOMAIN, "/other/k", null, false);
    assertThat(r.bucket()).isEqualTo("other");
  }

  private static void assertError(Runnable call, S3ErrorCode code) {
    assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.code()).isEqualTo(code));
  }
}
