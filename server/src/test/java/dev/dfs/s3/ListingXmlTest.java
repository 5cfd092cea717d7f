package dev.dfs.s3;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dfs.store.Checksum;
import dev.dfs.store.ListPage;
import dev.dfs.store.ObjectInfo;
import dev.dfs.store.ObjectMetadata;
import dev.dfs.util.ChecksumAlgorithm;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ListingXmlTest {
  static final String NS = "xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"";
  static final Instant T = Instant.parse("2024-05-06T07:08:09Z");

  static ObjectInfo object(String key, long size) {
    return new ObjectInfo("b", key, size, "abc", T, ObjectMetadata.empty(), null, null, null);
  }

  static String body(XmlOut xml) {
    String s = new String(xml.toBytes(), StandardCharsets.UTF_8);
    return s.substring(s.indexOf("?>") + 2).stripLeading();
  }

  @Test
  void v1WithoutDelimiterHasNoNextMarker() {
    ListPage page = new ListPage(List.of(object("a", 1)), List.of(), true, "a");
    String xml = body(ListingXml.v1("b", new ListParams("", null, 1, false), null, page, "root"));
    assertThat(xml)
        .isEqualTo(
            "<ListBucketResult "
                + NS
                + ">"
                + "<Name>b</Name><Prefix></Prefix><Marker></Marker><MaxKeys>1</MaxKeys>"
                + "<IsTruncated>true</IsTruncated>"
                + "<Contents><Key>a</Key><LastModified>2024-05-06T07:08:09.000Z</LastModified>"
                + "<ETag>\"abc\"</ETag><Size>1</Size>"
                + "<Owner><ID>root</ID><DisplayName>root</DisplayName></Owner>"
                + "<StorageClass>STANDARD</StorageClass></Contents>"
                + "</ListBucketResult>");
  }

  @Test
  void v1WithDelimiterNamesNextMarkerAndEncodes() {
    ListPage page = new ListPage(List.of(object("a b", 1)), List.of("c+d/"), true, "c+d/");
    String xml = body(ListingXml.v1("b", new ListParams("", "/", 2, true), "a a", page, "root"));
    assertThat(xml)
        .contains("<Marker>a%20a</Marker><NextMarker>c%2Bd/</NextMarker>")
        .contains(
            "<MaxKeys>2</MaxKeys><Delimiter>/</Delimiter>"
                + "<EncodingType>url</EncodingType><IsTruncated>true</IsTruncated>")
        .contains("<Key>a%20b</Key>")
        .endsWith("<CommonPrefixes><Prefix>c%2Bd/</Prefix></CommonPrefixes></ListBucketResult>");
  }

  @Test
  void v1NotTruncatedHasNoNextMarker() {
    ListPage page = new ListPage(List.of(), List.of("x/"), false, null);
    String xml = body(ListingXml.v1("b", new ListParams("", "/", 5, false), null, page, "r"));
    assertThat(xml).doesNotContain("NextMarker").contains("<IsTruncated>false</IsTruncated>");
  }

  @Test
  void v2CountsKeysAndIssuesToken() {
    ListPage page = new ListPage(List.of(object("k1", 3)), List.of("p/"), true, "p/");
    String xml =
        body(ListingXml.v2("b", new ListParams("", "/", 2, false), null, null, page, null));
    String next = ContinuationTokens.encode("p/");
    assertThat(xml)
        .isEqualTo(
            "<ListBucketResult "
                + NS
                + ">"
                + "<Name>b</Name><Prefix></Prefix>"
                + "<NextContinuationToken>"
                + next
                + "</NextContinuationToken>"
                + "<KeyCount>2</KeyCount><MaxKeys>2</MaxKeys><Delimiter>/</Delimiter>"
                + "<IsTruncated>true</IsTruncated>"
                + "<Contents><Key>k1</Key><LastModified>2024-05-06T07:08:09.000Z</LastModified>"
                + "<ETag>\"abc\"</ETag><Size>3</Size><StorageClass>STANDARD</StorageClass>"
                + "</Contents>"
                + "<CommonPrefixes><Prefix>p/</Prefix></CommonPrefixes>"
                + "</ListBucketResult>");
  }

  @Test
  void v2EchoesTokenRawAndEncodesStartAfterAndPrefix() {
    ListPage page = new ListPage(List.of(), List.of(), false, null);
    String xml =
        body(
            ListingXml.v2(
                "b", new ListParams("a b/", null, 1000, true), "tok-en_", "k m", page, "root"));
    assertThat(xml)
        .contains(
            "<Prefix>a%20b/</Prefix><StartAfter>k%20m</StartAfter>"
                + "<ContinuationToken>tok-en_</ContinuationToken><KeyCount>0</KeyCount>")
        .doesNotContain("NextContinuationToken")
        .doesNotContain("<Delimiter>");
  }

  @Test
  void v2OwnerOnlyWhenFetched() {
    ListPage page = new ListPage(List.of(object("k", 0)), List.of(), false, null);
    assertThat(body(ListingXml.v2("b", new ListParams("", null, 9, false), null, null, page, "u")))
        .contains("<Size>0</Size><Owner><ID>u</ID><DisplayName>u</DisplayName></Owner>");
  }

  @Test
  void checksumAndStorageClassAreListed() {
    ObjectMetadata glacier =
        new ObjectMetadata(null, null, null, null, null, null, null, "GLACIER");
    ObjectInfo o =
        new ObjectInfo(
            "b",
            "k",
            5,
            "e-2",
            T,
            glacier,
            new Checksum(ChecksumAlgorithm.CRC32C, "AAAAAA==", Checksum.Type.COMPOSITE),
            null,
            null);
    String xml =
        body(
            ListingXml.v2(
                "b",
                new ListParams("", null, 9, false),
                null,
                null,
                new ListPage(List.of(o), List.of(), false, null),
                null));
    assertThat(xml)
        .contains(
            "<ETag>\"e-2\"</ETag><ChecksumAlgorithm>CRC32C"
                + "</ChecksumAlgorithm><ChecksumType>COMPOSITE</ChecksumType><Size>5</Size>"
                + "<StorageClass>GLACIER</StorageClass>");
  }

  @Test
  void specialCharactersAreEscapedNotEncodedWithoutEncodingType() {
    ListPage page = new ListPage(List.of(object("a&b<c>", 1)), List.of(), false, null);
    assertThat(body(ListingXml.v2("b", new ListParams("", null, 9, false), null, null, page, null)))
        .contains("<Key>a&amp;b&lt;c></Key>");
  }

  @Test
  void controlCharactersAreCharacterReferencesOrEncoded() {
    ListPage page =
        new ListPage(List.of(object("a\u0001b\rc\td\uFFFF", 1)), List.of(), false, null);
    assertThat(body(ListingXml.v2("b", new ListParams("", null, 9, false), null, null, page, null)))
        .contains("<Key>a&#x1;b&#xd;c\td&#xFFFF;</Key>");
    assertThat(body(ListingXml.v2("b", new ListParams("", null, 9, true), null, null, page, null)))
        .contains("<Key>a%01b%0Dc%09d%EF%BF%BF</Key>");
  }
}
