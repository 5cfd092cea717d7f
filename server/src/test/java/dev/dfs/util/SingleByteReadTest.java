package dev.dfs.util;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import org.junit.jupiter.api.Test;

class SingleByteReadTest {
  /** Serves 0xFF, then an empty read, then 0x00, then the end. */
  private static final class Stuttering extends InputStream {
    private int step;

    @Override
    public int read() {
      throw new AssertionError("not used");
    }

    @Override
    public int read(byte[] b, int off, int len) {
      return switch (step++) {
        case 0 -> {
          b[off] = (byte) 0xFF;
          yield 1;
        }
        case 1 -> 0;
        case 2 -> {
          b[off] = 0;
          yield 1;
        }
        default -> -1;
      };
    }
  }

  @Test
  void bytesAreUnsignedEmptyReadsAreRetriedAndTheEndIsMinusOne() throws Exception {
    InputStream in = new Stuttering();
    assertThat(SingleByteRead.of(in)).isEqualTo(255);
    assertThat(SingleByteRead.of(in)).isZero();
    assertThat(SingleByteRead.of(in)).isEqualTo(-1);
  }
}
