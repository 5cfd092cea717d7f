package dev.dfs.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ListParamsTest {

  static S3Request request(String... nameValues) {
    Map<String, String> q = new LinkedHashMap<>();
    for (int i = 0; i < nameValues.length; i += 2) q.put(nameValues[i], nameValues[i + 1]);
    return new S3Request(S3Operation.LIST_OBJECTS, "GET", "b", null, q, null);
  }

  @Test
  void defaults() {
    ListParams p = ListParams.parse(request());
    assertThat(p).isEqualTo(new ListParams("", null, 1000, false));
  }

  @Test
  void readsAll() {
    ListParams p =
        ListParams.parse(
            request("prefix", "a/", "delimiter", "--", "max-keys", "7", "encoding-type", "url"));
    assertThat(p).isEqualTo(new ListParams("a/", "--", 7, true));
  }

  @Test
  void emptyDelimiterIsNone() {
    assertThat(ListParams.parse(request("delimiter", "")).delimiter()).isNull();
  }

  @ParameterizedTest
  @CsvSource({"0,0", "1,1", "1000,1000", "1001,1000", "2147483647,1000"})
  void maxKeysCappedAt1000(String value, int expected) {
    assertThat(ListParams.maxKeys(value)).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"-1", "abc", "", "1.5", "2147483648", "0x10"})
  void badMaxKeysIsInvalidArgument(String value) {
    assertThatThrownBy(() -> ListParams.maxKeys(value))
        .isInstanceOfSatisfying(
            S3Exception.class, e -> assertThat(e.code()).isEqualTo(S3ErrorCode.INVALID_ARGUMENT));
  }

  @ParameterizedTest
  @ValueSource(strings = {"base64", "URLx", "none"})
  void unknownEncodingTypeIsInvalidArgument(String value) {
    assertThatThrownBy(() -> ListParams.urlEncoded(value))
        .isInstanceOfSatisfying(
            S3Exception.class,
            e -> {
              assertThat(e.code()).isEqualTo(S3ErrorCode.INVALID_ARGUMENT);
              assertThat(e.extra()).containsEntry("ArgumentName", "encoding-type");
            });
  }

  @Test
  void urlEncodingTypeIsAccepted() {
    assertThat(ListParams.urlEncoded("url")).isTrue();
    assertThat(ListParams.urlEncoded(null)).isFalse();
  }
}
