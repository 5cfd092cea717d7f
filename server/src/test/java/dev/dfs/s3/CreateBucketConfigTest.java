package dev.dfs.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CreateBucketConfigTest {

  static String constraint(String body) throws IOException {
    return CreateBucketConfig.locationConstraint(
        new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void emptyBodyHasNoConstraint() throws IOException {
    assertThat(constraint("")).isNull();
    assertThat(constraint("  \n")).isNull();
  }

  @Test
  void readsConstraintWithOrWithoutNamespace() throws IOException {
    assertThat(
            constraint(
                "<CreateBucketConfiguration xmlns=\"http://s3.amazonaws.com/doc/"
                    + "2006-03-01/\"><LocationConstraint>eu-west-1</LocationConstraint>"
                    + "</CreateBucketConfiguration>"))
        .isEqualTo("eu-west-1");
    assertThat(
            constraint(
                "<?xml version=\"1.0\"?><CreateBucketConfiguration>"
                    + "<Location><Name>x</Name></Location><LocationConstraint> us-west-2 "
                    + "</LocationConstraint></CreateBucketConfiguration>"))
        .isEqualTo("us-west-2");
    assertThat(constraint("<CreateBucketConfiguration/>")).isNull();
    assertThat(
            constraint(
                "<CreateBucketConfiguration><LocationConstraint/>"
                    + "</CreateBucketConfiguration>"))
        .isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "<CreateBucketConfiguration>",
        "not xml",
        "<Other><LocationConstraint>x" + "</LocationConstraint></Other>",
        "<CreateBucketConfiguration></CreateBucketConfiguration><Again/>",
        "<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><CreateBucketConfiguration>"
            + "<LocationConstraint>&e;</LocationConstraint></CreateBucketConfiguration>"
      })
  void malformedIsMalformedXml(String body) {
    assertThatThrownBy(() -> constraint(body))
        .isInstanceOfSatisfying(
            S3Exception.class, e -> assertThat(e.code()).isEqualTo(S3ErrorCode.MALFORMED_XML));
  }

  @Test
  void acceptsOwnRegionOrNone() {
    CreateBucketConfig.checkRegion(null, "us-east-1");
    CreateBucketConfig.checkRegion("", "eu-central-1");
    CreateBucketConfig.checkRegion("us-east-1", "us-east-1");
    CreateBucketConfig.checkRegion("eu-central-1", "eu-central-1");
    CreateBucketConfig.checkRegion("EU", "eu-west-1");
  }

  @Test
  void otherRegionIsIllegalLocationConstraint() {
    assertThatThrownBy(() -> CreateBucketConfig.checkRegion("eu-west-1", "us-east-1"))
        .isInstanceOfSatisfying(
            S3Exception.class,
            e -> {
              assertThat(e.code().code()).isEqualTo("IllegalLocationConstraintException");
              assertThat(e.code().status()).isEqualTo(400);
              assertThat(e.getMessage()).contains("eu-west-1 location constraint is incompatible");
            });
  }
}
