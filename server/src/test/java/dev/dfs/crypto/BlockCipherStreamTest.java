package dev.dfs.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dfs.util.BodyException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BlockCipherStreamTest {
  private static final int B = BlockLayout.BLOCK_SIZE;
  private final DataKey key = DataKey.random();

  private static byte[] random(int n, long seed) {
    byte[] b = new byte[n];
    new Random(seed).nextBytes(b);
    return b;
  }

  private byte[] encrypt(byte[] plain, boolean knownSize) throws IOException {
    try (InputStream in =
        new EncryptingInputStream(
            new ByteArrayInputStream(plain), key, knownSize ? plain.length : -1)) {
      return in.readAllBytes();
    }
  }

  private byte[] decrypt(byte[] stored, List<Long> sizes, long first, long last)
      throws IOException {
    try (InputStream in =
        EncryptedRanges.open(
            (f, l) -> new ByteArrayInputStream(stored, (int) f, (int) (l - f + 1)),
            key,
            sizes,
            first,
            last)) {
      return in.readAllBytes();
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, B - 1, B, B + 1, 3 * B, 5 * 1024 * 1024 + 17})
  void roundTripsEverySizeWithKnownAndUnknownLength(int size) throws IOException {
    byte[] plain = random(size, size);
    for (boolean known : new boolean[] {true, false}) {
      byte[] stored = encrypt(plain, known);
      assertThat(stored.length).isEqualTo(BlockLayout.cipherSize(size));
      byte[] back = size == 0 ? new byte[0] : decrypt(stored, List.of((long) size), 0, size - 1);
      assertThat(back).isEqualTo(plain);
    }
  }

  @Test
  void rangesAtAndAcrossBlockEdgesDecryptOnlyWhatTheyNeed() throws IOException {
    int size = 4 * B + 123;
    byte[] plain = random(size, 7);
    byte[] stored = encrypt(plain, true);
    long[][] ranges = {
      {0, 0},
      {B - 1, B - 1},
      {B - 1, B},
      {B, B},
      {B, 2 * B - 1},
      {B - 5, 3 * B + 5},
      {4L * B, size - 1},
      {size - 1, size - 1},
      {17, size - 1}
    };
    for (long[] r : ranges) {
      List<long[]> opened = new ArrayList<>();
      byte[] got;
      try (InputStream in =
          EncryptedRanges.open(
              (f, l) -> {
                opened.add(new long[] {f, l});
                return new ByteArrayInputStream(stored, (int) f, (int) (l - f + 1));
              },
              key,
              List.of((long) size),
              r[0],
              r[1])) {
        got = in.readAllBytes();
      }
      assertThat(got).isEqualTo(Arrays.copyOfRange(plain, (int) r[0], (int) r[1] + 1));
      long read = opened.stream().mapToLong(o -> o[1] - o[0] + 1).sum();
      long blocks = r[1] / B - r[0] / B + 1;
      assertThat(read)
          .isLessThanOrEqualTo(blocks * (B + BlockLayout.TAG_SIZE) + BlockLayout.HEADER_SIZE);
    }
  }

  @Test
  void rangesSpanSeveralPieces() throws IOException {
    byte[] a = random(B + 10, 1);
    byte[] b = random(3, 2);
    byte[] c = random(2 * B, 3);
    byte[] stored = concat(encrypt(a, true), encrypt(b, false), encrypt(c, true));
    byte[] plain = concat(a, b, c);
    List<Long> sizes = List.of((long) a.length, (long) b.length, (long) c.length);
    assertThat(EncryptedRanges.storedSize(sizes)).isEqualTo(stored.length);
    assertThat(decrypt(stored, sizes, 0, plain.length - 1)).isEqualTo(plain);
    assertThat(decrypt(stored, sizes, B + 5, B + 14))
        .isEqualTo(Arrays.copyOfRange(plain, B + 5, B + 15));
  }

  @Test
  void aFlippedBitFailsWithoutReturningGarbage() throws IOException {
    byte[] plain = random(3 * B, 9);
    byte[] stored = encrypt(plain, true);
    stored[(int) BlockLayout.blockStart(1) + 100] ^= 1;
    assertThatThrownBy(() -> decrypt(stored, List.of((long) plain.length), 0, plain.length - 1))
        .isInstanceOf(CipherIntegrityException.class);
    // block 0 alone is intact
    assertThat(decrypt(stored, List.of((long) plain.length), 0, B - 1))
        .isEqualTo(Arrays.copyOf(plain, B));
    assertThatThrownBy(() -> decrypt(stored, List.of((long) plain.length), B, B))
        .isInstanceOf(CipherIntegrityException.class);
  }

  @Test
  void swappedBlocksFail() throws IOException {
    byte[] plain = random(3 * B, 10);
    byte[] stored = encrypt(plain, true);
    int len = B + BlockLayout.TAG_SIZE;
    byte[] swapped = stored.clone();
    System.arraycopy(
        stored, (int) BlockLayout.blockStart(0), swapped, (int) BlockLayout.blockStart(1), len);
    System.arraycopy(
        stored, (int) BlockLayout.blockStart(1), swapped, (int) BlockLayout.blockStart(0), len);
    assertThatThrownBy(() -> decrypt(swapped, List.of((long) plain.length), 0, 10))
        .isInstanceOf(CipherIntegrityException.class);
  }

  @Test
  void truncationAndAWrongKeyFail() throws IOException {
    byte[] plain = random(2 * B + 5, 11);
    byte[] stored = encrypt(plain, true);
    // drop the last block and claim the object ends after block 1
    byte[] cut = Arrays.copyOf(stored, (int) BlockLayout.blockStart(2));
    assertThatThrownBy(() -> decrypt(cut, List.of(2L * B), 0, 2L * B - 1))
        .isInstanceOf(CipherIntegrityException.class);
    DataKey other = DataKey.random();
    assertThatThrownBy(
            () -> {
              try (InputStream in =
                  EncryptedRanges.open(
                      (f, l) -> new ByteArrayInputStream(stored, (int) f, (int) (l - f + 1)),
                      other,
                      List.of((long) plain.length),
                      0,
                      5)) {
                in.readAllBytes();
              }
            })
        .isInstanceOf(CipherIntegrityException.class);
  }

  @Test
  void aShortBodyOfKnownSizeIsIncomplete() {
    assertThatThrownBy(
            () -> {
              try (InputStream in =
                  new EncryptingInputStream(new ByteArrayInputStream(new byte[10]), key, 11)) {
                in.readAllBytes();
              }
            })
        .isInstanceOf(BodyException.class)
        .extracting(e -> ((BodyException) e).fault())
        .isEqualTo(BodyException.Fault.INCOMPLETE_BODY);
  }

  @Test
  void sameDataEncryptsDifferentlyEachTime() throws IOException {
    byte[] plain = random(100, 12);
    assertThat(encrypt(plain, true)).isNotEqualTo(encrypt(plain, true));
  }

  private static byte[] concat(byte[]... parts) {
    int n = 0;
    for (byte[] p : parts) n += p.length;
    byte[] out = new byte[n];
    int at = 0;
    for (byte[] p : parts) {
      System.arraycopy(p, 0, out, at, p.length);
      at += p.length;
    }
    return out;
  }
}
