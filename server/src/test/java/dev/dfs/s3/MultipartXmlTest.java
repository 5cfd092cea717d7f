package dev.dfs.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dfs.store.Checksum;
import dev.dfs.store.ObjectInfo;
import dev.dfs.store.ObjectMetadata;
import dev.dfs.store.PartInfo;
import dev.dfs.store.PartsPage;
import dev.dfs.store.UploadInfo;
import dev.dfs.store.UploadsPage;
import dev.dfs.util.ChecksumAlgorithm;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MultipartXmlTest {
  private static final Instant T = Instant.parse("2024-05-01T12:00:00Z");
  private static final MultipartXml.Identity OWNER = new MultipartXml.Identity("root", "root");

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static String str(XmlOut xml) {
    return new String(xml.toBytes(), StandardCharsets.UTF_8);
  }

  @Test
  void parsesCompleteWithAndWithoutQuotesAndChecksums() {
    List<MultipartXml.RequestedPart> parts =
        MultipartXml.parseComplete(
            utf8(
                """
        <CompleteMultipartUpload xmlns="http://s3.amazonaws.com/doc/2006-03-01/">
          <Part><PartNumber>1</PartNumber><ETag>"aaa"</ETag>
            <ChecksumCRC32>AAAAAA==</ChecksumCRC32></Part>
          <Part><ETag>&quot;bbb&quot;</ETag><PartNumber> 2 </PartNumber></Part>
          <Part><PartNumber>3</PartNumber><ETag>ccc</ETag><ChecksumFOO>x</ChecksumFOO></Part>
        </CompleteMultipartUpload>"""));
    assertThat(parts)
        .containsExactly(
            new MultipartXml.RequestedPart(1, "aaa", Map.of(ChecksumAlgorithm.CRC32, "AAAAAA==")),
            new MultipartXml.RequestedPart(2, "bbb", Map.of()),
            new MultipartXml.RequestedPart(3, "ccc", Map.of()));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "<CompleteMultipartUpload/>",
        "<CompleteMultipartUpload></CompleteMultipartUpload>",
        "<CompleteMultipartUpload><Part><PartNumber>x</PartNumber><ETag>a</ETag></Part>"
            + "</CompleteMultipartUpload>",
        "<CompleteMultipartUpload><Part><ETag>a</ETag></Part></CompleteMultipartUpload>",
        "<CompleteMultipartUpload><Part><PartNumber>1</PartNumber></Part></CompleteMultipartUpload>",
        "<Complete><Part><PartNumber>1</PartNumber><ETag>a</ETag></Part></Complete>",
        "<CompleteMultipartUpload><Part>"
      })
  void malformedComplete(String xml) {
    assertThatThrownBy(() -> MultipartXml.parseComplete(utf8(xml)))
        .isInstanceOfSatisfying(
            S3Exception.class, e -> assertThat(e.code()).isEqualTo(S3ErrorCode.MALFORMED_XML));
  }

  @Test
  void initiateAndCompleteShapes() {
    assertThat(str(MultipartXml.initiateResult("b", "k&", "u1")))
        .endsWith(
            "<InitiateMultipartUploadResult"
                + " xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><Bucket>b</Bucket>"
                + "<Key>k&amp;</Key><UploadId>u1</UploadId></InitiateMultipartUploadResult>");
    ObjectInfo info =
        new ObjectInfo(
            "b",
            "k",
            10,
            "abc-2",
            T,
            ObjectMetadata.empty(),
            new Checksum(ChecksumAlgorithm.CRC32C, "AAAAAA==-2", Checksum.Type.COMPOSITE),
            List.of(5L, 5L),
            null);
    assertThat(str(MultipartXml.completeResult("http://h/b/k", "b", "k", info)))
        .contains(
            "<CompleteMultipartUploadResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
                + "<Location>http://h/b/k</Location><Bucket>b</Bucket><Key>k</Key>"
                + "<ETag>\"abc-2\"</ETag><ChecksumCRC32C>AAAAAA==-2</ChecksumCRC32C>"
                + "<ChecksumType>COMPOSITE</ChecksumType></CompleteMultipartUploadResult>");
  }

  @Test
  void copyResultShapes() {
    assertThat(str(MultipartXml.copyResult("CopyObjectResult", "e1", T, null)))
        .contains(
            "<CopyObjectResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
                + "<ETag>\"e1\"</ETag><LastModified>2024-05-01T12:00:00.000Z</LastModified>"
                + "</CopyObjectResult>");
    Checksum c = new Checksum(ChecksumAlgorithm.SHA256, "xyz", Checksum.Type.FULL_OBJECT);
    assertThat(str(MultipartXml.copyResult("CopyPartResult", "e2", T, c)))
        .contains("<CopyPartResult", "<ChecksumSHA256>xyz</ChecksumSHA256></CopyPartResult>")
        .doesNotContain("ChecksumType");
  }

  private static UploadInfo upload(String key, String id, ChecksumAlgorithm a, Checksum.Type t) {
    return new UploadInfo("b", key, id, T, ObjectMetadata.empty(), a, t);
  }

  @Test
  void listPartsShape() {
    PartsPage page =
        new PartsPage(
            upload("k", "u", ChecksumAlgorithm.CRC32, Checksum.Type.COMPOSITE),
            List.of(
                new PartInfo(
                    2,
                    5,
                    "p2",
                    T,
                    new Checksum(ChecksumAlgorithm.CRC32, "AQID", Checksum.Type.FULL_OBJECT)),
                new PartInfo(3, 6, "p3", T, null)),
            true,
            3);
    assertThat(str(MultipartXml.listPartsResult(page, 1, 2, OWNER)))
        .contains(
            "<ListPartsResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><Bucket>b</Bucket>"
                + "<Key>k</Key><UploadId>u</UploadId>"
                + "<Initiator><ID>root</ID><DisplayName>root</DisplayName></Initiator>"
                + "<Owner><ID>root</ID><DisplayName>root</DisplayName></Owner>"
                + "<StorageClass>STANDARD</StorageClass><PartNumberMarker>1</PartNumberMarker>"
                + "<NextPartNumberMarker>3</NextPartNumberMarker><MaxParts>2</MaxParts>"
                + "<IsTruncated>true</IsTruncated>"
                + "<Part><PartNumber>2</PartNumber><LastModified>2024-05-01T12:00:00.000Z"
                + "</LastModified><ETag>\"p2\"</ETag><Size>5</Size><ChecksumCRC32>AQID"
                + "</ChecksumCRC32></Part>"
                + "<Part><PartNumber>3</PartNumber><LastModified>2024-05-01T12:00:00.000Z"
                + "</LastModified><ETag>\"p3\"</ETag><Size>6</Size></Part>"
                + "<ChecksumAlgorithm>CRC32</ChecksumAlgorithm><ChecksumType>COMPOSITE</ChecksumType>"
                + "</ListPartsResult>");
  }

  @Test
  void listUploadsShapeWithUrlEncoding() {
    UploadsPage page =
        new UploadsPage(
            List.of(upload("a b+c/ü", "u1", null, null)), List.of("dir x/"), true, "a b+c/ü", "u1");
    MultipartXml.UploadsListing q =
        new MultipartXml.UploadsListing("b", "", "/", null, null, 1, true);
    String xml = str(MultipartXml.listUploadsResult(q, page, OWNER));
    assertThat(xml)
        .contains(
            "<ListMultipartUploadsResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
                + "<Bucket>b</Bucket><KeyMarker></KeyMarker><UploadIdMarker></UploadIdMarker>"
                + "<NextKeyMarker>a%20b%2Bc/%C3%BC</NextKeyMarker>"
                + "<NextUploadIdMarker>u1</NextUploadIdMarker><Delimiter>/</Delimiter>"
                + "<Prefix></Prefix><MaxUploads>1</MaxUploads><IsTruncated>true</IsTruncated>"
                + "<Upload><Key>a%20b%2Bc/%C3%BC</Key><UploadId>u1</UploadId>",
            "<StorageClass>STANDARD</StorageClass><Initiated>2024-05-01T12:00:00.000Z</Initiated>"
                + "</Upload><CommonPrefixes><Prefix>dir%20x/</Prefix></CommonPrefixes>"
                + "<EncodingType>url</EncodingType></ListMultipartUploadsResult>");
  }

  @Test
  void listUploadsWithoutEncoding() {
    UploadsPage page = new UploadsPage(List.of(), List.of(), false, null, null);
    MultipartXml.UploadsListing q =
        new MultipartXml.UploadsListing("b", "p x", null, "k", "u", 1000, false);
    assertThat(str(MultipartXml.listUploadsResult(q, page, OWNER)))
        .contains("<KeyMarker>k</KeyMarker><UploadIdMarker>u</UploadIdMarker><Prefix>p x</Prefix>")
        .doesNotContain("NextKeyMarker", "EncodingType", "Delimiter");
  }
}
