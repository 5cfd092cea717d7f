package dev.dfs.s3;

import static dev.dfs.s3.S3Operation.*;
import static dev.dfs.s3.S3Route.Target.BUCKET;
import static dev.dfs.s3.S3Route.Target.BUCKET_OR_OBJECT;
import static dev.dfs.s3.S3Route.Target.OBJECT;
import static dev.dfs.s3.S3Route.Target.SERVICE;

import dev.dfs.s3.S3Route.Action;
import dev.dfs.s3.S3Route.Target;
import dev.dfs.s3.S3Route.When;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * The table of every S3 route: the single source {@link S3Router} resolves requests from and {@link
 * S3Handler} dispatches by (as Garage's {@code router.rs} and DFS's own {@code admin/AdminRoutes}
 * do). S3RoutesTest checks that each {@link S3Operation} has exactly one row and one handler.
 *
 * <p>Order matters: for a request the router takes the first row whose target, condition and method
 * match. Rows with an exclusive condition (a served sub-resource such as {@code ?tagging}) claim
 * the request: a method none of them takes is MethodNotAllowed. The remaining rows run from the
 * most specific condition to the plain operation on the path; their order reproduces S3's
 * precedence (e.g. {@code PUT ?partNumber} with a copy source is UploadPartCopy before it is
 * CopyObject).
 */
final class S3Routes {
  private S3Routes() {}

  private static final String GET = "GET";
  private static final String HEAD = "HEAD";
  private static final String PUT = "PUT";
  private static final String POST = "POST";
  private static final String DELETE = "DELETE";

  /** Every route, in the order the router tries them. */
  static final List<S3Route> ALL =
      List.of(
          route(SERVICE, GET, always(), LIST_BUCKETS, h -> h.buckets()::listBuckets),
          route(BUCKET_OR_OBJECT, "OPTIONS", always(), CORS_PREFLIGHT, h -> h.cors()::preflight),

          // Bucket sub-resources DFS serves: each claims the request (other methods: 405).
          bucket(GET, served("tagging"), GET_BUCKET_TAGGING, h -> h.bucketTagging()::get),
          bucket(PUT, served("tagging"), PUT_BUCKET_TAGGING, h -> h.bucketTagging()::put),
          bucket(DELETE, served("tagging"), DELETE_BUCKET_TAGGING, h -> h.bucketTagging()::delete),
          bucket(GET, served("encryption"), GET_BUCKET_ENCRYPTION, h -> h.bucketEncryption()::get),
          bucket(PUT, served("encryption"), PUT_BUCKET_ENCRYPTION, h -> h.bucketEncryption()::put),
          bucket(
              DELETE,
              served("encryption"),
              DELETE_BUCKET_ENCRYPTION,
              h -> h.bucketEncryption()::delete),
          bucket(GET, served("cors"), GET_BUCKET_CORS, h -> h.bucketCors()::get),
          bucket(PUT, served("cors"), PUT_BUCKET_CORS, h -> h.bucketCors()::put),
          bucket(DELETE, served("cors"), DELETE_BUCKET_CORS, h -> h.bucketCors()::delete),
          bucket(GET, served("acl"), GET_BUCKET_ACL, h -> h.acls()::getBucketAcl),
          bucket(PUT, served("acl"), PUT_BUCKET_ACL, h -> h.acls()::putBucketAcl),
          bucket(
              GET,
              served("ownershipControls"),
              GET_BUCKET_OWNERSHIP_CONTROLS,
              h -> h.ownershipControls()::get),
          bucket(
              PUT,
              served("ownershipControls"),
              PUT_BUCKET_OWNERSHIP_CONTROLS,
              h -> h.ownershipControls()::put),
          bucket(
              DELETE,
              served("ownershipControls"),
              DELETE_BUCKET_OWNERSHIP_CONTROLS,
              h -> h.ownershipControls()::delete),
          bucket(
              GET,
              served("publicAccessBlock"),
              GET_PUBLIC_ACCESS_BLOCK,
              h -> h.publicAccessBlock()::get),
          bucket(
              PUT,
              served("publicAccessBlock"),
              PUT_PUBLIC_ACCESS_BLOCK,
              h -> h.publicAccessBlock()::put),
          bucket(
              DELETE,
              served("publicAccessBlock"),
              DELETE_PUBLIC_ACCESS_BLOCK,
              h -> h.publicAccessBlock()::delete),
          bucket(GET, served("policy"), GET_BUCKET_POLICY, h -> h.policies()::getBucketPolicy),
          bucket(PUT, served("policy"), PUT_BUCKET_POLICY, h -> h.policies()::putBucketPolicy),
          bucket(
              DELETE,
              served("policy"),
              DELETE_BUCKET_POLICY,
              h -> h.policies()::deleteBucketPolicy),
          bucket(
              GET,
              served("policyStatus"),
              GET_BUCKET_POLICY_STATUS,
              h -> h.policies()::getBucketPolicyStatus),
          bucket(
              GET,
              served("lifecycle"),
              GET_BUCKET_LIFECYCLE_CONFIGURATION,
              h -> h.bucketLifecycle()::get),
          bucket(
              PUT,
              served("lifecycle"),
              PUT_BUCKET_LIFECYCLE_CONFIGURATION,
              h -> h.bucketLifecycle()::put),
          bucket(
              DELETE,
              served("lifecycle"),
              DELETE_BUCKET_LIFECYCLE,
              h -> h.bucketLifecycle()::delete),
          bucket(
              GET,
              servedWithId("intelligent-tiering"),
              GET_BUCKET_INTELLIGENT_TIERING_CONFIGURATION,
              h -> h.intelligentTiering()::get),
          bucket(
              GET,
              served("intelligent-tiering"),
              LIST_BUCKET_INTELLIGENT_TIERING_CONFIGURATIONS,
              h -> h.intelligentTiering()::list),
          bucket(
              PUT,
              served("intelligent-tiering"),
              PUT_BUCKET_INTELLIGENT_TIERING_CONFIGURATION,
              h -> h.intelligentTiering()::put),
          bucket(
              DELETE,
              served("intelligent-tiering"),
              DELETE_BUCKET_INTELLIGENT_TIERING_CONFIGURATION,
              h -> h.intelligentTiering()::delete),
          bucket(
              GET,
              served("object-lock"),
              GET_OBJECT_LOCK_CONFIGURATION,
              h -> h.locks()::getConfiguration),
          bucket(
              PUT,
              served("object-lock"),
              PUT_OBJECT_LOCK_CONFIGURATION,
              h -> h.locks()::putConfiguration),
          bucket(
              GET,
              served("versions"),
              LIST_OBJECT_VERSIONS,
              h -> h.versioning()::listObjectVersions),

          // Bucket parameters that pick an operation for some methods only.
          bucket(GET, param("location"), GET_BUCKET_LOCATION, h -> h.buckets()::getBucketLocation),
          bucket(
              GET,
              param("versioning"),
              GET_BUCKET_VERSIONING,
              h -> h.versioning()::getBucketVersioning),
          bucket(
              PUT,
              param("versioning"),
              PUT_BUCKET_VERSIONING,
              h -> h.versioning()::putBucketVersioning),
          bucket(GET, param("uploads"), LIST_MULTIPART_UPLOADS, h -> h.multipart()::listUploads),
          bucket(POST, param("delete"), DELETE_OBJECTS, h -> h.writes()::deleteObjects),
          route(
              BUCKET,
              Set.of(GET, PUT, DELETE, POST),
              unsupported(),
              UNSUPPORTED_BUCKET_SUBRESOURCE,
              h -> UnsupportedFeatures::subresource),
          bucket(GET, paramIs("list-type", "2"), LIST_OBJECTS_V2, h -> h.listings()::listObjectsV2),
          bucket(GET, always(), LIST_OBJECTS, h -> h.listings()::listObjects),
          bucket(HEAD, always(), HEAD_BUCKET, h -> h.buckets()::headBucket),
          bucket(PUT, always(), CREATE_BUCKET, h -> h.buckets()::createBucket),
          bucket(DELETE, always(), DELETE_BUCKET, h -> h.buckets()::deleteBucket),
          bucket(POST, always(), POST_OBJECT, h -> h.post()::postObject),

          // Object sub-resources DFS serves: each claims the request outside a multipart upload.
          object(
              GET, servedOnKey("tagging"), GET_OBJECT_TAGGING, h -> h.tagging()::getObjectTagging),
          object(
              PUT, servedOnKey("tagging"), PUT_OBJECT_TAGGING, h -> h.tagging()::putObjectTagging),
          object(
              DELETE,
              servedOnKey("tagging"),
              DELETE_OBJECT_TAGGING,
              h -> h.tagging()::deleteObjectTagging),
          object(
              GET,
              servedOnKey("attributes"),
              GET_OBJECT_ATTRIBUTES,
              h -> h.attributes()::getObjectAttributes),
          object(GET, servedOnKey("acl"), GET_OBJECT_ACL, h -> h.acls()::getObjectAcl),
          object(PUT, servedOnKey("acl"), PUT_OBJECT_ACL, h -> h.acls()::putObjectAcl),
          object(GET, servedOnKey("retention"), GET_OBJECT_RETENTION, h -> h.locks()::getRetention),
          object(PUT, servedOnKey("retention"), PUT_OBJECT_RETENTION, h -> h.locks()::putRetention),
          object(
              GET, servedOnKey("legal-hold"), GET_OBJECT_LEGAL_HOLD, h -> h.locks()::getLegalHold),
          object(
              PUT, servedOnKey("legal-hold"), PUT_OBJECT_LEGAL_HOLD, h -> h.locks()::putLegalHold),
          object(POST, servedOnKey("restore"), RESTORE_OBJECT, h -> h.restores()::restoreObject),

          // Multipart uploads, then the plain object operations.
          object(POST, param("uploads"), CREATE_MULTIPART_UPLOAD, h -> h.multipart()::createUpload),
          object(GET, param("uploadId"), LIST_PARTS, h -> h.multipart()::listParts),
          object(
              DELETE, param("uploadId"), ABORT_MULTIPART_UPLOAD, h -> h.multipart()::abortUpload),
          object(
              POST,
              param("uploadId"),
              COMPLETE_MULTIPART_UPLOAD,
              h -> h.multipart()::completeUpload),
          object(PUT, partCopy(), UPLOAD_PART_COPY, h -> h.multipart()::uploadPartCopy),
          object(PUT, part(), UPLOAD_PART, h -> h.multipart()::uploadPart),
          route(
              OBJECT,
              Set.of(GET, PUT, DELETE, POST),
              unsupported(),
              UNSUPPORTED_OBJECT_SUBRESOURCE,
              h -> UnsupportedFeatures::subresource),
          object(PUT, copySource(), COPY_OBJECT, h -> h.writes()::copyObject),
          object(GET, always(), GET_OBJECT, h -> h.reads()::getObject),
          object(HEAD, always(), HEAD_OBJECT, h -> h.reads()::headObject),
          object(PUT, always(), PUT_OBJECT, h -> h.writes()::putObject),
          object(DELETE, always(), DELETE_OBJECT, h -> h.writes()::deleteObject));

  private static S3Route route(
      Target target,
      String method,
      When when,
      S3Operation op,
      Function<ResourceHandlers, Action> handler) {
    return route(target, Set.of(method), when, op, handler);
  }

  private static S3Route route(
      Target target,
      Set<String> methods,
      When when,
      S3Operation op,
      Function<ResourceHandlers, Action> handler) {
    return new S3Route(target, methods, when, op, handler);
  }

  private static S3Route bucket(
      String method, When when, S3Operation op, Function<ResourceHandlers, Action> handler) {
    return route(BUCKET, method, when, op, handler);
  }

  private static S3Route object(
      String method, When when, S3Operation op, Function<ResourceHandlers, Action> handler) {
    return route(OBJECT, method, when, op, handler);
  }

  private static When always() {
    return new When("", false, in -> true);
  }

  /** {@code ?name} present. */
  private static When param(String name) {
    return new When("?" + name, false, in -> in.query().containsKey(name));
  }

  /** {@code ?name=value}. */
  private static When paramIs(String name, String value) {
    return new When("?" + name + "=" + value, false, in -> value.equals(in.query().get(name)));
  }

  /** A bucket sub-resource DFS serves, asked alone (no unsupported one beside it). */
  private static When served(String name) {
    return new When(
        "?" + name, true, in -> in.query().containsKey(name) && in.unsupported() == null);
  }

  /**
   * A served bucket sub-resource with {@code &id=} (one configuration of several). Not exclusive:
   * other methods fall through to the plain {@link #served} rows of the name.
   */
  private static When servedWithId(String name) {
    return new When(
        "?" + name + "&id",
        false,
        in ->
            in.query().containsKey(name)
                && in.query().containsKey("id")
                && in.unsupported() == null);
  }

  /** An object sub-resource DFS serves, asked alone and not inside a multipart upload. */
  private static When servedOnKey(String name) {
    return new When(
        "?" + name + " without ?uploadId",
        true,
        in ->
            in.query().containsKey(name)
                && in.unsupported() == null
                && !in.query().containsKey("uploadId"));
  }

  /** A sub-resource DFS knows but does not serve yet. */
  private static When unsupported() {
    return new When("an unsupported sub-resource", false, in -> in.unsupported() != null);
  }

  private static When part() {
    return new When("?uploadId or ?partNumber", false, S3Routes::isPart);
  }

  private static boolean isPart(S3Route.Input in) {
    return in.query().containsKey("uploadId") || in.query().containsKey("partNumber");
  }

  private static When partCopy() {
    return new When(
        "?uploadId or ?partNumber, x-amz-copy-source", false, in -> isPart(in) && in.copySource());
  }

  private static When copySource() {
    return new When("x-amz-copy-source", false, S3Route.Input::copySource);
  }
}
