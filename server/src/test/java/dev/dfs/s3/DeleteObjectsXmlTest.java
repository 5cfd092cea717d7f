package dev.dfs.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DeleteObjectsXmlTest {

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void parsesKeysVersionsAndQuiet() {
    DeleteObjectsXml.Request r =
        DeleteObjectsXml.parse(
            utf8(
                """
        <?xml version="1.0" encoding="UTF-8"?>
        <Delete xmlns="http://s3.amazonaws.com/doc/2006-03-01/">
          <Object><Key>a</Key></Object>
          <Object><Key> spaced &amp; ü </Key><VersionId>null</VersionId><ETag>x</ETag></Object>
          <Quiet>true</Quiet>
        </Delete>"""));
    assertThat(r.quiet()).isTrue();
    assertThat(r.objects())
        .containsExactly(
            new DeleteObjectsXml.Target("a", null),
            new DeleteObjectsXml.Target(" spaced & ü ", "null"));
  }

  @Test
  void namespaceIsOptionalAndQuietDefaultsFalse() {
    DeleteObjectsXml.Request r =
        DeleteObjectsXml.parse(utf8("<Delete><Object><Key>k</Key></Object></Delete>"));
    assertThat(r.quiet()).isFalse();
    assertThat(r.objects()).hasSize(1);
  }

  @Test
  void thousandKeysAreFineButNotMore() {
    assertThat(DeleteObjectsXml.parse(utf8(doc(1000))).objects()).hasSize(1000);
    assertThatThrownBy(() -> DeleteObjectsXml.parse(utf8(doc(1001))))
        .isInstanceOfSatisfying(
            S3Exception.class, e -> assertThat(e.code()).isEqualTo(S3ErrorCode.MALFORMED_XML));
  }

  private static String doc(int keys) {
    StringBuilder sb = new StringBuilder("<Delete>");
    for (int i = 0; i < keys; i++) sb.append("<Object><Key>k").append(i).append("</Key></Object>");
    return sb.append("</Delete>").toString();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "not xml",
        "<Delete>",
        "<Delete></Delete>",
        "<Other><Object><Key>k</Key></Object></Other>",
        "<Delete><Object></Object></Delete>",
        "<Delete><Quiet>maybe</Quiet><Object><Key>k</Key></Object></Delete>",
        "<Delete><Object><Key>k<b/></Key></Object></Delete>",
        "<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><Delete><Object><Key>&e;</Key></Object></Delete>",
        "<Delete><Object><Key>k</Key></Object></Delete><trailing/>"
      })
  void malformed(String xml) {
    assertThatThrownBy(() -> DeleteObjectsXml.parse(utf8(xml)))
        .isInstanceOfSatisfying(
            S3Exception.class, e -> assertThat(e.code()).isEqualTo(S3ErrorCode.MALFORMED_XML));
  }

  @Test
  void rendersVerboseAndQuiet() {
    var ok = DeleteObjectsXml.Result.deleted(new DeleteObjectsXml.Target("a<b", null));
    var failed =
        DeleteObjectsXml.Result.failed(
            new DeleteObjectsXml.Target("c", "v1"),
            S3Exception.invalidArgument("Invalid version id specified", "versionId", "v1"));
    String verbose =
        new String(
            DeleteObjectsXml.render(List.of(ok, failed), false).toBytes(), StandardCharsets.UTF_8);
    assertThat(verbose)
        .contains(
            "<DeleteResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">",
            "<Deleted><Key>a&lt;b</Key></Deleted>",
            "<Error><Key>c</Key><VersionId>v1</VersionId><Code>InvalidArgument</Code>"
                + "<Message>Invalid version id specified</Message></Error>");
    String quiet =
        new String(
            DeleteObjectsXml.render(List.of(ok, failed), true).toBytes(), StandardCharsets.UTF_8);
    assertThat(quiet).doesNotContain("<Deleted>").contains("<Error>");
  }
}
