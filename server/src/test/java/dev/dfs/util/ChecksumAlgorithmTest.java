package dev.dfs.util;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The checksums against their published check values (the CRC catalogue's "check": the checksum of
 * the ASCII bytes {@code 123456789}) and CRC-64/NVME against a bit-at-a-time reference, so the
 * table-driven form cannot drift. (The AWS SDK's own CRC64NVME needs the native CRT library, which
 * the test class path does not carry.)
 */
class ChecksumAlgorithmTest {
  private static final byte[] CHECK = "123456789".getBytes(StandardCharsets.US_ASCII);

  @Test
  void publishedCheckValues() {
    assertThat(hex(ChecksumAlgorithm.CRC32, CHECK)).isEqualTo("cbf43926");
    assertThat(hex(ChecksumAlgorithm.CRC32C, CHECK)).isEqualTo("e3069283");
    assertThat(hex(ChecksumAlgorithm.CRC64NVME, CHECK)).isEqualTo("ae8b14860a799888");
    assertThat(hex(ChecksumAlgorithm.SHA1, CHECK))
        .isEqualTo("f7c3bc1d808e04732adf679965ccc34ca7ae3441");
    assertThat(hex(ChecksumAlgorithm.CRC64NVME, new byte[0])).isEqualTo("0000000000000000");
  }

  @Test
  void crc64NvmeMatchesABitwiseReferenceWhateverTheSplit() {
    Random random = new Random(42);
    for (int length : new int[] {1, 7, 8, 63, 1000, 65_537}) {
      byte[] data = new byte[length];
      random.nextBytes(data);
      int split = random.nextInt(length + 1);
      ChecksumAlgorithm.RunningChecksum c = ChecksumAlgorithm.CRC64NVME.newChecksum();
      c.update(data, 0, split);
      c.update(data, split, length - split);
      assertThat(Hex.encode(c.finish()))
          .as("length %d", length)
          .isEqualTo(String.format("%016x", bitwiseCrc64Nvme(data)));
    }
  }

  /** CRC-64/NVME one bit at a time: reflected polynomial, init and xor-out all ones. */
  private static long bitwiseCrc64Nvme(byte[] data) {
    long crc = -1L;
    for (byte b : data) {
      crc ^= b & 0xFF;
      for (int k = 0; k < 8; k++) {
        crc = (crc & 1) != 0 ? (crc >>> 1) ^ 0x9A6C9329AC4BC9B5L : crc >>> 1;
      }
    }
    return ~crc;
  }

  private static String hex(ChecksumAlgorithm algorithm, byte[] data) {
    ChecksumAlgorithm.RunningChecksum c = algorithm.newChecksum();
    c.update(data, 0, data.length);
    return Hex.encode(c.finish());
  }
}
