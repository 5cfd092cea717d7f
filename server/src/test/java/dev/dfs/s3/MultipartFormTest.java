package dev.dfs.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MultipartFormTest {
  static final String B = "XyZzy42";

  static byte[] form(byte[] file) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(
        ("--"
                + B
                + "\r\nContent-Disposition: form-data; name=\"key\"\r\n\r\n"
                + "a/b\r\n--"
                + B
                + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"x;y.bin\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n")
            .getBytes(StandardCharsets.UTF_8));
    out.writeBytes(file);
    out.writeBytes(
        ("\r\n--"
                + B
                + "\r\nContent-Disposition: form-data; name=\"after\"\r\n\r\nz\r\n--"
                + B
                + "--\r\n")
            .getBytes(StandardCharsets.UTF_8));
    return out.toByteArray();
  }

  /** Returns 1 to 7 bytes per read, so delimiters straddle every possible read edge. */
  static InputStream trickle(byte[] data) {
    Random r = new Random(3);
    return new FilterInputStream(new ByteArrayInputStream(data)) {
      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        return super.read(b, off, Math.min(len, 1 + r.nextInt(7)));
      }
    };
  }

  @Test
  void streamsLargeFilesWhoseBytesResembleTheDelimiter() throws Exception {
    byte[] file = new byte[300_000];
    new Random(1).nextBytes(file);
    byte[] near = ("\r\n--" + B.substring(0, 5)).getBytes(StandardCharsets.UTF_8);
    System.arraycopy(near, 0, file, 65_530, near.length); // a partial delimiter at a buffer edge
    for (InputStream in :
        new InputStream[] {new ByteArrayInputStream(form(file)), trickle(form(file))}) {
      MultipartForm f = new MultipartForm(in, B);
      MultipartForm.Part key = f.next();
      assertThat(key.name()).isEqualTo("key");
      assertThat(f.value(100)).isEqualTo("a/b");
      MultipartForm.Part filePart = f.next();
      assertThat(filePart.filename()).isEqualTo("x;y.bin");
      assertThat(filePart.contentType()).isEqualTo("application/octet-stream");
      assertThat(f.body().readAllBytes()).isEqualTo(file);
      assertThat(f.next().name()).isEqualTo("after");
      assertThat(f.next()).isNull();
    }
  }

  @Test
  void truncatedOrMalformedBodiesAreMalformedPostRequests() {
    byte[] whole = form("abc".getBytes(StandardCharsets.UTF_8));
    byte[] cut = java.util.Arrays.copyOf(whole, whole.length - 40);
    assertThatThrownBy(
            () -> {
              MultipartForm f = new MultipartForm(new ByteArrayInputStream(cut), B);
              f.next();
              f.value(100);
              f.next();
              f.body().readAllBytes();
              f.next();
              f.value(100);
            })
        .isInstanceOfSatisfying(
            S3Exception.class,
            e -> assertThat(e.code()).isEqualTo(S3ErrorCode.MALFORMED_POST_REQUEST));
    assertThatThrownBy(
            () ->
                new MultipartForm(
                        new ByteArrayInputStream("garbage".getBytes(StandardCharsets.UTF_8)), B)
                    .next())
        .isInstanceOf(S3Exception.class);
    assertThat(MultipartForm.boundary("multipart/form-data; boundary=\"abc\"")).isEqualTo("abc");
    assertThat(MultipartForm.boundary("application/json")).isNull();
  }
}
