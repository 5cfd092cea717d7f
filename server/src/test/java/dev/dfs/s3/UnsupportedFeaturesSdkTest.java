package dev.dfs.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dfs.testing.DfsServerExtension;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ObjectCannedACL;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * A write that asks for a feature DFS lacks is refused with 501 NotImplemented, and nothing is
 * stored; a request that needs no feature (ACL "private") works. (Public ACLs: AclSdkTest.)
 */
class UnsupportedFeaturesSdkTest {
  @RegisterExtension static final DfsServerExtension DFS = DfsServerExtension.local();
  static S3Client s3;

  @BeforeAll
  static void start() throws Exception {
    s3 = DFS.client();
    s3.createBucket(b -> b.bucket("features"));
  }

  static void assertNotImplemented(ThrowingCallable call) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            S3Exception.class,
            e -> {
              assertThat(e.statusCode()).isEqualTo(501);
              assertThat(e.awsErrorDetails().errorCode()).isEqualTo("NotImplemented");
            });
  }

  @Test
  void conditionalCopiesAreRefused() {
    assertNotImplemented(
        () ->
            s3.copyObject(
                b ->
                    b.sourceBucket("features")
                        .sourceKey("p")
                        .destinationBucket("features")
                        .destinationKey("t")
                        .ifNoneMatch("*")));
  }

  @Test
  void privateAclIsWhatEveryObjectIsAlready() {
    s3.putObject(
        b -> b.bucket("features").key("p").acl(ObjectCannedACL.PRIVATE),
        RequestBody.fromString("x"));
    assertThat(s3.getObjectAsBytes(b -> b.bucket("features").key("p")).asUtf8String())
        .isEqualTo("x");
  }
}
