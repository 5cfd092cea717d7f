package dev.dfs.s3;

import dev.dfs.util.BodyException;
import dev.dfs.util.SingleByteRead;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;

/**
 * The request body as the client sent it, with every failure to read it turned into the client's
 * fault: a connection that ended early ({@code EofException: Early EOF}), broken HTTP chunked
 * framing (Jetty's {@code BadMessageException}) or a reset become a {@link BodyException} ({@code
 * INCOMPLETE_BODY}), so that whatever reads the body (the authenticator's decoders, the store, a
 * trailer drain) fails with a 400 and never turns a client's broken upload into a 500 with a stack
 * trace. The one place where this mapping is made: handlers need no catch of their own. Not
 * thread-safe (as any InputStream).
 */
final class ClientBody extends FilterInputStream {
  private ClientBody(InputStream in) {
    super(in);
  }

  /** The body of {@code request}, with read failures mapped as described above. */
  static InputStream of(Request request) {
    return new ClientBody(Content.Source.asInputStream(request));
  }

  @Override
  public int read() throws IOException {
    return SingleByteRead.of(this);
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    try {
      return in.read(b, off, len);
    } catch (BodyException e) {
      throw e;
    } catch (IOException e) {
      throw broken(e);
    } catch (RuntimeException e) {
      if (e instanceof HttpException) throw broken(e);
      throw e;
    }
  }

  @Override
  public long skip(long n) throws IOException {
    try {
      return in.skip(n);
    } catch (IOException e) {
      throw broken(e);
    } catch (RuntimeException e) {
      if (e instanceof HttpException) throw broken(e);
      throw e;
    }
  }

  @Override
  public int available() throws IOException {
    try {
      return in.available();
    } catch (IOException | RuntimeException e) {
      return 0; // the next read reports the failure
    }
  }

  private static BodyException broken(Exception cause) {
    BodyException e =
        new BodyException(
            BodyException.Fault.INCOMPLETE_BODY,
            "The request body ended before it was complete or its HTTP framing was broken ("
                + (cause.getMessage() == null
                    ? cause.getClass().getSimpleName()
                    : cause.getMessage())
                + ").");
    e.initCause(cause);
    return e;
  }
}
