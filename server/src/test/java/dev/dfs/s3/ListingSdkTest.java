package dev.dfs.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dfs.testing.DfsServerExtension;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.EncodingType;
import software.amazon.awssdk.services.s3.model.ListObjectsResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/** ListObjects v1 and v2 through the AWS SDK v2, and their wire form through raw HTTP. */
class ListingSdkTest {
  /** In UTF-8 byte order, as listings return them. */
  static final List<String> KEYS =
      List.of("a", "b/1", "b/2", "b/c/3", "c d", "c+d", "d--x--1", "d--y", "z", "ü", "€/1");

  static final String BUCKET = "listing";

  @RegisterExtension static final DfsServerExtension DFS = DfsServerExtension.local();
  @RegisterExtension static final DfsServerExtension ANON = DfsServerExtension.local().anonymous();
  static S3Client s3;
  static RawHttp raw;

  @BeforeAll
  static void start() throws Exception {
    s3 = DFS.client();
    s3.createBucket(b -> b.bucket(BUCKET));
    for (String key : KEYS) {
      s3.putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromString("v:" + key));
    }
    raw = new RawHttp(ANON.server().endpoint());
    assertThat(raw.send("PUT", "/" + BUCKET, "").statusCode()).isEqualTo(200);
    for (String path : List.of("a%20b", "a%2Bb", "100%25", "%C3%BC/x", "p%20q/r")) {
      assertThat(raw.send("PUT", "/" + BUCKET + "/" + path, "x").statusCode()).isEqualTo(200);
    }
  }

  static List<String> keys(List<S3Object> objects) {
    return objects.stream().map(S3Object::key).toList();
  }

  static List<String> prefixes(List<CommonPrefix> prefixes) {
    return prefixes.stream().map(CommonPrefix::prefix).toList();
  }

  static void assertS3Error(Runnable call, int status, String code) {
    assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(
            S3Exception.class,
            e -> {
              assertThat(e.statusCode()).isEqualTo(status);
              assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code);
            });
  }

  @Test
  void v2ListsEverythingInUtf8Order() {
    ListObjectsV2Response r = s3.listObjectsV2(b -> b.bucket(BUCKET));
    assertThat(keys(r.contents())).containsExactlyElementsOf(KEYS);
    assertThat(r.keyCount()).isEqualTo(KEYS.size());
    assertThat(r.maxKeys()).isEqualTo(1000);
    assertThat(r.isTruncated()).isFalse();
    assertThat(r.nextContinuationToken()).isNull();
    assertThat(r.name()).isEqualTo(BUCKET);
    assertThat(r.prefix()).isEmpty();
    S3Object first = r.contents().getFirst();
    assertThat(first.size()).isEqualTo("v:a".length());
    assertThat(first.eTag()).matches("\"[0-9a-f]{32}\"");
    assertThat(first.storageClassAsString()).isEqualTo("STANDARD");
    assertThat(first.lastModified()).isNotNull();
    assertThat(first.owner()).isNull();
  }

  @Test
  void v2DelimiterRollsUpCommonPrefixes() {
    ListObjectsV2Response r = s3.listObjectsV2(b -> b.bucket(BUCKET).delimiter("/"));
    assertThat(keys(r.contents())).containsExactly("a", "c d", "c+d", "d--x--1", "d--y", "z", "ü");
    assertThat(prefixes(r.commonPrefixes())).containsExactly("b/", "€/");
    assertThat(r.keyCount()).isEqualTo(9);
    assertThat(r.delimiter()).isEqualTo("/");

    ListObjectsV2Response sub = s3.listObjectsV2(b -> b.bucket(BUCKET).prefix("b/").delimiter("/"));
    assertThat(keys(sub.contents())).containsExactly("b/1", "b/2");
    assertThat(prefixes(sub.commonPrefixes())).containsExactly("b/c/");
    assertThat(sub.prefix()).isEqualTo("b/");
  }

  @Test
  void delimiterMayBeAnyString() {
    ListObjectsV2Response r = s3.listObjectsV2(b -> b.bucket(BUCKET).prefix("d").delimiter("--"));
    assertThat(keys(r.contents())).isEmpty();
    assertThat(prefixes(r.commonPrefixes())).containsExactly("d--");
    ListObjectsV2Response deeper =
        s3.listObjectsV2(b -> b.bucket(BUCKET).prefix("d--").delimiter("--"));
    assertThat(keys(deeper.contents())).containsExactly("d--y");
    assertThat(prefixes(deeper.commonPrefixes())).containsExactly("d--x--");
  }

  @Test
  void v2PagesWithOpaqueTokens() {
    List<String> seen = new ArrayList<>();
    String token = null;
    int pages = 0;
    do {
      String t = token;
      ListObjectsV2Response r =
          s3.listObjectsV2(b -> b.bucket(BUCKET).maxKeys(3).continuationToken(t));
      assertThat(r.keyCount()).isLessThanOrEqualTo(3);
      assertThat(r.continuationToken()).isEqualTo(t);
      seen.addAll(keys(r.contents()));
      token = r.nextContinuationToken();
      assertThat(token == null).isEqualTo(!r.isTruncated());
      if (token != null) assertThat(token).doesNotContain("/").matches("[A-Za-z0-9_-]+");
      pages++;
    } while (token != null);
    assertThat(seen).containsExactlyElementsOf(KEYS);
    assertThat(pages).isEqualTo(4);
  }

  @Test
  void continuationTokenTakesPrecedenceOverStartAfter() {
    String token = s3.listObjectsV2(b -> b.bucket(BUCKET).maxKeys(2)).nextContinuationToken();
    ListObjectsV2Response r =
        s3.listObjectsV2(b -> b.bucket(BUCKET).maxKeys(2).continuationToken(token).startAfter("z"));
    assertThat(keys(r.contents())).containsExactly("b/2", "b/c/3");
    assertThat(r.startAfter()).isEqualTo("z");
    assertThat(r.continuationToken()).isEqualTo(token);
  }

  @Test
  void v2PaginatorWithDelimiterSkipsWholeCommonPrefixes() {
    List<String> entries = new ArrayList<>();
    s3.listObjectsV2Paginator(b -> b.bucket(BUCKET).delimiter("/").maxKeys(2))
        .forEach(
            page -> {
              entries.addAll(keys(page.contents()));
              entries.addAll(prefixes(page.commonPrefixes()));
            });
    assertThat(entries)
        .containsExactlyInAnyOrder("a", "b/", "c d", "c+d", "d--x--1", "d--y", "z", "ü", "€/");
  }

  @Test
  void v2StartAfter() {
    ListObjectsV2Response r = s3.listObjectsV2(b -> b.bucket(BUCKET).startAfter("b/2"));
    assertThat(keys(r.contents())).containsExactlyElementsOf(KEYS.subList(3, KEYS.size()));
    assertThat(r.startAfter()).isEqualTo("b/2");
    ListObjectsV2Response beyond = s3.listObjectsV2(b -> b.bucket(BUCKET).startAfter("€/1"));
    assertThat(beyond.contents()).isEmpty();
  }

  @Test
  void v2FetchOwner() {
    ListObjectsV2Response r = s3.listObjectsV2(b -> b.bucket(BUCKET).fetchOwner(true).maxKeys(1));
    assertThat(r.contents().getFirst().owner().id()).isEqualTo("root");
  }

  @Test
  void urlEncodingRoundTripsThroughTheSdk() {
    ListObjectsV2Response r =
        s3.listObjectsV2(
            b -> b.bucket(BUCKET).encodingType(EncodingType.URL).prefix("c").delimiter(" "));
    assertThat(r.encodingType()).isEqualTo(EncodingType.URL);
    assertThat(keys(r.contents())).containsExactly("c+d");
    assertThat(prefixes(r.commonPrefixes())).containsExactly("c ");
    assertThat(r.delimiter()).isEqualTo(" ");
    ListObjectsV2Response all =
        s3.listObjectsV2(b -> b.bucket(BUCKET).encodingType(EncodingType.URL).startAfter("c d"));
    assertThat(keys(all.contents())).containsExactlyElementsOf(KEYS.subList(5, KEYS.size()));
    assertThat(all.startAfter()).isEqualTo("c d");
    ListObjectsResponse v1 =
        s3.listObjects(
            b ->
                b.bucket(BUCKET)
                    .encodingType(EncodingType.URL)
                    .marker("b/c/3")
                    .delimiter("/")
                    .maxKeys(2));
    assertThat(keys(v1.contents())).containsExactly("c d", "c+d");
    assertThat(v1.nextMarker()).isEqualTo("c+d");
    assertThat(v1.marker()).isEqualTo("b/c/3");
  }

  @Test
  void v1MarkerAndNextMarker() {
    ListObjectsResponse first = s3.listObjects(b -> b.bucket(BUCKET).maxKeys(4));
    assertThat(keys(first.contents())).containsExactlyElementsOf(KEYS.subList(0, 4));
    assertThat(first.isTruncated()).isTrue();
    assertThat(first.nextMarker()).as("no NextMarker without delimiter").isNull();
    assertThat(first.contents().getFirst().owner().id()).isEqualTo("root");

    List<String> seen = new ArrayList<>(keys(first.contents()));
    String marker = seen.getLast();
    while (true) {
      String m = marker;
      ListObjectsResponse page = s3.listObjects(b -> b.bucket(BUCKET).maxKeys(4).marker(m));
      assertThat(page.marker()).isEqualTo(m);
      seen.addAll(keys(page.contents()));
      if (!page.isTruncated()) break;
      marker = page.contents().getLast().key();
    }
    assertThat(seen).containsExactlyElementsOf(KEYS);

    ListObjectsResponse delimited = s3.listObjects(b -> b.bucket(BUCKET).delimiter("/").maxKeys(2));
    assertThat(keys(delimited.contents())).containsExactly("a");
    assertThat(prefixes(delimited.commonPrefixes())).containsExactly("b/");
    assertThat(delimited.nextMarker()).isEqualTo("b/");
    ListObjectsResponse next =
        s3.listObjects(
            b -> b.bucket(BUCKET).delimiter("/").maxKeys(2).marker(delimited.nextMarker()));
    assertThat(keys(next.contents())).containsExactly("c d", "c+d");
  }

  @Test
  void maxKeysZeroAndAboveTheCap() {
    ListObjectsV2Response zero = s3.listObjectsV2(b -> b.bucket(BUCKET).maxKeys(0));
    assertThat(zero.contents()).isEmpty();
    assertThat(zero.keyCount()).isZero();
    assertThat(zero.isTruncated()).isFalse();
    ListObjectsResponse zeroV1 = s3.listObjects(b -> b.bucket(BUCKET).maxKeys(0));
    assertThat(zeroV1.contents()).isEmpty();
    assertThat(zeroV1.isTruncated()).isFalse();
    ListObjectsV2Response big = s3.listObjectsV2(b -> b.bucket(BUCKET).maxKeys(5000));
    assertThat(big.maxKeys()).isEqualTo(1000);
    assertThat(keys(big.contents())).containsExactlyElementsOf(KEYS);
  }

  @Test
  void badParametersAreInvalidArgument() {
    assertS3Error(
        () -> s3.listObjectsV2(b -> b.bucket(BUCKET).maxKeys(-1)), 400, "InvalidArgument");
    assertS3Error(() -> s3.listObjects(b -> b.bucket(BUCKET).maxKeys(-1)), 400, "InvalidArgument");
    assertS3Error(
        () -> s3.listObjectsV2(b -> b.bucket(BUCKET).encodingType("base64")),
        400,
        "InvalidArgument");
    assertS3Error(
        () -> s3.listObjectsV2(b -> b.bucket(BUCKET).continuationToken("bogus!")),
        400,
        "InvalidArgument");
  }

  @Test
  void missingBucketIsNoSuchBucket() {
    assertThatThrownBy(() -> s3.listObjectsV2(b -> b.bucket("no-such-bucket")))
        .isInstanceOf(NoSuchBucketException.class);
    assertThatThrownBy(() -> s3.listObjects(b -> b.bucket("no-such-bucket").maxKeys(0)))
        .isInstanceOf(NoSuchBucketException.class);
  }

  @Test
  void asyncPaginatorSeesEveryKey() throws Exception {
    List<String> seen = new CopyOnWriteArrayList<>();
    DFS.server()
        .asyncClient()
        .listObjectsV2Paginator(b -> b.bucket(BUCKET).maxKeys(2))
        .contents()
        .subscribe(o -> seen.add(o.key()))
        .get();
    assertThat(seen).containsExactlyElementsOf(KEYS);
  }

  @Test
  void wireFormOfUrlEncoding() throws Exception {
    HttpResponse<String> r =
        raw.get("/" + BUCKET + "?list-type=2&encoding-type=url&delimiter=%2F&start-after=%20");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("x-amz-bucket-region")).hasValue("us-east-1");
    assertThat(r.body())
        .startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>")
        .contains("<StartAfter>%20</StartAfter>")
        .contains("<Delimiter>/</Delimiter><EncodingType>url</EncodingType>")
        .contains("<Key>100%25</Key>", "<Key>a%20b</Key>", "<Key>a%2Bb</Key>")
        .contains("<CommonPrefixes><Prefix>p%20q/</Prefix></CommonPrefixes>")
        .contains("<CommonPrefixes><Prefix>%C3%BC/</Prefix></CommonPrefixes>");
  }

  /** S3 escapes control characters such as a newline in Key and Prefix with encoding-type=url. */
  @Test
  void urlEncodingEscapesSpacesAndControlCharacters() throws Exception {
    assertThat(raw.send("PUT", "/" + BUCKET + "/nl%0Adir/x%20y%0A", "x").statusCode())
        .isEqualTo(200);
    HttpResponse<String> r = raw.get("/" + BUCKET + "?list-type=2&encoding-type=url&prefix=nl%0A");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("<Prefix>nl%0A</Prefix>", "<Key>nl%0Adir/x%20y%0A</Key>");
    HttpResponse<String> v1 =
        raw.get("/" + BUCKET + "?encoding-type=url&prefix=nl%0A&delimiter=%2F");
    assertThat(v1.body()).contains("<CommonPrefixes><Prefix>nl%0Adir/</Prefix></CommonPrefixes>");
  }

  @Test
  void anEmptyContinuationTokenAsksForTheFirstPage() throws Exception {
    ListObjectsV2Response r = s3.listObjectsV2(b -> b.bucket(BUCKET).continuationToken(""));
    assertThat(keys(r.contents())).containsExactlyElementsOf(KEYS);
    HttpResponse<String> wire = raw.get("/" + BUCKET + "?list-type=2&continuation-token=");
    assertThat(wire.statusCode()).isEqualTo(200);
    assertThat(wire.body())
        .containsPattern("<ContinuationToken\\s*/>|<ContinuationToken></ContinuationToken>");
  }

  @Test
  void aKeyThatIsNotUtf8CannotBeParsed() throws Exception {
    HttpResponse<String> r = raw.send("PUT", "/" + BUCKET + "/bad%FFkey", "x");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body())
        .contains(
            "<Code>InvalidURI</Code>", "<Message>Couldn't parse the specified URI.</Message>");
  }

  @Test
  void wireFormOfV1() throws Exception {
    HttpResponse<String> r = raw.get("/" + BUCKET + "?max-keys=1&prefix=a");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/xml");
    assertThat(r.body())
        .contains(
            "<Name>listing</Name><Prefix>a</Prefix><Marker></Marker>"
                + "<MaxKeys>1</MaxKeys><IsTruncated>true</IsTruncated>")
        .contains("<Key>a b</Key>")
        .doesNotContain("NextMarker");
  }

  @Test
  void wireFormOfErrors() throws Exception {
    HttpResponse<String> r = raw.get("/" + BUCKET + "?list-type=2&max-keys=abc");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body())
        .contains("<Code>InvalidArgument</Code>")
        .contains("<ArgumentName>max-keys</ArgumentName>");
    HttpResponse<String> missing = raw.get("/nothing-here?list-type=2");
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(missing.body())
        .contains("<Code>NoSuchBucket</Code>")
        .contains("<BucketName>nothing-here</BucketName>");
  }
}
