package dev.dfs.s3;

import dev.dfs.auth.Principal;
import dev.dfs.auth.RequestAuthenticator;
import dev.dfs.authz.Authorizer;
import dev.dfs.store.ObjectInfo;
import dev.dfs.store.ObjectMetadata;
import dev.dfs.store.ObjectStore;
import dev.dfs.store.PutObjectRequest;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.eclipse.jetty.http.HttpField;
import org.jspecify.annotations.Nullable;

/**
 * POST Object: a browser form upload ({@code multipart/form-data}) signed with a policy document.
 * Fields come first, the file last; the file is streamed into the store, never held whole. The
 * form's signature is verified by the authenticator, the policy's expiry and conditions here, and
 * the file's size against {@code content-length-range} while it streams. The sender the form names
 * (anonymous for an unsigned form) must be allowed {@code s3:PutObject} on the key by the {@link
 * Authorizer}, checked before the file is read.
 */
final class PostObjectHandler {
  private static final int MAX_FIELD_BYTES = 20 * 1024;
  private static final int MAX_FIELDS = 100;

  private final ObjectStore store;
  private final BucketQuotas quotas;
  private final RequestAuthenticator authenticator;
  private final Authorizer authorizer;
  private final Clock clock;
  private final AclRules acls;
  private final ObjectEncryption encryption;
  private final DefaultStorageClass defaultClass;

  /**
   * @param encryption applies the bucket's default encryption to uploaded files
   */
  PostObjectHandler(
      ObjectStore store,
      RequestAuthenticator authenticator,
      Authorizer authorizer,
      Clock clock,
      AclRules acls,
      ObjectEncryption encryption,
      BucketQuotas quotas,
      DefaultStorageClass defaultClass) {
    this.defaultClass = defaultClass;
    this.encryption = encryption;
    this.quotas = quotas;
    this.store = store;
    this.acls = acls;
    this.authenticator = authenticator;
    this.authorizer = authorizer;
    this.clock = clock;
  }

  void postObject(S3Exchange ex) throws IOException {
    String boundary = MultipartForm.boundary(ex.header("Content-Type"));
    if (boundary == null) {
      throw new S3Exception(
          S3ErrorCode.PRECONDITION_FAILED,
          "Bucket POST must be of the enclosure-type multipart/form-data");
    }
    MultipartForm form = new MultipartForm(ex.body(), boundary);
    Map<String, String> fields = new LinkedHashMap<>();
    MultipartForm.Part file = fieldsBeforeFile(form, fields);
    refuseUnsupported(fields);
    Principal principal = authenticate(fields);
    String key = objectKey(fields, file);
    if (!authorizer.unrestricted(principal)
        && !authorizer.allowed(
            AccessRequests.of(
                ex, principal, S3Operation.POST_OBJECT.action(), ex.bucket(), key, store))) {
      throw new S3Exception(S3ErrorCode.ACCESS_DENIED);
    }
    long[] range = checkPolicy(ex, fields, key, principal);
    ObjectMetadata metadata = metadata(ex, fields, principal);
    InputStream body =
        range == null ? form.body() : new BoundedBody(form.body(), range[0], range[1]);
    // the form's x-amz-checksum-* and x-amz-server-side-encryption* fields act as the
    // headers of the same name on PutObject, with the same errors
    ChecksumHeaders.Claim claim = ChecksumHeaders.claim(fields::get, name -> null);
    ObjectEncryption.Plan plan = encryption.forWrite(fields::get, ex, ex.bucket(), key);
    ObjectInfo info;
    try (QuotaReservation quota = quotas.admit(ex.bucketContext(), key, 0, 1, true)) {
      info =
          store.putObject(
              new PutObjectRequest(
                  ex.bucket(),
                  key,
                  -1,
                  plan.apply(metadata),
                  null,
                  claim.algorithm(),
                  claim.present() ? claim.expected() : null,
                  null,
                  plan.encryption()),
              quota.meter(body));
    }
    plan.responseHeaders().forEach(ex::setHeader);
    while (form.next() != null) {
      // fields after the file are ignored, as S3 does; read them so the connection stays usable
    }
    respond(ex, fields, key, info);
  }

  /**
   * The sender the form's signature names: SigV4 fields ({@code x-amz-signature}, {@code
   * x-amz-credential}, {@code x-amz-algorithm}) or SigV2 fields ({@code AWSAccessKeyId}, {@code
   * signature}); anonymous when it carries neither.
   */
  private Principal authenticate(Map<String, String> fields) {
    boolean v4 =
        fields.containsKey("x-amz-signature")
            || fields.containsKey("x-amz-credential")
            || fields.containsKey("x-amz-algorithm");
    if (!v4 && (fields.containsKey("awsaccesskeyid") || fields.containsKey("signature"))) {
      return authenticator.authenticatePostFormV2(
          fields.get("policy"), fields.get("awsaccesskeyid"), fields.get("signature"));
    }
    return authenticator.authenticatePostForm(
        fields.get("policy"),
        fields.get("x-amz-algorithm"),
        fields.get("x-amz-credential"),
        fields.get("x-amz-date"),
        fields.get("x-amz-signature"));
  }

  /**
   * Reads the form's fields up to the file part into {@code fields} (names lower-cased, the first
   * of a repeated name wins) and returns the file part, positioned at its content.
   */
  private static MultipartForm.Part fieldsBeforeFile(MultipartForm form, Map<String, String> fields)
      throws IOException {
    for (MultipartForm.Part part = form.next(); part != null; part = form.next()) {
      String name = part.name().toLowerCase(Locale.ROOT);
      if (name.equals("file")) return part;
      if (fields.size() == MAX_FIELDS) {
        throw new S3Exception(S3ErrorCode.MALFORMED_POST_REQUEST, "Too many form fields.");
      }
      fields.putIfAbsent(name, form.value(MAX_FIELD_BYTES));
    }
    throw S3Exception.invalidArgument(
        "POST requires exactly one file upload per request.", "file", "0");
  }

  /** The form's {@code key} field with {@code ${filename}} replaced; refused when bad. */
  private static String objectKey(Map<String, String> fields, MultipartForm.Part file) {
    String key = fields.get("key");
    if (key == null) {
      throw S3Exception.invalidArgument(
          "Bucket POST must contain a field named 'key'.  If it is specified, please check the"
              + " order of the fields.",
          "key",
          null);
    }
    if (file.filename() != null) key = key.replace("${filename}", file.filename());
    if (key.isEmpty() || ObjectKeys.tooLong(key)) {
      throw new S3Exception(S3ErrorCode.KEY_TOO_LONG);
    }
    return key;
  }

  /**
   * Checks the form against its policy, required for a signed form, and returns the policy's {@code
   * content-length-range} (null: none).
   */
  private long @Nullable [] checkPolicy(
      S3Exchange ex, Map<String, String> fields, String key, Principal principal) {
    if (fields.get("policy") == null) {
      if (!principal.anonymous()) {
        throw S3Exception.invalidArgument(
            "Bucket POST with a signature must contain a field named 'policy'.", "policy", null);
      }
      return null;
    }
    PostPolicy policy = PostPolicy.parse(fields.get("policy"));
    Map<String, String> checked = new LinkedHashMap<>(fields);
    checked.put("bucket", ex.bucket());
    checked.put("key", key);
    policy.check(checked, fields.keySet(), clock.instant());
    return policy.lengthRange();
  }

  /** The new object's metadata from the form's fields: headers, tagging, canned ACL, grants. */
  private ObjectMetadata metadata(S3Exchange ex, Map<String, String> fields, Principal principal)
      throws IOException {
    ObjectMetadata metadata =
        defaultClass.apply(ex.bucket(), ObjectHeaders.fromRequest(asHeaders(fields)));
    if (fields.get("tagging") != null) {
      metadata =
          metadata.withTags(
              ObjectTags.fromXml(fields.get("tagging").getBytes(StandardCharsets.UTF_8)));
    }
    // the form's canned "acl" field is x-amz-acl, x-amz-grant-* fields are the headers;
    // AclRules applies ownership, known grantees and BlockPublicAcls
    return acls.forNewObject(
        ex,
        principal,
        name -> name.equals("x-amz-acl") ? fields.get("acl") : fields.get(name),
        metadata);
  }

  private static void respond(
      S3Exchange ex, Map<String, String> fields, String key, ObjectInfo info) throws IOException {
    String etag = ObjectHeaders.quote(info.etag());
    String location = "/" + ex.bucket() + "/" + key;
    ex.setHeader("ETag", etag);
    ex.setHeader("Location", location);
    String redirect = fields.getOrDefault("success_action_redirect", fields.get("redirect"));
    if (redirect != null && !redirect.isBlank()) {
      String sep = redirect.contains("?") ? "&" : "?";
      ex.setHeader(
          "Location",
          redirect
              + sep
              + "bucket="
              + encode(ex.bucket())
              + "&key="
              + encode(key)
              + "&etag="
              + encode(etag));
      ex.sendEmpty(303);
      return;
    }
    String status = fields.getOrDefault("success_action_status", "204");
    switch (status) {
      case "200" -> ex.sendEmpty(200);
      case "201" ->
          ex.sendXml(
              201,
              XmlOut.document("PostResponse")
                  .element("Location", location)
                  .element("Bucket", ex.bucket())
                  .element("Key", key)
                  .element("ETag", etag));
      default -> ex.sendEmpty(204);
    }
  }

  private static List<HttpField> asHeaders(Map<String, String> fields) {
    List<HttpField> headers = new ArrayList<>();
    fields.forEach((name, value) -> headers.add(new HttpField(name, value)));
    return headers;
  }

  private static void refuseUnsupported(Map<String, String> fields) {
    for (String n : fields.keySet()) {
      if (n.startsWith("x-amz-object-lock-")) {
        throw new S3Exception(
            S3ErrorCode.NOT_IMPLEMENTED, "DFS does not implement the form field '" + n + "' yet.");
      }
    }
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
