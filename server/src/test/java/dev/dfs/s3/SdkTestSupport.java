package dev.dfs.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.dfs.util.ChecksumAlgorithm;
import java.util.Random;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** Small helpers shared by the SDK behaviour tests. */
final class SdkTestSupport {
  private SdkTestSupport() {}

  static byte[] randomBytes(int n, long seed) {
    byte[] b = new byte[n];
    new Random(seed).nextBytes(b);
    return b;
  }

  static String md5Hex(byte[] data) {
    return dev.dfs.testing.Digests.md5Hex(data);
  }

  static byte[] md5(byte[] data) {
    return dev.dfs.testing.Digests.md5(data);
  }

  static String checksum(ChecksumAlgorithm algorithm, byte[] data) {
    ChecksumAlgorithm.RunningChecksum c = algorithm.newChecksum();
    c.update(data, 0, data.length);
    return c.finishBase64();
  }

  static String quoted(String s) {
    return "\"" + s + "\"";
  }

  /** Runs {@code call}, expects an S3 error with that status and (when not null) code. */
  static S3Exception expectError(int status, String code, ThrowingCallable call) {
    S3Exception e = catchThrowableOfType(S3Exception.class, call);
    assertThat(e).as("expected HTTP %s %s", status, code).isNotNull();
    assertThat(e.statusCode()).as(e.getMessage()).isEqualTo(status);
    if (code != null) {
      assertThat(e.awsErrorDetails().errorCode()).as(e.getMessage()).isEqualTo(code);
    }
    return e;
  }

  /** Polls {@code condition} every 50 ms until it holds; fails after {@code deadline}. */
  static void await(
      String what, java.time.Duration deadline, java.util.function.BooleanSupplier condition)
      throws InterruptedException {
    long end = System.nanoTime() + deadline.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > end) throw new AssertionError("timed out waiting until " + what);
      Thread.sleep(50);
    }
  }
}
